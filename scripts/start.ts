// `npm start`: everything the dashboard needs on one machine with zero configuration — the dev certificate,
// the database (DATABASE_URL or an embedded Postgres), migrations, a build when sources changed, the demo Azure
// stand-in (demo mode), the background sync, and `next start`. Ctrl-C stops all of it, Postgres included.
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureDatabase } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrate';
import { parseEnvOrExit } from '../lib/runtime/parse-env-or-exit';
import { isEntraConfigured } from '../lib/auth/identity-provider';
import { ensureAuthSecret } from '../lib/auth/local-idp/auth-secret';
import { LOCAL_IDP_ENV, startLocalIdp } from '../lib/auth/local-idp';
import { ensureTrustedDevCertificate } from '../lib/runtime/ensure-trust';
import { needsBuild } from '../lib/runtime/needs-build';
import { openAzure } from '../lib/runtime/open-azure';
import { seedDemoSecureScoreHistory } from '../lib/demo/secure-score-history';
import { scheduleSettings, startScheduler } from '../lib/runtime/scheduler';
import { createSyncPool } from '../lib/db/sync-pool';
import { listenHost, LOOPBACK } from '../lib/runtime/listen-host';
import { isLoopbackHost, staticErrorHeaders } from '../lib/security/headers';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const log = (line: string) => process.stderr.write(`[posture] ${line}\n`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const env = parseEnvOrExit(log);
  const { certificate } = await ensureTrustedDevCertificate(env.DATA_DIR);
  const db = await ensureDatabase(env, log);
  const cleanups: (() => Promise<void>)[] = [() => db.stop()];
  let next: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping …');
    if (next && next.exitCode === null) {
      const exited = new Promise((r) => next?.once('exit', r));
      next.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    log('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await migrate(db.url, { log });
    // No telemetry: the dashboard may run where nothing should leave the network.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
    if (needsBuild()) {
      log('building the app (first start, or sources changed) …');
      const code = await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], childEnv);
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
    }
    const azure = await openAzure(env, certificate);
    cleanups.push(() => azure.close());
    if (azure.mode === 'demo') log(`demo mode: serving a generated tenant from the local Azure stand-in at ${azure.settings.armEndpoint}`);

    // Sign-in: Entra ID when configured; otherwise, in demo mode, the local OpenID Connect provider with the
    // demo users — the app signs in through the same Entra provider code either way.
    const appUrl = env.AUTH_URL ?? `http://localhost:${env.PORT}`;
    childEnv.AUTH_URL = appUrl;
    childEnv.AUTH_SECRET = env.AUTH_SECRET ?? (await ensureAuthSecret(env.DATA_DIR));
    if (!isEntraConfigured(env) && env.POSTURE_MODE === 'demo') {
      const idp = await startLocalIdp({ port: 0, tls: { key: certificate.key, cert: certificate.cert }, appUrl });
      cleanups.push(() => idp.stop());
      childEnv[LOCAL_IDP_ENV.issuer] = idp.issuer;
      childEnv[LOCAL_IDP_ENV.clientId] = idp.clientId;
      childEnv[LOCAL_IDP_ENV.clientSecret] = idp.clientSecret;
      childEnv[LOCAL_IDP_ENV.browserUrl] = idp.browserUrl;
      log(`demo sign-in: local identity provider at ${idp.issuer} (users: security, cluster-operator, app-operator, developer, manager, admin; password "demo")`);
    } else if (!isEntraConfigured(env)) {
      log('Entra ID is not configured (AUTH_MICROSOFT_ENTRA_ID_*): nobody will be able to sign in. See docs/entra-id.md.');
    }

    const pool = createSyncPool(db.url, log);
    cleanups.push(() => pool.end());
    if (azure.demoTenant) {
      // Defender serves today's secure score only; the demo starts with a year of history so trends have a past.
      const added = await seedDemoSecureScoreHistory(pool, azure.demoTenant, new Date());
      if (added > 0) log(`demo: seeded a year of secure score history (${added} rows)`);
    }
    const scheduler = await startScheduler({ pool, databaseUrl: db.url, azure: azure.settings, ...scheduleSettings(env), log });
    cleanups.push(() => scheduler.stop());

    // The front door (client address, malformed URLs) runs inside the Next process, ahead of Next.
    childEnv.TRUSTED_PROXY_HOPS = String(env.TRUSTED_PROXY_HOPS);
    childEnv.POSTURE_FRONT_DOOR_HEADERS = JSON.stringify(staticErrorHeaders({ loopback: isLoopbackHost(new URL(appUrl).host) }));
    const host = listenHost(env);
    const frontDoor = pathToFileURL(path.resolve('lib/runtime/front-door-preload.mjs')).href;
    const nextArgs = ['--import', frontDoor, 'node_modules/next/dist/bin/next', 'start', '-p', String(env.PORT), ...(host ? ['-H', host] : [])];
    next = spawn(process.execPath, nextArgs, { stdio: 'inherit', env: childEnv });
    next.on('exit', (code, signal) => {
      if (stopping) return;
      // Ctrl-C reaches the whole process group, so Next may stop before our own handler runs: not an error.
      if (signal === 'SIGINT' || signal === 'SIGTERM') return void shutdown(0);
      log(`the web server exited (code ${code ?? signal ?? 'unknown'})`);
      void shutdown(code ?? 1);
    });
    log(`dashboard on http://localhost:${env.PORT}`);
    if (host === LOOPBACK && !env.HOST) log('listening on loopback only (demo sign-in has well-known passwords); set HOST=0.0.0.0 to listen on every interface');
    else log(`listening on ${host ?? 'every interface'}`);
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    await shutdown(1);
  }
}

void main();

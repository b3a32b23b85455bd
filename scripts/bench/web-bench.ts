// npm run bench:web — the pages at enterprise size, over HTTP, signed in, as people use them:
//   1. builds (or reuses) a database of the chosen size from the demo generator (load-bench-tenant.ts),
//   2. starts the app against it (`npm start` with DATABASE_URL, no sync),
//   3. signs in through the local identity provider in Chromium as `security` (every cluster) and `developer`
//      (the payments team's clusters),
//   4. drives each page with autocannon at 1 and 10 connections and prints p50/p95/p99, errors and response size,
//      plus the first-load JavaScript (gzipped) of each route.
// Prints figures; asserts nothing (timings on a shared machine are not a test).
// Usage: npm run bench:web -- [--clusters 2000] [--duration 10] [--port 4550] [--pg-port 55550] [--fresh]
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { clusterPath } from '../../lib/clusters/cluster-address';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { migrate } from '../../lib/db/migrate';
import { loadBenchTenant } from './load-bench-tenant';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '10' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '4550' },
    'pg-port': { type: 'string', default: process.env.BENCH_PG_PORT ?? '55550' },
    'data-dir': { type: 'string', default: '.data/bench-web' },
    fresh: { type: 'boolean', default: false },
  },
});
const clusters = Number(values.clusters);
const duration = Number(values.duration);
const port = Number(values.port);
const log = (line: string) => console.log(`[bench:web] ${line}`);

// ---- 1. the database ----
const server = await startEmbeddedPostgres({ dataDir: values['data-dir'], port: Number(values['pg-port']) });
const dbName = `bench_web_${clusters}`;
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
if (values.fresh) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const dbUrl = new URL(server.url);
dbUrl.pathname = `/${dbName}`;
const databaseUrl = dbUrl.toString();
await migrate(databaseUrl);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const have = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM clusters')).rows[0]!.n;
if (have === 0) {
  log(`building a database of ${clusters} clusters …`);
  const loaded = await loadBenchTenant(pool, { clusters, log });
  log(`loaded ${loaded.clusters} clusters, ${loaded.findings} findings`);
} else {
  log(`reusing ${dbName} (${have} clusters); --fresh rebuilds it`);
}
const size = (await pool.query<{ findings: number; open: number; summary: number }>(
  `SELECT (SELECT count(*)::int FROM findings) AS findings, (SELECT count(*)::int FROM findings WHERE status = 'open') AS open,
          (SELECT count(*)::int FROM finding_counts) AS summary`,
)).rows[0]!;
log(`database: ${size.findings} findings (${size.open} open), ${size.summary} summary rows`);

// Targets people actually open: a cluster of the developer's team, a deep page of the open findings list.
// The cluster page at its readable address (the old /clusters/<id> answers with a redirect, which the drive counts as an error).
const devClusterRow = (await pool.query<{ subscriptionId: string; resourceGroup: string; name: string }>(
  `SELECT subscription_id AS "subscriptionId", resource_group AS "resourceGroup", name FROM clusters WHERE team = 'payments' AND deleted_at IS NULL ORDER BY name LIMIT 1`,
)).rows[0]!;
const devClusterPath = clusterPath(devClusterRow);
const deepCursor = async (where: string) =>
  (await pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE status = 'open' AND ${where} ORDER BY severity, id DESC OFFSET 50000 LIMIT 1`)).rows[0]?.id;
const deepAll = await deepCursor('TRUE');
const deepDev = await deepCursor(`cluster_id IN (SELECT id FROM clusters WHERE team = 'payments')`);
await pool.end();

// ---- 2. the app ----
const env = {
  ...process.env,
  PORT: String(port),
  DATABASE_URL: databaseUrl,
  DATA_DIR: `${values['data-dir']}/app`,
  SYNC_ON_START: 'false',
  SYNC_INTERVAL_MINUTES: '0',
  SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
  LOG_LEVEL: 'warn',
};
const app: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://localhost:${port}`;
async function stopAll(code: number): Promise<never> {
  if (app.exitCode === null) {
    const exited = new Promise((r) => app.once('exit', r));
    app.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(130));

try {
  for (let i = 0; ; i++) {
    if (app.exitCode !== null) throw new Error('the app exited during start-up');
    if (i > 600) throw new Error('the app did not answer /api/health within 10 minutes');
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(`app on ${base}`);

  // ---- 3. sign in through the local identity provider ----
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  async function signIn(user: string): Promise<string> {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByLabel(/user/i).fill(user);
    await page.getByLabel(/password/i).fill('demo');
    await page.getByRole('button', { name: /sign in|continue/i }).click();
    await page.waitForURL((url) => url.origin === new URL(base).origin && !url.pathname.startsWith('/sign-in'), { timeout: 120_000 });
    const cookies = await context.cookies(base);
    await context.close();
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }
  const people = { security: await signIn('security'), developer: await signIn('developer') };
  await browser.close();
  log('signed in as security and developer');

  // ---- 4. the pages ----
  const pages: Record<keyof typeof people, [string, string][]> = {
    security: [
      ['landing', '/'],
      ['clusters list', '/clusters'],
      ['clusters list, worst first, page 3', '/clusters?sort=critical&page=3'],
      ['cluster page', devClusterPath],
      ['findings, first page', '/findings'],
      ['findings, two filters', '/findings?severity=critical&stage=build'],
      ['findings, deep cursor (50,000 in)', `/findings?cursor=${deepAll}`],
      ['findings, search "openssl"', '/findings?q=openssl'],
    ],
    developer: [
      ['landing', '/'],
      ['clusters list', '/clusters'],
      ['cluster page', devClusterPath],
      ['findings, two filters', '/findings?severity=high&source=defender-vulnerability'],
      ['findings, deep cursor (50,000 in)', deepDev ? `/findings?cursor=${deepDev}` : '/findings'],
      ['findings, search "openssl"', '/findings?q=openssl'],
    ],
  };

  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  function drive(path: string, cookie: string, connections: number): Promise<{ n: number; p50: number; p95: number; p99: number; errors: number; bytes: number }> {
    return new Promise((resolve, reject) => {
      const times: number[] = [];
      let errors = 0;
      let bytes = 0;
      const instance = autocannon(
        { url: `${base}${path}`, connections, duration, headers: { cookie }, timeout: 60 },
        (err, result) => {
          if (err) return reject(err);
          times.sort((a, b) => a - b);
          resolve({ n: times.length, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), errors: errors + result.errors + result.timeouts, bytes });
        },
      );
      instance.on('response', (_client: unknown, status: number, resBytes: number, ms: number) => {
        times.push(ms);
        bytes = resBytes;
        // A redirect here means the session was refused (sign-in page): count it as an error, like a 4xx/5xx.
        if (status >= 300) errors += 1;
      });
    });
  }

  async function firstLoadJs(path: string, cookie: string): Promise<number> {
    const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
    const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))];
    let total = 0;
    for (const src of srcs) total += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
    return total;
  }

  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`\n${clusters} clusters, ${size.findings.toLocaleString('en-US')} findings; ${duration} s per run; latency in ms\n`);
  console.log(`${'user'.padEnd(10)} ${'page'.padEnd(36)} conn ${'reqs'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} errors ${'html'.padStart(8)} ${'1st-load JS'.padStart(11)}`);
  for (const [who, list] of Object.entries(pages) as [keyof typeof people, [string, string][]][]) {
    for (const [label, path] of list) {
      const js = await firstLoadJs(path, people[who]);
      for (const connections of [1, 10]) {
        const r = await drive(path, people[who], connections);
        console.log(
          `${who.padEnd(10)} ${label.padEnd(36)} ${String(connections).padStart(4)} ${String(r.n).padStart(6)} ${r.p50.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(7)} ${r.p99.toFixed(0).padStart(7)} ${String(r.errors).padStart(6)} ${kb(r.bytes).padStart(8)} ${kb(js).padStart(11)}`,
        );
      }
    }
  }
  await stopAll(0);
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  await stopAll(1);
}

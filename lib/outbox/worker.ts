// The outbox worker of `npm start`: drains write-backs and digests every OUTBOX_INTERVAL_SECONDS, and on
// DIGEST_DAY queues last week's digest for every configured audience. Drains never overlap within the process;
// other processes may drain at the same time (SKIP LOCKED). Like the sync scheduler, nothing here rejects
// unhandled: a failed tick logs one line and the next tick tries again.
import { spawn } from 'node:child_process';
import type pg from 'pg';
import type { AzureSettings } from '../connectors/types';
import { configuredAudiences, webhookFor } from '../digest/audiences';
import { dueDigestWeek } from '../digest/schedule';
import { DIGEST_KIND, digestDedupeKey, digestWebhookChannel } from '../digest/webhook-channel';
import { getEnv, type Env } from '../env';
import { writeBackChannels } from '../triage/write-back-channels';
import { drainOutbox } from './drain';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The digest is rendered by the `posture digest` CLI, which runs with the react-server condition the data layer
 * needs (this process does not); it queues each audience's digest once (dedupe key) and sends it at once.
 */
function runDigestCli(week: string, databaseUrl: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/posture.ts', 'digest', '--week', week, '--send'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => {
      log(`digest for the week of ${week} could not start: ${e.message}`);
      resolve();
    });
    child.on('exit', (code) => {
      for (const line of output.split('\n').filter((l) => /^[✔✘]/.test(l))) log(`digest: ${line}`);
      if (code !== 0) log(`digest for the week of ${week} is not fully delivered (exit ${code ?? 'signal'}); the outbox retries it`);
      resolve();
    });
  });
}

export function startOutboxWorker(options: { pool: pg.Pool; azure: AzureSettings; log: (line: string) => void; signal: AbortSignal; env?: Env }): void {
  const { pool, azure, log, signal } = options;
  const env = options.env ?? getEnv();
  if (env.OUTBOX_INTERVAL_SECONDS === 0) return;
  const channels = { ...writeBackChannels(azure), [DIGEST_KIND]: digestWebhookChannel(webhookFor(env)) };
  let running = false;
  let digestTriedAt = 0;

  const queueDueDigest = async () => {
    const audiences = configuredAudiences(env);
    const week = audiences.length > 0 ? dueDigestWeek(new Date(), env.DIGEST_DAY) : null;
    // At most one CLI run per hour: a digest that failed to render is not re-rendered every tick.
    if (!week || Date.now() - digestTriedAt < 60 * 60_000) return;
    const keys = audiences.map((a) => digestDedupeKey(week, a));
    const queued = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = ANY($1::text[])', [keys]);
    if ((queued.rows[0]?.n ?? 0) >= keys.length) return;
    digestTriedAt = Date.now();
    const url = pool.options.connectionString;
    if (!url) return log('digest: the pool has no connection string; run `npm run posture -- digest --send` from a scheduler instead');
    log(`digest: sending the week of ${week} to ${audiences.length} audience(s)`);
    await runDigestCli(week, url, log);
  };

  const tick = () => {
    if (running || signal.aborted) return;
    running = true;
    void (async () => {
      const r = await drainOutbox(pool, { channels, signal, log });
      if (r.sent + r.failed + r.givenUp > 0) log(`outbox: ${r.sent} sent, ${r.failed} failed (retrying), ${r.givenUp} given up`);
      await queueDueDigest();
    })()
      .catch((e: unknown) => log(`outbox drain failed: ${errorText(e)}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, env.OUTBOX_INTERVAL_SECONDS * 1000);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}

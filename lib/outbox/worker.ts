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
 * needs (this process does not); it queues each audience's digest once (dedupe key) and sends it at once, as of the
 * tick's clock (`--as-of`).
 */
function runDigestCli(week: string, asOf: Date, databaseUrl: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const args = ['--conditions=react-server', '--import', 'tsx', 'scripts/posture.ts', 'digest', '--week', week, '--send', '--as-of', asOf.toISOString()];
    const child = spawn(process.execPath, args, {
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

export interface OutboxTickOptions {
  pool: pg.Pool;
  azure: AzureSettings;
  log: (line: string) => void;
  signal?: AbortSignal;
  env?: Env;
  /** The clock (tests pass their own; every time the tick reads comes from here). */
  now?: () => Date;
}

/**
 * One tick of the worker: drain what is due, then, on DIGEST_DAY or later, queue and send last week's digest for the
 * configured audiences unless every one of them is queued already. Rejects when the drain or the queueing fails.
 */
export function createOutboxTick(options: OutboxTickOptions): () => Promise<void> {
  const { pool, azure, log, signal } = options;
  const env = options.env ?? getEnv();
  const now = options.now ?? (() => new Date());
  const channels = { ...writeBackChannels(azure), [DIGEST_KIND]: digestWebhookChannel(webhookFor(env)) };
  let digestTriedAt = Number.NEGATIVE_INFINITY;

  const queueDueDigest = async () => {
    const audiences = configuredAudiences(env);
    const at = now();
    const week = audiences.length > 0 ? dueDigestWeek(at, env.DIGEST_DAY) : null;
    // At most one CLI run per hour: a digest that failed to render is not re-rendered every tick.
    if (!week || at.getTime() - digestTriedAt < 60 * 60_000) return;
    const keys = audiences.map((a) => digestDedupeKey(week, a));
    const queued = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = ANY($1::text[])', [keys]);
    if ((queued.rows[0]?.n ?? 0) >= keys.length) return;
    digestTriedAt = at.getTime();
    const url = pool.options.connectionString;
    if (!url) return log('digest: the pool has no connection string; run `npm run posture -- digest --send` from a scheduler instead');
    log(`digest: sending the week of ${week} to ${audiences.length} audience(s)`);
    await runDigestCli(week, at, url, log);
  };

  return async () => {
    const r = await drainOutbox(pool, { channels, signal, log, now });
    if (r.sent + r.failed + r.givenUp > 0) log(`outbox: ${r.sent} sent, ${r.failed} failed (retrying), ${r.givenUp} given up`);
    await queueDueDigest();
  };
}

export function startOutboxWorker(options: OutboxTickOptions & { signal: AbortSignal }): void {
  const { log, signal } = options;
  const env = options.env ?? getEnv();
  if (env.OUTBOX_INTERVAL_SECONDS === 0) return;
  const runTick = createOutboxTick({ ...options, env });
  let running = false;

  const tick = () => {
    if (running || signal.aborted) return;
    running = true;
    runTick()
      .catch((e: unknown) => log(`outbox drain failed: ${errorText(e)}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, env.OUTBOX_INTERVAL_SECONDS * 1000);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}

// Background sync for `npm start`, shared by every replica on one database through pg-boss (lib/jobs): each
// process runs one worker that takes source jobs from the queues, a one-minute cron tick (sent once, whichever
// process takes it) queues the sources that are due, and at start the cache is synced when older than the
// interval. A job whose process died is handed back to the queue by any other process within
// SYNC_TAKEOVER_SECONDS. Nothing here may reject unhandled: with the database gone, runs fail and are recorded,
// one line is logged, and the next tick tries again (the launcher, the web server and the sign-in stay up).
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { AzureSettings, Connector } from '../connectors/types';
import type { Env } from '../env';
import { failInterruptedRuns } from '../sync/run-record';
import { openBoss } from '../jobs/boss';
import { ALL_SOURCES, enqueueSync } from '../jobs/enqueue-sync';
import { findOrphanedJobs } from '../jobs/job-liveness';
import { SCHEDULE_QUEUE } from '../jobs/queues';
import { dueSources, SCHEDULE_CRON, withoutPendingJobs } from '../jobs/schedule';
import { startSyncWorker } from '../jobs/sync-worker';
import { startOutboxWorker } from '../outbox/worker';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface Scheduler {
  stop(): Promise<void>;
  readonly boss: PgBoss;
}

export interface SchedulerOptions {
  pool: pg.Pool;
  databaseUrl: string;
  azure: AzureSettings;
  intervalMinutes: number;
  syncOnStart: boolean;
  /** How often this process looks for jobs whose worker died, and hands them back to the queue. */
  takeoverSeconds: number;
  log: (line: string) => void;
  /** Tests: a shorter idle poll, other connectors. */
  pollMs?: number;
  connectorFor?: (source: Connector['id']) => Connector | undefined;
}

/** The schedule settings of the environment, as both launchers pass them. */
export function scheduleSettings(env: Pick<Env, 'SYNC_INTERVAL_MINUTES' | 'SYNC_ON_START' | 'SYNC_TAKEOVER_SECONDS'>) {
  return { intervalMinutes: env.SYNC_INTERVAL_MINUTES, syncOnStart: env.SYNC_ON_START, takeoverSeconds: env.SYNC_TAKEOVER_SECONDS };
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { pool, intervalMinutes, log } = options;
  const boss = await openBoss(options.databaseUrl, { role: 'worker', log });

  // Runs left `running` by a process that was killed are closed as interrupted before anything else.
  const closeInterrupted = async () => {
    const ids = await failInterruptedRuns(pool);
    if (ids.length > 0) log(`marked ${ids.length} interrupted sync run(s) as failed`);
  };
  await closeInterrupted().catch((e: unknown) => log(`could not check for interrupted sync runs: ${errorText(e)}`));

  const worker = startSyncWorker({ boss, pool, azure: options.azure, log, pollMs: options.pollMs, connectorFor: options.connectorFor });

  // Takeover: the dead worker's run is closed first (so run intervals of a source never overlap), then its job goes
  // back to the queue through pg-boss's retry, where the next free worker — this one or another — takes it.
  const takeOver = async () => {
    await closeInterrupted();
    for (const job of await findOrphanedJobs(pool)) {
      await boss.fail(job.name, job.id, { message: 'the worker running this job stopped; handed back to the queue' });
      log(`took over sync job ${job.name} (${job.id}): its worker stopped`);
    }
  };
  const takeoverTimer = setInterval(() => void takeOver().catch((e: unknown) => log(`takeover check failed: ${errorText(e)}`)), options.takeoverSeconds * 1000);
  takeoverTimer.unref();

  if (intervalMinutes > 0) {
    await boss.work(SCHEDULE_QUEUE, async () => {
      const due = await dueSources(pool, intervalMinutes);
      if (due.length > 0) await enqueueSync(boss, { sources: due, trigger: 'schedule' });
    });
    await boss.schedule(SCHEDULE_QUEUE, SCHEDULE_CRON, { intervalMinutes });
  } else {
    await boss.unschedule(SCHEDULE_QUEUE);
  }

  if (options.syncOnStart) {
    const lastSuccess = async (): Promise<Date | null> => {
      const r = await pool.query<{ at: Date | null }>(`SELECT max(finished_at) AS at FROM sync_runs WHERE outcome = 'succeeded' AND trigger <> 'import'`);
      return r.rows[0]?.at ?? null;
    };
    // A second replica starting while the first one's start-up sync is queued or running adds nothing.
    await lastSuccess()
      .then(async (at) => {
        const stale = !at || Date.now() - at.getTime() > Math.max(intervalMinutes, 1) * 60_000;
        if (stale) await enqueueSync(boss, { sources: await withoutPendingJobs(pool, ALL_SOURCES), trigger: 'start' });
        else log(`cache is fresh (last sync ${at.toISOString()}); next sync in ${intervalMinutes} min`);
      })
      .catch((e: unknown) => log(`could not queue the start-up sync: ${errorText(e)}`));
  }

  // Write-backs and digests (lib/outbox) drain on their own short interval; several replicas drain side by side
  // safely (each message is claimed with SKIP LOCKED, a digest is queued once per week and audience).
  const outbox = new AbortController();
  startOutboxWorker({ pool, azure: options.azure, log, signal: outbox.signal });
  return {
    boss,
    stop: async () => {
      clearInterval(takeoverTimer);
      outbox.abort();
      await worker.stop();
      // Not graceful: pg-boss would fail this process's active jobs, but ours are tracked by their lock (released
      // when the connection closes), and a job cut short is taken over by another replica.
      await boss.stop({ graceful: false, wait: true }).catch((e: unknown) => log(`job queue stop: ${errorText(e)}`));
    },
  };
}

// Background sync for `npm start`: once at start when the cache is older than the interval, then every
// interval. Runs never overlap; a failed run is recorded by the store and retried at the next tick. Nothing here
// may reject unhandled: with the database gone, a tick fails its runs and logs one line, and the next tick tries
// again (the launcher, the web server and the sign-in provider stay up).
import type pg from 'pg';
import type { AzureSettings } from '../connectors/types';
import { SOURCE_LABELS } from '../domain/model';
import { syncAll } from '../sync/sync-all';
import { failInterruptedRuns } from '../sync/run-record';
import { startOutboxWorker } from '../outbox/worker';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(options: {
  pool: pg.Pool;
  azure: AzureSettings;
  intervalMinutes: number;
  syncOnStart: boolean;
  log: (line: string) => void;
}): Scheduler {
  const { pool, azure, intervalMinutes, log } = options;
  const controller = new AbortController();
  let running: Promise<void> | null = null;

  const tick = (trigger: 'start' | 'schedule') => {
    if (running) return;
    running = (async () => {
      const results = await syncAll(pool, azure, { trigger, signal: controller.signal });
      for (const r of results) {
        log(r.outcome === 'succeeded'
          ? `sync ${SOURCE_LABELS[r.source]}: ${r.counts.findings + r.counts.clusters + r.counts.registries} records in ${(r.durationMs / 1000).toFixed(1)} s`
          : `sync ${SOURCE_LABELS[r.source]} FAILED: ${r.error}`);
      }
    })()
      .catch((e: unknown) => log(`sync crashed: ${errorText(e)}`))
      .finally(() => {
        running = null;
      });
  };

  const lastSuccess = async (): Promise<Date | null> => {
    const r = await pool.query<{ at: Date | null }>(`SELECT max(finished_at) AS at FROM sync_runs WHERE outcome = 'succeeded' AND trigger <> 'import'`);
    return r.rows[0]?.at ?? null;
  };

  // Runs left `running` by a process that was killed are closed as interrupted before anything else.
  const started = failInterruptedRuns(pool)
    .then((ids) => {
      if (ids.length > 0) log(`marked ${ids.length} interrupted sync run(s) as failed`);
    })
    .catch((e: unknown) => log(`could not check for interrupted sync runs: ${errorText(e)}`));

  if (options.syncOnStart) {
    void started
      .then(lastSuccess)
      .then((at) => {
        const stale = !at || Date.now() - at.getTime() > Math.max(intervalMinutes, 1) * 60_000;
        if (stale) tick('start');
        else log(`cache is fresh (last sync ${at.toISOString()}); next sync in ${intervalMinutes} min`);
      })
      .catch((e: unknown) => {
        log(`could not read the last sync time (${errorText(e)}); syncing now`);
        tick('start');
      });
  }
  const timer = intervalMinutes > 0 ? setInterval(() => tick('schedule'), intervalMinutes * 60_000) : null;
  timer?.unref();
  // Write-backs and digests (lib/outbox) drain on their own short interval and stop with the scheduler.
  startOutboxWorker({ pool, azure: options.azure, log, signal: controller.signal });
  return {
    stop: async () => {
      if (timer) clearInterval(timer);
      controller.abort();
      // A run in flight finishes its current source; do not hold shutdown hostage to a slow one.
      await Promise.race([running, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

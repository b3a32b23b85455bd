// The worker of one process: takes one source job at a time from the pg-boss queues (inventory's first), holds
// the job's liveness lock, runs the source through the store exactly as the CLI does (runConnector: its own run
// record, its own source lock, a failed run changes no finding), queues the rest of a "sync all" chain, and marks
// the job complete. One job at a time per process keeps a process's memory and connections what they were
// before; more replicas, not more concurrency per replica, is how sources run side by side.
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { getConnector } from '../connectors/registry';
import type { AzureSettings, Connector } from '../connectors/types';
import { SOURCE_LABELS } from '../domain/model';
import { runConnector, type RunResult } from '../sync/run-source';
import { ALL_SOURCES, enqueueSync } from './enqueue-sync';
import { holdJob } from './job-liveness';
import { createProgressWriter } from './run-progress';
import { sourceOfQueue, syncJobDataSchema, syncQueueName } from './queues';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface SyncWorkerOptions {
  boss: PgBoss;
  pool: pg.Pool;
  azure: AzureSettings;
  log: (line: string) => void;
  /** How long an idle worker waits before looking at the queues again. */
  pollMs?: number;
  /** Tests: the connectors to run instead of the registry's. */
  connectorFor?: (source: Connector['id']) => Connector | undefined;
}

export interface SyncWorker {
  /** Stops taking jobs; a job in flight is left to finish (or, if the process exits, to be taken over). */
  stop(): Promise<void>;
  /** A job is running in this process right now. */
  readonly busy: boolean;
}

export function startSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { boss, pool, log } = options;
  const pollMs = options.pollMs ?? 2000;
  const controller = new AbortController();
  let busy = false;
  let wake: (() => void) | null = null;

  const fetchNext = async (): Promise<{ name: string; job: PgBoss.Job<unknown> } | null> => {
    for (const source of ALL_SOURCES) {
      const name = syncQueueName(source);
      const [job] = await boss.fetch<unknown>(name);
      if (job) return { name, job };
    }
    return null;
  };

  const runJob = async (name: string, job: PgBoss.Job<unknown>): Promise<void> => {
    const source = sourceOfQueue(name);
    const data = syncJobDataSchema.safeParse(job.data);
    if (!source || !data.success) {
      await boss.fail(name, job.id, { message: `not a sync job: ${data.error?.message ?? name}` });
      return;
    }
    const lease = await holdJob(pool, job.id);
    log(`sync ${SOURCE_LABELS[source]}: started (job ${job.id}, ${data.data.trigger})`);
    try {
      const connector = (options.connectorFor ?? getConnector)(source);
      const startedAt = new Date();
      let result: RunResult | null = null;
      if (connector) {
        const progress = createProgressWriter(pool, { source, trigger: data.data.trigger, startedAt }, { log });
        result = await runConnector(pool, connector, { azure: options.azure, signal: controller.signal }, {
          trigger: data.data.trigger,
          now: () => startedAt,
          onProgress: (line) => progress.report(line),
        });
        await progress.flush();
        log(result.outcome === 'succeeded'
          ? `sync ${SOURCE_LABELS[source]}: ${result.counts.findings + result.counts.clusters + result.counts.registries} records in ${(result.durationMs / 1000).toFixed(1)} s`
          : `sync ${SOURCE_LABELS[source]} FAILED: ${result.error}`);
      } else {
        log(`sync ${SOURCE_LABELS[source]}: no connector for this source; skipped`);
      }
      // The rest of a "sync all" is queued before this job completes: if the process dies in between, the job is
      // taken over and queues them again (a queue that already has one waiting ignores the repeat).
      if (data.data.then.length > 0) await enqueueSync(boss, { sources: data.data.then, trigger: data.data.trigger, requestedBy: data.data.requestedBy });
      await boss.complete(name, job.id, result ? { runId: result.runId.toString(), outcome: result.outcome, error: result.error ?? null } : { skipped: true });
    } finally {
      await lease.release();
    }
  };

  const loop = (async () => {
    while (!controller.signal.aborted) {
      let next: Awaited<ReturnType<typeof fetchNext>> = null;
      try {
        next = await fetchNext();
        if (next) {
          busy = true;
          await runJob(next.name, next.job);
        }
      } catch (e) {
        // The database gone, most likely: the job (if any) stays active without a lock and is taken over later.
        log(`sync worker: ${errorText(e)}`);
      } finally {
        busy = false;
      }
      if (next || controller.signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        t.unref();
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    get busy() {
      return busy;
    },
    stop: async () => {
      controller.abort();
      wake?.();
      // A source in flight finishes its current page at most; do not hold shutdown hostage to a slow one.
      await Promise.race([loop, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

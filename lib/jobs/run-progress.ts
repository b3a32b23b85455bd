// Live progress of a running source, kept on its sync_runs row (the `counts` of a running run: counts so far)
// so every replica's web server can read it — never in process memory. Written at most once a second.
import type pg from 'pg';
import type { SourceId } from '../domain/model';

export interface RunProgress {
  pages: number;
  records: number;
  message: string;
}

// The store reports "<source>: page N, M records" after each page it writes (run-source.ts).
const STORE_PROGRESS = /page (\d+), (\d+) records/;

/** The page and record counts of a store progress line; other lines (a connector's own) carry only a message. */
export function parseProgress(message: string): RunProgress | null {
  const m = STORE_PROGRESS.exec(message);
  return m ? { pages: Number(m[1]), records: Number(m[2]), message } : null;
}

export interface ProgressWriter {
  report(message: string): void;
  /** Waits for the write in flight, if any (called before the job is marked complete). */
  flush(): Promise<void>;
}

/**
 * The run is found by what the job set: its source, trigger and start time (runConnector stores `now()` of the
 * options as started_at, to the millisecond) — and only while it is still `running`, so a late write can never
 * touch a finished run's counts.
 */
export function createProgressWriter(
  db: Pick<pg.Pool, 'query'>,
  run: { source: SourceId; trigger: string; startedAt: Date },
  options: { minIntervalMs?: number; log?: (line: string) => void } = {},
): ProgressWriter {
  const minIntervalMs = options.minIntervalMs ?? 1000;
  let latest: RunProgress | null = null;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  const write = () => {
    timer = null;
    const progress = latest;
    if (!progress) return;
    lastWrite = Date.now();
    inFlight = inFlight.then(async () => {
      try {
        await db.query(
          `UPDATE sync_runs SET counts = $4::jsonb WHERE source = $1 AND trigger = $2 AND started_at = $3 AND outcome = 'running'`,
          [run.source, run.trigger, run.startedAt, JSON.stringify({ progress })],
        );
      } catch (e) {
        // Progress is a nicety: a write that fails (database restarting) must not fail the sync.
        options.log?.(`progress of ${run.source} not recorded: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  };

  return {
    report(message) {
      const parsed = parseProgress(message);
      if (!parsed) return;
      latest = parsed;
      if (timer) return;
      const wait = Math.max(0, lastWrite + minIntervalMs - Date.now());
      timer = setTimeout(write, wait);
      timer.unref();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}

// The sync_runs record of a source run, and how it survives the database going away in the middle.
//
// Liveness: the connection that runs a source holds a session-level advisory lock named after the run id from the
// moment the record exists (taken in the same statement that inserts it). A process that dies, or a connection
// that drops, releases that lock; so a run still marked `running` whose lock is free was interrupted, and any
// process may mark it failed (failInterruptedRuns). No timeout guesses: a slow run keeps its lock and its state.
import type pg from 'pg';
import type { SourceId } from '../domain/model';

// Two-key advisory locks (namespace, key) never collide with the one-key source locks of run-source.ts.
const RUN_LOCK_NAMESPACE = 0x706f7372; // 'posr'
const runLockKey = (idSql: string) => `(${idSql} % 2147483647)::int`;

export const INTERRUPTED_MESSAGE = 'interrupted: the process running this sync stopped or lost its database connection before it finished';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** Inserts the run record and takes its liveness lock on `client` (which must run the source and stay checked out). */
export async function openRun(client: Queryable, source: SourceId, trigger: string, startedAt: Date): Promise<bigint> {
  const r = await client.query<{ id: string }>(
    `WITH run AS (INSERT INTO sync_runs (source, trigger, started_at, outcome) VALUES ($1, $2, $3, 'running') RETURNING id)
     SELECT id::text, pg_advisory_lock(${RUN_LOCK_NAMESPACE}, ${runLockKey('id')}) FROM run`,
    [source, trigger, startedAt],
  );
  return BigInt(r.rows[0]!.id);
}

/** Releases the liveness lock once the outcome is written (a dropped connection releases it by itself). */
export async function releaseRun(client: Queryable, runId: bigint): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock(${RUN_LOCK_NAMESPACE}, ${runLockKey('$1::bigint')})`, [runId.toString()]);
}

/**
 * Marks every `running` run whose owner is gone as failed. Called when a run starts and when the launcher
 * starts, so a run killed mid-sync never stays `running` (issue 8, item 7). Returns the ids it closed.
 */
export async function failInterruptedRuns(db: Queryable): Promise<bigint[]> {
  // The try-lock succeeds only where no live session holds the run's lock; it is a transaction-level lock taken
  // and released by this one statement (autocommit), so it never blocks the owner. Call it on a connection that
  // holds no run lock itself (advisory locks are re-entrant within a session).
  // Only the few `running` rows are tried (materialised first), so the statement takes no lock per history row.
  const r = await db.query<{ id: string }>(
    `WITH running AS MATERIALIZED (SELECT id FROM sync_runs WHERE outcome = 'running')
     UPDATE sync_runs SET outcome = 'failed', finished_at = now(), error = $1
      WHERE id IN (SELECT id FROM running WHERE pg_try_advisory_xact_lock(${RUN_LOCK_NAMESPACE}, ${runLockKey('id')}))
        AND outcome = 'running'
      RETURNING id::text`,
    [INTERRUPTED_MESSAGE],
  );
  return r.rows.map((row) => BigInt(row.id));
}

export interface RecordFailureOptions {
  /** Waits between attempts while the database is unreachable; the default spans about a minute. */
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * Writes the failure with its reason. When the database itself is what failed, it is retried for a while (a
 * restart or fail-over takes seconds), so the record says why rather than a later sweep's "interrupted".
 * Returns whether it was written; never throws.
 */
export async function recordRunFailure(
  pool: Pick<pg.Pool, 'query'>,
  runId: bigint,
  message: string,
  counts: unknown,
  options: RecordFailureOptions = {},
): Promise<boolean> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      // Also over a sweep's "interrupted": the real reason is better; never over a success.
      await pool.query(`UPDATE sync_runs SET outcome = 'failed', finished_at = now(), error = $2, counts = $3 WHERE id = $1 AND outcome <> 'succeeded'`, [
        runId.toString(),
        message.slice(0, 4000),
        JSON.stringify(counts),
      ]);
      return true;
    } catch {
      const delay = delays[attempt];
      if (delay === undefined || options.signal?.aborted) return false;
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}

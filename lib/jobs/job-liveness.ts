// Which sync jobs still have a live worker. pg-boss (v10, the last release for Node 20) has no heartbeat: a job
// whose process was killed stays `active` until its expiry. So, like a sync run (run-record.ts), a job is owned
// through a session-level advisory lock, held on a connection of the worker for as long as the job runs; a
// process that dies or loses its connection releases it at once. Any replica can then see the job is orphaned
// and hand it back to the queue (pg-boss's own fail → retry), where the next free worker takes it over.
import type pg from 'pg';
import { JOB_SCHEMA, SYNC_QUEUES } from './queues';

// Two-key advisory locks in their own namespace: never the one-key source locks or the run locks ('posr').
const JOB_LOCK_NAMESPACE = 0x706f736a; // 'posj'
const lockKey = (idSql: string) => `hashtext(${idSql})`;

export interface JobLease {
  release(): Promise<void>;
}

/** Takes the job's liveness lock on a dedicated connection, before anything else runs for the job. */
export async function holdJob(pool: pg.Pool, jobId: string): Promise<JobLease> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
  };
  // A dropped connection is reported here rather than as an unhandled 'error' (and it frees the lock by itself).
  client.on('error', onError);
  try {
    await client.query(`SELECT pg_advisory_lock(${JOB_LOCK_NAMESPACE}, ${lockKey('$1::text')})`, [jobId]);
  } catch (error) {
    client.off('error', onError);
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  return {
    release: async () => {
      const failure = lost ?? (await client.query(`SELECT pg_advisory_unlock(${JOB_LOCK_NAMESPACE}, ${lockKey('$1::text')})`, [jobId]).then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
      client.off('error', onError);
      // A connection that could not unlock is destroyed: a pooled connection must never keep a job's lock.
      client.release(failure);
    },
  };
}

export interface OrphanedJob {
  id: string;
  name: string;
}

/**
 * Active sync jobs whose lock nobody holds, i.e. whose worker is gone. A job is only judged once it has been
 * active for `graceSeconds` (a worker takes the lock a few milliseconds after pg-boss hands it the job). The
 * try-lock is transaction-scoped and released by this statement itself, so it never blocks a live owner; call
 * it on a connection that holds no job lock (advisory locks are re-entrant within a session).
 */
export async function findOrphanedJobs(db: Pick<pg.Pool, 'query'>, graceSeconds = 5): Promise<OrphanedJob[]> {
  const r = await db.query<OrphanedJob>(
    `WITH active AS MATERIALIZED (
       SELECT id, name FROM ${JOB_SCHEMA}.job
        WHERE name = ANY($1::text[]) AND state = 'active' AND started_on < now() - make_interval(secs => $2))
     SELECT id::text, name FROM active WHERE pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}, ${lockKey('id::text')})`,
    [SYNC_QUEUES, graceSeconds],
  );
  return r.rows;
}

// The node-postgres pool of the processes that sync (the launcher's scheduler and the CLI). An idle pooled
// connection that the server drops emits 'error' on the pool; with no listener that is an uncaught exception
// that takes the whole launcher down (issue 8, item 2). Here it is logged in one line and the pool replaces the
// connection on next use. Connect attempts are bounded, so a database that is gone fails a run in seconds.
import pg from 'pg';

export function createSyncPool(url: string, log: (line: string) => void, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => log(`database connection lost (idle): ${error.message}`));
  return pool;
}

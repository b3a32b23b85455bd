import 'server-only';
// A node-postgres pool for what Prisma cannot do: server-side cursors (streamed exports). Created on first use,
// never at import time, and kept on globalThis like the Prisma client.
import pg from 'pg';
import { getEnv } from '../env';
import { logger } from '../security/logger';

const holder = globalThis as unknown as { __posturePgPool?: pg.Pool };

export function getPgPool(): pg.Pool {
  if (!holder.__posturePgPool) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.');
    // Few connections: each export holds one for its duration; pages use Prisma's pool.
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server closes (restart, failover) must not crash the process; the next export reconnects.
    pool.on('error', (error) => logger.warn('pg_pool.idle_client_error', { error }));
    holder.__posturePgPool = pool;
  }
  return holder.__posturePgPool;
}

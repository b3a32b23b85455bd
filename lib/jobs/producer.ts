import 'server-only';
// The web server's handle on the job queue: it only queues and reads (no maintenance, no cron, no worker), is
// opened on first use — never at import time — and kept on globalThis so Next's reloads do not open a pool each.
import type PgBoss from 'pg-boss';
import { getEnv } from '../env';
import { logger } from '../security/logger';
import { openBoss } from './boss';

const holder = globalThis as unknown as { __postureSyncQueue?: Promise<PgBoss> };

export function getSyncQueue(): Promise<PgBoss> {
  if (!holder.__postureSyncQueue) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.');
    holder.__postureSyncQueue = openBoss(url, { role: 'producer', log: (line) => logger.warn('jobs.queue', { message: line }) }).catch((error: unknown) => {
      // Not cached: the next request tries again (the database may be back).
      holder.__postureSyncQueue = undefined;
      throw error;
    });
  }
  return holder.__postureSyncQueue;
}

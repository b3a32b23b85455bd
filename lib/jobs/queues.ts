// The job queues of the background sync: one pg-boss queue per source, so replicas share the work and pg-boss's
// `stately` policy (at most one job queued and one active per queue) means no source ever runs twice at once,
// however many processes poll. A "sync all" is the inventory job carrying the other sources in `then`: they are
// queued when it ends, because findings attach to the clusters and registries the inventory records.
import { z } from 'zod';
import { SOURCE_IDS, type SourceId } from '../domain/model';

/** The schema pg-boss owns; the migration drift check ignores it. */
export const JOB_SCHEMA = 'pgboss';

const QUEUE_PREFIX = 'sync.';
export const syncQueueName = (source: SourceId) => `${QUEUE_PREFIX}${source}`;
export const SYNC_QUEUES = SOURCE_IDS.map(syncQueueName);

export function sourceOfQueue(name: string): SourceId | null {
  const id = name.startsWith(QUEUE_PREFIX) ? name.slice(QUEUE_PREFIX.length) : '';
  return (SOURCE_IDS as readonly string[]).includes(id) ? (id as SourceId) : null;
}

/** The minute tick of the periodic schedule (pg-boss cron: one job a minute, whichever process takes it). */
export const SCHEDULE_QUEUE = 'sync-schedule';

export const SYNC_TRIGGERS = ['schedule', 'start', 'user'] as const;
export type SyncJobTrigger = (typeof SYNC_TRIGGERS)[number];

export const syncJobDataSchema = z.object({
  trigger: z.enum(SYNC_TRIGGERS),
  /** Sources to queue once this job ends (a "sync all" chain). */
  then: z.array(z.enum(SOURCE_IDS)).default([]),
  /** Who asked, for the log; the audit log has the full entry. */
  requestedBy: z.string().max(200).optional(),
});
export type SyncJobData = z.input<typeof syncJobDataSchema>;

// Retries are how a job whose process died is taken over (see takeover.ts): a failed *sync* is not an error of the
// job (the run is recorded failed and the next schedule tries again), so only a vanished worker uses them up.
export const SYNC_QUEUE_OPTIONS = {
  policy: 'stately',
  retryLimit: 5,
  retryDelay: 0,
  // The takeover check finds a dead worker's job within seconds; expiry is only the backstop for a worker that
  // hangs with its connection open, so it is as long as pg-boss allows (under 24 h) — a long sync is not killed.
  expireInSeconds: 23 * 60 * 60,
  retentionMinutes: 7 * 24 * 60,
} as const;

// The periodic sync, through pg-boss's cron: every process registers the same one-minute schedule and pg-boss
// sends each minute's tick once, so exactly one process decides. The tick queues the sources whose last run
// started an interval ago (or never ran) and that have no job waiting or running — so SYNC_INTERVAL_MINUTES keeps
// its meaning for any value, not only the ones a cron expression can say.
import type pg from 'pg';
import type { SourceId } from '../domain/model';
import { ALL_SOURCES } from './enqueue-sync';
import { JOB_SCHEMA, syncQueueName } from './queues';

export const SCHEDULE_CRON = '* * * * *';

// A tick runs once a minute, a few seconds after the minute: without the slack a 60-minute interval would come
// due at the 61st tick.
const SLACK_SECONDS = 30;

export async function dueSources(db: Pick<pg.Pool, 'query'>, intervalMinutes: number, sources: readonly SourceId[] = ALL_SOURCES): Promise<SourceId[]> {
  const r = await db.query<{ source: SourceId }>(
    `SELECT s.source FROM unnest($1::text[], $2::text[]) AS s(source, queue)
      WHERE NOT EXISTS (SELECT 1 FROM sync_runs r
                         WHERE r.source = s.source AND r.trigger <> 'import'
                           AND r.started_at > now() - make_interval(secs => $3))
        AND NOT EXISTS (SELECT 1 FROM ${JOB_SCHEMA}.job j WHERE j.name = s.queue AND j.state <= 'active')`,
    [sources, sources.map(syncQueueName), Math.max(0, intervalMinutes * 60 - SLACK_SECONDS)],
  );
  const due = new Set(r.rows.map((row) => row.source));
  return sources.filter((s) => due.has(s));
}

/** The sources with no job waiting or running: a start-up sync of a second replica does not queue a repeat. */
export async function withoutPendingJobs(db: Pick<pg.Pool, 'query'>, sources: readonly SourceId[]): Promise<SourceId[]> {
  const r = await db.query<{ name: string }>(`SELECT DISTINCT name FROM ${JOB_SCHEMA}.job WHERE name = ANY($1::text[]) AND state <= 'active'`, [sources.map(syncQueueName)]);
  const pending = new Set(r.rows.map((row) => row.name));
  return sources.filter((s) => !pending.has(syncQueueName(s)));
}

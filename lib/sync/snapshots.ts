// Daily open-finding counts per scope ('all' and each cluster), source, stage and severity, for trends.
// Today's row is recomputed after every run; the past is back-filled once per source from first-seen and
// resolved dates, so a new installation shows the history the sources report instead of a flat line.
import type pg from 'pg';

export const HISTORY_DAYS = 90;

export async function refreshSnapshots(client: pg.PoolClient, source: string, now: Date): Promise<{ backfilledDays: number }> {
  const has = await client.query('SELECT 1 FROM posture_snapshots WHERE source = $1 LIMIT 1', [source]);
  const firstDay = has.rowCount === 0 ? HISTORY_DAYS - 1 : 0;
  await client.query('DELETE FROM posture_snapshots WHERE source = $1 AND day >= ($2::timestamptz AT TIME ZONE \'UTC\')::date - $3::int', [
    source,
    now,
    firstDay,
  ]);
  // A finding is open on day d when it was first seen by the end of d and not resolved by the end of d.
  // Only findings that could be open inside the window take part, which keeps the back-fill join small.
  await client.query(
    `WITH days AS (
       SELECT d::date AS day FROM generate_series(($2::timestamptz AT TIME ZONE 'UTC')::date - $3::int, ($2::timestamptz AT TIME ZONE 'UTC')::date, interval '1 day') d
     ), candidates AS (
       SELECT cluster_id, stage, severity, (first_seen_at AT TIME ZONE 'UTC')::date AS first_day,
              (resolved_at AT TIME ZONE 'UTC')::date AS resolved_day
         FROM findings
        WHERE source = $1 AND status <> 'dismissed'
          AND (resolved_at IS NULL OR resolved_at >= ($2::timestamptz - make_interval(days => $3::int + 1)))
     ), per_day AS (
       SELECT days.day, c.cluster_id, c.stage, c.severity
         FROM candidates c JOIN days ON c.first_day <= days.day AND (c.resolved_day IS NULL OR c.resolved_day > days.day)
     )
     INSERT INTO posture_snapshots (day, scope, source, stage, severity, open)
     SELECT day, COALESCE(cluster_id, 'all'), $1, stage, severity, count(*)::int FROM per_day GROUP BY GROUPING SETS ((day, cluster_id, stage, severity), (day, stage, severity))
     HAVING cluster_id IS NOT NULL OR GROUPING(cluster_id) = 1
     ON CONFLICT (day, scope, source, stage, severity) DO UPDATE SET open = EXCLUDED.open`,
    [source, now, firstDay],
  );
  return { backfilledDays: firstDay };
}

// Daily snapshots for trends (issue 12), per scope — the estate ('all'), each team ('team:<team>', a cluster's team
// from its tags) and each cluster — kept for at least HISTORY_DAYS:
//   posture_snapshots      open / opened that day / fixed that day, per source, stage and severity;
//   remediation_snapshots  findings fixed per day by days open (exact mean and median time to remediate);
//   sla_breach_snapshots   triage items past their SLA at the end of each day (each source's history added on its
//                          first run with items: addSourceSlaHistory);
//   policy_compliance_snapshots  compliant / non-compliant per initiative (from the policy summary, today only).
// Each family remembers the last day it wrote (snapshot_state). A run writes from the day after that through today:
// normally today alone, after a pause the days without a sync too, and on the first run the whole window (the
// back-fill, from first-seen and resolved dates). Past days are never rewritten except by `rebuildSnapshots`.
// Written set-based in the run's transaction, and only where the numbers changed (`writeDays`): the re-sync of an
// unchanged source leaves today's rows as they were; a back-fill into a family with no rows yet is a plain INSERT.
// Open counts use an event sum (+1 on the first day, −1 on the resolved day, running total per scope, stage and
// severity) instead of joining every finding to every day, so the back-fill is one pass over the source's findings
// whatever the window, and only the rows written are ever produced (lib/sync/posture-days.test.ts checks them against
// a finding-by-finding count).
import type pg from 'pg';
import { addSourceToRemediationRollup, clearRemediationRollup, rollUpRemediation } from './remediation-rollup';
import { hasRows, writeDays, type SnapshotTable } from './snapshot-write';

/** Days of history the back-fill writes and the trends page can show (≥ 400, the retention). */
export const HISTORY_DAYS = 400;

type Client = pg.PoolClient | pg.Client;

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The days a family writes now: after its last written day through today, or the whole window on its first write. */
async function daysToWrite(client: Client, key: string, now: Date): Promise<{ from: string; to: string; days: number; first: boolean }> {
  const today = utcDay(now);
  const r = await client.query<{ last_day: Date }>('SELECT last_day FROM snapshot_state WHERE key = $1', [key]);
  const last = r.rows[0]?.last_day;
  const first = last
    ? new Date(Math.min(Date.UTC(last.getFullYear(), last.getMonth(), last.getDate()) + DAY_MS, today.getTime()))
    : new Date(today.getTime() - (HISTORY_DAYS - 1) * DAY_MS);
  // Never reach back past the window, even after a pause longer than it.
  const from = new Date(Math.max(first.getTime(), today.getTime() - (HISTORY_DAYS - 1) * DAY_MS));
  return { from: isoDay(from), to: isoDay(today), days: Math.round((today.getTime() - from.getTime()) / DAY_MS) + 1, first: last === undefined };
}

async function markWritten(client: Client, key: string, to: string): Promise<void> {
  await client.query(
    `INSERT INTO snapshot_state (key, last_day) VALUES ($1, $2::date)
     ON CONFLICT (key) DO UPDATE SET last_day = EXCLUDED.last_day WHERE EXCLUDED.last_day > snapshot_state.last_day`,
    [key, to],
  );
}

const POSTURE: SnapshotTable = { table: 'posture_snapshots', keys: ['day', 'scope', 'source', 'stage', 'severity'], values: ['open', 'opened', 'fixed'] };
const REMEDIATION: SnapshotTable = { table: 'remediation_snapshots', keys: ['scope', 'day', 'source', 'severity', 'ttr_days'], values: ['fixed'] };
const SLA_BREACH: SnapshotTable = { table: 'sla_breach_snapshots', keys: ['scope', 'day', 'severity'], values: ['breached'] };
const POLICY: SnapshotTable = { table: 'policy_compliance_snapshots', keys: ['scope', 'day', 'initiative'], values: ['initiative_name', 'compliant', 'non_compliant'] };

// The three scope rows of a grouped set: a cluster's, its team's and the estate's (cluster-less rows count only there).
const SCOPE_OF = `CASE WHEN GROUPING(cluster_id) = 0 THEN cluster_id WHEN GROUPING(team) = 0 THEN 'team:' || team ELSE 'all' END`;
const SCOPE_SETS = (cols: string) => `GROUPING SETS ((${cols}, cluster_id), (${cols}, team), (${cols}))`;
const SCOPE_HAVING = `(GROUPING(cluster_id) = 1 OR cluster_id IS NOT NULL) AND (GROUPING(team) = 1 OR team IS NOT NULL)`;
const MIDNIGHT = (param: string) => `((${param}::date)::timestamp AT TIME ZONE 'UTC')`;

const SOURCE_DAYS = 'cur.source = $1 AND cur.day BETWEEN $2::date AND $3::date';

/**
 * Open / opened / fixed per day for one source over [from, to]. On the family's first write for the source (`first`,
 * the back-fill) its rows are plainly inserted when none are there yet — checked, not assumed: rows written before
 * snapshot_state existed have no state.
 */
async function writeFindingDays(client: Client, source: string, from: string, to: string, first: boolean): Promise<{ remediationInserted: boolean }> {
  const params = [source, from, to];
  const noRowsYet = async (t: SnapshotTable) => first && !(await hasRows(client, t, SOURCE_DAYS, params));
  await writeDays(
    client,
    POSTURE,
    SOURCE_DAYS,
    `WITH cand AS (
       SELECT f.cluster_id, c.team, f.stage, f.severity, (f.first_seen_at AT TIME ZONE 'UTC')::date AS first_day,
              -- A source can date the resolution before our first sighting (policy evaluated earlier than we first saw
              -- it): it counts as fixed on the day it was first seen, never as −1 open before it.
              -- (GREATEST skips NULLs, so an open finding is kept open explicitly.)
              CASE WHEN f.resolved_at IS NOT NULL
                   THEN GREATEST((f.resolved_at AT TIME ZONE 'UTC')::date, (f.first_seen_at AT TIME ZONE 'UTC')::date) END AS resolved_day
         FROM findings f LEFT JOIN clusters c ON c.id = f.cluster_id
        WHERE f.source = $1 AND f.status <> 'dismissed'
          AND f.first_seen_at < ${MIDNIGHT('$3')} + interval '1 day'
          AND (f.resolved_at IS NULL OR f.resolved_at >= ${MIDNIGHT('$2')})
          -- A record that arrived resolved (a healthy assessment, a compliant state, a passing configuration check:
          -- resolved no later than first seen) was never open here: evidence, not a finding opened and fixed.
          AND (f.resolved_at IS NULL OR f.resolved_at > f.first_seen_at)
     ), ev AS (
       -- Open before the window: +1 on its first day. Resolved in it: −1 (and "fixed") on the resolved day.
       SELECT cluster_id, team, stage, severity, GREATEST(first_day, $2::date) AS day, 1 AS delta, (first_day >= $2::date)::int AS opened, 0 AS fixed FROM cand
       UNION ALL
       SELECT cluster_id, team, stage, severity, resolved_day, -1, 0, 1 FROM cand WHERE resolved_day IS NOT NULL AND resolved_day <= $3::date
     ), per AS (
       -- Each scope's events per day: deltas add up, so a team's or the estate's running total is the sum of its
       -- clusters' — grouped here, on the events, instead of over every (group, day) afterwards.
       SELECT day, ${SCOPE_OF} AS scope, stage, severity, sum(delta)::int AS delta, sum(opened)::int AS opened, sum(fixed)::int AS fixed
         FROM ev
        GROUP BY ${SCOPE_SETS('day, stage, severity')}
       HAVING ${SCOPE_HAVING}
     ), run AS (
       SELECT scope, stage, severity, day, opened, fixed, sum(delta) OVER w AS open, lead(day) OVER w AS next_day
         FROM per WINDOW w AS (PARTITION BY scope, stage, severity ORDER BY day)
     )
     -- A scope's numbers change only on its event days: each event day's row, then (while anything is open) the same
     -- open count on the days up to its next event — only the rows written, never a dense (group × day) grid.
     SELECT r.day + i AS day, scope, $1::text AS source, stage, severity, open::int AS open,
            CASE WHEN i = 0 THEN opened ELSE 0 END AS opened, CASE WHEN i = 0 THEN fixed ELSE 0 END AS fixed
       FROM run r
      CROSS JOIN LATERAL generate_series(0, CASE WHEN r.open > 0 THEN COALESCE(r.next_day, $3::date + 1) - r.day - 1 ELSE 0 END) i
      WHERE r.open > 0 OR r.opened > 0 OR r.fixed > 0`,
    params,
    { noRowsYet: await noRowsYet(POSTURE) },
  );
  // Time to remediate: each finding fixed in the window, by whole days from first seen to resolved.
  const remediationInserted = await noRowsYet(REMEDIATION);
  await writeDays(
    client,
    REMEDIATION,
    SOURCE_DAYS,
    `WITH fixed AS (
       SELECT f.cluster_id, c.team, f.severity, (f.resolved_at AT TIME ZONE 'UTC')::date AS day,
              GREATEST((f.resolved_at AT TIME ZONE 'UTC')::date - (f.first_seen_at AT TIME ZONE 'UTC')::date, 0) AS ttr_days
         FROM findings f LEFT JOIN clusters c ON c.id = f.cluster_id
        WHERE f.source = $1 AND f.status = 'resolved'
          AND f.resolved_at >= ${MIDNIGHT('$2')} AND f.resolved_at < ${MIDNIGHT('$3')} + interval '1 day'
          -- Only what was open first: a record that arrived resolved took no remediation (see above).
          AND f.resolved_at > f.first_seen_at
     )
     SELECT day, ${SCOPE_OF} AS scope, $1::text AS source, severity, ttr_days, count(*)::int AS fixed
       FROM fixed
      GROUP BY ${SCOPE_SETS('day, severity, ttr_days')}
     HAVING ${SCOPE_HAVING}`,
    params,
    { noRowsYet: remediationInserted },
  );
  return { remediationInserted };
}

/**
 * Triage items past due at the end of each day. An item counts from its due day until it closed; the queue keeps no
 * closing time, so a closed item's last update stands for it (exact for the daily write), or — when the source closed
 * it earlier — the source's own resolution time: an item that arrived already closed (the first sync, the back-fill)
 * has the sync's time as its last update, which would count every old, long-closed item as breaching until then.
 */
async function writeSlaDays(client: Client, from: string, to: string, now: Date, options: { add?: { source: string; counted: string[] }; first?: boolean } = {}): Promise<void> {
  const { add, first = false } = options;
  const fresh = `WITH queued AS (
       SELECT f.*, 1 AS weight FROM triage_items f WHERE f.parent_id IS NULL AND ($4::text IS NULL OR f.source = $4)
       UNION ALL
       -- Adding an incident source: the alerts it folded under its incidents were counted when their own source was
       -- (already counted sources, $5); they count no longer, their incident does.
       SELECT c.*, -1 FROM triage_items c JOIN triage_items p ON p.finding_id = c.parent_id WHERE $4::text IS NOT NULL AND p.source = $4 AND c.source = ANY($5::text[])
     ), items AS (
       SELECT f.cluster_id, f.team, f.severity, f.due_at, f.weight,
              CASE WHEN f.status IN ('new', 'acknowledged', 'in_progress') OR (f.status = 'risk_accepted' AND f.accepted_until <= $3) THEN NULL
                   -- LEAST skips NULL: a finding still open at the source leaves the item's own update.
                   ELSE LEAST(f.updated_at, src.resolved_at) END AS closed_at
         FROM queued f LEFT JOIN findings src ON src.id = f.finding_id
        WHERE f.due_at < ${MIDNIGHT('$2')} + interval '1 day'
     ), per_day AS (
       SELECT d.day, i.cluster_id, i.team, i.severity, i.weight
         FROM items i
         JOIN (SELECT s::date AS day FROM generate_series($1::date, $2::date, interval '1 day') s) d
           ON i.due_at < ${MIDNIGHT('d.day')} + interval '1 day' AND (i.closed_at IS NULL OR i.closed_at >= ${MIDNIGHT('d.day')} + interval '1 day')
     )
     SELECT day, ${SCOPE_OF} AS scope, severity, sum(weight)::int AS breached FROM per_day
      GROUP BY ${SCOPE_SETS('day, severity')}
     HAVING ${SCOPE_HAVING}`;
  const params = [from, to, now, add?.source ?? null, add?.counted ?? []];
  // Replace the days' rows where their numbers changed, or — for a source's first items (addSourceSlaHistory) — add
  // its items to the rows already there.
  if (add === undefined) {
    const stale = 'cur.day BETWEEN $1::date AND $2::date';
    // The family's first write (the back-fill): a plain insert when no row is there yet.
    const noRowsYet = first && !(await hasRows(client, SLA_BREACH, stale, [from, to]));
    await writeDays(client, SLA_BREACH, stale, fresh, params, { noRowsYet });
    return;
  }
  await client.query(
    `INSERT INTO sla_breach_snapshots (day, scope, severity, breached) SELECT day, scope, severity, breached FROM (${fresh}) added
     ON CONFLICT (scope, day, severity) DO UPDATE SET breached = sla_breach_snapshots.breached + EXCLUDED.breached`,
    params,
  );
}

/**
 * The SLA family is one table for every source, back-filled by whichever source syncs first — on a first start that
 * is the inventory, before any alert or incident is in the queue. So the first run of each source that brings items
 * adds its own items' breaches to the days before those this run writes in full (`before`): those days were written
 * without them (the source had never run), so adding is exact and nothing already recorded is rewritten. A full
 * back-fill (first write, rebuild) already counted every item present, so it marks their sources done.
 */
async function addSourceSlaHistory(client: Client, source: string, before: string, now: Date, fullWrite: boolean): Promise<void> {
  const present = (await client.query<{ source: string }>('SELECT DISTINCT source FROM triage_items')).rows.map((r) => r.source);
  const done = new Set((await client.query<{ key: string }>(`SELECT key FROM snapshot_state WHERE key LIKE 'sla-source:%'`)).rows.map((r) => r.key.slice('sla-source:'.length)));
  if (!fullWrite && present.includes(source) && !done.has(source)) {
    const today = utcDay(now);
    const from = isoDay(new Date(today.getTime() - (HISTORY_DAYS - 1) * DAY_MS));
    const to = isoDay(new Date(Date.parse(`${before}T00:00:00Z`) - DAY_MS));
    if (to >= from) await writeSlaDays(client, from, to, now, { add: { source, counted: [...done] } });
  }
  // Marked once: an unchanged re-sync writes nothing here.
  for (const s of fullWrite ? present : [source]) if (present.includes(s) && !done.has(s)) await markWritten(client, `sla-source:${s}`, isoDay(now));
}

/** Policy compliance per initiative today, from the summary the policy sync keeps (policy states have no past). */
async function writePolicyDay(client: Client, today: string): Promise<void> {
  await writeDays(
    client,
    POLICY,
    'cur.day = $1::date',
    `WITH s AS (
       -- An initiative by its definition; a single-policy assignment by its name (the same assignment made in several
       -- subscriptions is one line, not one per subscription).
       SELECT p.cluster_id, c.team, COALESCE(p.policy_set_definition_id, p.policy_assignment_name, p.policy_assignment_id) AS initiative,
              COALESCE(p.policy_assignment_name, p.policy_set_definition_id, p.policy_assignment_id) AS initiative_name, p.compliant, p.non_compliant
         FROM policy_compliance_summary p LEFT JOIN clusters c ON c.id = p.cluster_id
     )
     SELECT $1::date AS day, ${SCOPE_OF} AS scope, initiative, max(initiative_name) AS initiative_name, sum(compliant)::int AS compliant,
            sum(non_compliant)::int AS non_compliant
       FROM s
      GROUP BY ${SCOPE_SETS('initiative')}
     HAVING ${SCOPE_HAVING}`,
    [today],
  );
}

export interface SnapshotWrite {
  /** Days before today written now: the back-fill on a first run, the days without a sync after a pause, else 0. */
  backfilledDays: number;
}

/** Sort and hash memory for the snapshot statements (a per-node limit, used only as far as needed). */
const SNAPSHOT_WORK_MEM = '64MB';

/** After a source's merge, in its transaction: this source's finding snapshots, then the SLA and policy ones. */
export async function refreshSnapshots(client: Client, source: string, now: Date): Promise<SnapshotWrite> {
  // The back-fill's aggregates and the difference writes' anti-joins spill to disk at the default 4 MB (hundreds of
  // thousands of rows at 200 clusters): more memory for these statements only, set back before the run goes on (on an
  // error the transaction is rolled back, and the setting with it).
  const r = await client.query<{ work_mem: string }>(`SELECT current_setting('work_mem') AS work_mem`);
  const workMem = r.rows[0]?.work_mem;
  if (workMem === undefined) throw new Error('current_setting(work_mem) returned no row');
  await client.query(`SELECT set_config('work_mem', $1, true)`, [SNAPSHOT_WORK_MEM]);
  const written = await writeSnapshots(client, source, now);
  await client.query(`SELECT set_config('work_mem', $1, true)`, [workMem]);
  return written;
}

async function writeSnapshots(client: Client, source: string, now: Date): Promise<SnapshotWrite> {
  const findingKey = `findings:${source}`;
  const f = await daysToWrite(client, findingKey, now);
  const { remediationInserted } = await writeFindingDays(client, source, f.from, f.to, f.first);
  if (remediationInserted) await addSourceToRemediationRollup(client, source, f.from, f.to);
  else await rollUpRemediation(client, f.from, f.to);
  await markWritten(client, findingKey, f.to);
  const s = await daysToWrite(client, 'sla', now);
  await writeSlaDays(client, s.from, s.to, now, { first: s.first });
  await markWritten(client, 'sla', s.to);
  await addSourceSlaHistory(client, source, s.from, now, s.days >= HISTORY_DAYS);
  await writePolicyDay(client, f.to);
  return { backfilledDays: f.days - 1 };
}

/**
 * `posture snapshots rebuild`: forget every snapshot and back-fill the window again for each source with findings.
 * The only path that rewrites past days (policy history, which has no source, is kept).
 */
export async function rebuildSnapshots(client: Client, now: Date): Promise<{ sources: string[]; days: number }> {
  await client.query('DELETE FROM posture_snapshots');
  await client.query('DELETE FROM remediation_snapshots');
  await clearRemediationRollup(client);
  await client.query('DELETE FROM sla_breach_snapshots');
  await client.query('DELETE FROM snapshot_state');
  // finding_totals lists the sources with findings without reading the findings table.
  const sources = (await client.query<{ source: string }>('SELECT DISTINCT source FROM finding_totals ORDER BY source')).rows.map((r) => r.source);
  for (const source of sources) await refreshSnapshots(client, source, now);
  if (sources.length === 0) {
    const s = await daysToWrite(client, 'sla', now);
    await writeSlaDays(client, s.from, s.to, now, { first: s.first });
    await markWritten(client, 'sla', s.to);
  }
  return { sources, days: HISTORY_DAYS };
}

// Keeps the triage queue (triage_items) current inside each source run's transaction: new alerts, incidents and
// recent critical/high findings enter it; severity, title and cluster follow the source; an item the source closed
// is closed here too (and says so in its history); alerts contained in an incident fold under it; expired risk
// acceptances reopen. The queue page then reads this small table and never aggregates findings per request.
import type pg from 'pg';
import { getEnv } from '../env';
import { SEVERITY_RANK, SLA_SETTING_KEY, slaPolicyFrom, type SlaPolicy } from '../triage/sla';
import { ALERT_ACTION_OF, INCIDENT_STATUS_OF, WRITE_BACK_KINDS } from '../triage/write-back';

/**
 * Findings of other sources enter the queue while they are new: first seen within this many days. A week keeps the
 * queue to what arrived since the last weekly review; older critical/high findings live on the findings pages.
 */
export const NEW_FINDING_WINDOW_DAYS = 7;

export const SYSTEM_ACTOR = { id: 'system', name: 'System' } as const;

export async function readSlaPolicy(client: pg.PoolClient | pg.Pool): Promise<SlaPolicy> {
  const r = await client.query<{ value: unknown }>('SELECT value FROM app_settings WHERE key = $1', [SLA_SETTING_KEY]);
  return slaPolicyFrom(r.rows[0]?.value);
}

/** `CASE severity WHEN … THEN n END` from data in this file, never from input. */
const severityCase = (column: string, values: Record<string, number>) =>
  `(CASE ${column}::text ${Object.entries(values)
    .map(([k, v]) => `WHEN '${k}' THEN ${Number(v)}`)
    .join(' ')} END)`;

export interface TriageSyncCounts {
  queued: number;
  closedBySource: number;
  linked: number;
  reopened: number;
}

export async function syncTriageQueue(
  client: pg.PoolClient,
  // stagedEvents: whether the run staged any alert or incident (false lets the query start from the index on
  // severity and first-seen time: a vulnerability run's 1 M findings were each probed against the staging for the
  // few thousand new critical/high ones).
  opts: { source: string; runId: bigint; now: Date; stagedEvents?: boolean },
): Promise<TriageSyncCounts> {
  const { source, now } = opts;
  const events = opts.stagedEvents ?? true;
  const policy = await readSlaPolicy(client);
  const rank = severityCase('f.severity', SEVERITY_RANK);
  const slaDays = severityCase('f.severity', policy);
  const queued = await client.query(
    `INSERT INTO triage_items AS t (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team,
                                    detected_at, due_at, status, source_open, updated_at)
     SELECT f.id, f.source, f.kind, f.severity, ${rank}, f.title, f.cluster_id, f.subscription_id, c.team, f.first_seen_at,
            f.first_seen_at + make_interval(days => ${slaDays}),
            COALESCE((SELECT s.doc->>'initialTriageStatus' FROM stage_security_events s WHERE s.source_key = f.source_key LIMIT 1), 'new')::"TriageStatus",
            f.status = 'open', $2
       FROM findings f LEFT JOIN clusters c ON c.id = f.cluster_id
      -- Every finding this run reported (not only those it rewrote: an unchanged finding keeps its last_run_id), so
      -- a changed SLA policy or cluster team reaches items whose finding did not change.
      WHERE f.source = $1 AND EXISTS (SELECT 1 FROM stage_findings s WHERE s.source_key = f.source_key)
        AND (${events ? `f.kind IN ('alert', 'incident') OR` : ''}
             (f.status = 'open' AND f.severity IN ('critical', 'high') AND f.first_seen_at >= $2::timestamptz - make_interval(days => $3::int)))
     ON CONFLICT (finding_id) DO UPDATE SET
       severity = EXCLUDED.severity, severity_rank = EXCLUDED.severity_rank, title = EXCLUDED.title,
       cluster_id = COALESCE(EXCLUDED.cluster_id, t.cluster_id), subscription_id = EXCLUDED.subscription_id,
       team = COALESCE(EXCLUDED.team, t.team), due_at = t.detected_at + (EXCLUDED.due_at - EXCLUDED.detected_at),
       source_open = EXCLUDED.source_open
     -- An item that would not change is not rewritten (an unchanged re-sync writes next to nothing).
     WHERE (t.severity, t.severity_rank, t.title, t.cluster_id, t.subscription_id, t.team, t.due_at, t.source_open)
           IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.severity_rank, EXCLUDED.title, COALESCE(EXCLUDED.cluster_id, t.cluster_id),
                             EXCLUDED.subscription_id, COALESCE(EXCLUDED.team, t.team), t.detected_at + (EXCLUDED.due_at - EXCLUDED.detected_at),
                             EXCLUDED.source_open)`,
    [source, now, NEW_FINDING_WINDOW_DAYS],
  );
  // Findings the sweep resolved were not in this run: their items learn it here.
  await client.query(
    `UPDATE triage_items t SET source_open = (f.status = 'open')
       FROM findings f WHERE t.source = $1 AND f.id = t.finding_id AND t.source_open <> (f.status = 'open')`,
    [source],
  );
  const closed = await client.query(
    `WITH closed AS (
       UPDATE triage_items t SET status = 'resolved', version = t.version + 1, updated_at = $2
         FROM (SELECT finding_id, status AS before FROM triage_items
                WHERE source = $1 AND NOT source_open AND status IN ('new', 'acknowledged', 'in_progress')) o
        WHERE t.finding_id = o.finding_id
       RETURNING t.finding_id, o.before
     )
     INSERT INTO triage_events (finding_id, at, actor_id, actor_name, kind, from_value, to_value, comment)
     SELECT finding_id, $2, $3, $4, 'status', before::text, 'resolved', 'Closed at the source: the sync no longer reports it open.' FROM closed`,
    [source, now, SYSTEM_ACTOR.id, SYSTEM_ACTOR.name],
  );
  const linked = await linkIncidentAlerts(client);
  const reopened = await reopenExpiredAcceptances(client, now);
  return { queued: queued.rowCount ?? 0, closedBySource: closed.rowCount ?? 0, linked, reopened };
}

/**
 * Folds each alert contained in an incident (same systemAlertId) under that incident, and gives an incident that
 * names no cluster the cluster of its alerts (also on its finding, so scope and the finding page agree).
 */
export async function linkIncidentAlerts(client: pg.PoolClient): Promise<number> {
  const linked = await client.query(
    `UPDATE triage_items t SET parent_id = inc.finding_id
       FROM security_events a JOIN security_events inc ON a.system_alert_id = ANY(inc.related_alert_ids)
      WHERE t.finding_id = a.finding_id AND a.system_alert_id IS NOT NULL AND t.parent_id IS DISTINCT FROM inc.finding_id`,
  );
  await client.query(
    `WITH child AS (
       SELECT DISTINCT ON (parent_id) parent_id, cluster_id, subscription_id, team FROM triage_items
        WHERE parent_id IS NOT NULL AND cluster_id IS NOT NULL ORDER BY parent_id, finding_id
     ), items AS (
       UPDATE triage_items p SET cluster_id = child.cluster_id, subscription_id = child.subscription_id, team = child.team
         FROM child WHERE p.finding_id = child.parent_id AND p.cluster_id IS NULL
       RETURNING p.finding_id, p.cluster_id, p.subscription_id
     )
     UPDATE findings f SET cluster_id = items.cluster_id, subscription_id = items.subscription_id FROM items
      WHERE f.id = items.finding_id AND f.cluster_id IS NULL`,
  );
  return linked.rowCount ?? 0;
}

/**
 * Accepted risks past their expiry reopen, with a history entry that says why, an audit entry, and — with write-back
 * on — the reopening sent to the source: the acceptance dismissed the alert (closed the incident) there, and the
 * next sync would otherwise close the reopened item again as "closed at the source".
 */
export async function reopenExpiredAcceptances(client: pg.PoolClient | pg.Pool, now: Date, options: { writeBack?: boolean } = {}): Promise<number> {
  const writeBack = options.writeBack ?? getEnv().TRIAGE_WRITE_BACK;
  const r = await client.query(
    `WITH reopened AS (
       UPDATE triage_items SET status = 'new', reopened_at = $1, version = version + 1, updated_at = $1
        WHERE status = 'risk_accepted' AND accepted_until <= $1
       RETURNING finding_id, accepted_until, source
     ), write_back AS (
       INSERT INTO outbox (kind, target, ordering_key, payload, finding_id, next_attempt_at, created_at, updated_at)
       SELECT CASE r.source WHEN 'defender-alert' THEN $5 ELSE $6 END, f.source_key, 'triage:' || r.finding_id::text,
              CASE r.source WHEN 'defender-alert' THEN jsonb_build_object('alertId', f.source_key, 'action', $7::text)
                   ELSE jsonb_build_object('incidentId', f.source_key, 'properties', jsonb_build_object('status', $8::text)) END,
              r.finding_id, $1, $1, $1
         FROM reopened r JOIN findings f ON f.id = r.finding_id
        WHERE $4::boolean AND r.source IN ('defender-alert', 'sentinel-incident')
     )
     , history AS (
       INSERT INTO triage_events (finding_id, at, actor_id, actor_name, kind, from_value, to_value, comment)
       SELECT finding_id, $1, $2, $3, 'reopen', 'risk_accepted', 'new',
              'Risk acceptance expired on ' || to_char(accepted_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC; reopened automatically.'
         FROM reopened
     )
     -- The system's change is audited like a person's: actor system, before and after, same transaction.
     INSERT INTO audit_log (at, actor_id, actor_name, action, outcome, target_type, target_id, before, after)
     SELECT $1, $2, $3, 'triage.reopen', 'success', 'triage-item', finding_id::text,
            jsonb_build_object('status', 'risk_accepted', 'acceptedUntil', to_char(accepted_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
            jsonb_build_object('status', 'new')
       FROM reopened`,
    [now, SYSTEM_ACTOR.id, SYSTEM_ACTOR.name, writeBack, WRITE_BACK_KINDS.alertState, WRITE_BACK_KINDS.incidentUpdate, ALERT_ACTION_OF.new, INCIDENT_STATUS_OF.new.status],
  );
  return r.rowCount ?? 0;
}

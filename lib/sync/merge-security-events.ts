// Alert and incident evidence (security_events), staged per page beside the findings and merged once the source
// has finished, inside the run's short merge transaction. Each staged row travels as one jsonb document: its array fields
// would not survive unnest() as text[][].
import type pg from 'pg';
import type { SecurityEventRow } from '../domain/security-event-row';

// A session temp table (created outside the run's transaction, see write-batch.ts), dropped when the run ends.
export async function createSecurityEventStaging(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE stage_security_events (source_key text NOT NULL, doc jsonb NOT NULL)`);
  // The triage sync looks up each alert's staged evidence by key: without an index that was a scan of the staging per
  // alert, quadratic (11,228 alerts at 2,000 clusters: 56 s in the run's transaction).
  await client.query(`CREATE INDEX ON stage_security_events (source_key)`);
}

export async function dropSecurityEventStaging(client: pg.PoolClient): Promise<void> {
  await client.query('DROP TABLE IF EXISTS pg_temp.stage_security_events');
}

const lowerAll = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());

export async function stageSecurityEvents(client: pg.PoolClient, rows: readonly SecurityEventRow[] | undefined): Promise<void> {
  if (!rows?.length) return;
  await client.query(`INSERT INTO stage_security_events SELECT * FROM unnest($1::text[], $2::jsonb[])`, [
    rows.map((r) => r.sourceKey.toLowerCase()),
    // Alert ids are compared case-insensitively (Sentinel and Defender disagree on GUID casing).
    rows.map((r) => JSON.stringify({ ...r, systemAlertId: r.systemAlertId?.toLowerCase() ?? null, relatedAlertIds: lowerAll(r.relatedAlertIds) })),
  ]);
}

const EVIDENCE_COLUMNS = [
  'system_alert_id', 'related_alert_ids', 'tactics', 'techniques', 'entities', 'remediation_steps', 'portal_url', 'product_name',
  'compromised_entity', 'target_kind', 'target_name', 'source_status', 'source_owner', 'classification', 'classification_reason',
  'incident_number', 'alert_count', 'comment_count', 'started_at', 'ended_at',
] as const;

export async function mergeSecurityEvents(client: pg.PoolClient, opts: { source: string; now: Date }): Promise<number> {
  const text = (field: string) => `ARRAY(SELECT jsonb_array_elements_text(COALESCE(s.doc->'${field}', '[]'::jsonb)))`;
  const r = await client.query(
    `INSERT INTO security_events AS e (finding_id, system_alert_id, related_alert_ids, tactics, techniques, entities, remediation_steps,
            portal_url, product_name, compromised_entity, target_kind, target_name, source_status, source_owner, classification,
            classification_reason, incident_number, alert_count, comment_count, started_at, ended_at, updated_at)
     SELECT DISTINCT ON (f.id) f.id, s.doc->>'systemAlertId', ${text('relatedAlertIds')}, ${text('tactics')}, ${text('techniques')},
            COALESCE(s.doc->'entities', '[]'::jsonb), ${text('remediationSteps')}, s.doc->>'portalUrl', s.doc->>'productName',
            s.doc->>'compromisedEntity', s.doc->>'targetKind', s.doc->>'targetName', s.doc->>'sourceStatus', s.doc->>'sourceOwner',
            s.doc->>'classification', s.doc->>'classificationReason', (s.doc->>'incidentNumber')::int, (s.doc->>'alertCount')::int,
            (s.doc->>'commentCount')::int, (s.doc->>'startedAt')::timestamptz, (s.doc->>'endedAt')::timestamptz, $2
       FROM stage_security_events s JOIN findings f ON f.source = $1 AND f.source_key = s.source_key
      ORDER BY f.id
     ON CONFLICT (finding_id) DO UPDATE SET
       system_alert_id = EXCLUDED.system_alert_id, related_alert_ids = EXCLUDED.related_alert_ids, tactics = EXCLUDED.tactics,
       techniques = EXCLUDED.techniques, entities = EXCLUDED.entities, remediation_steps = EXCLUDED.remediation_steps,
       portal_url = EXCLUDED.portal_url, product_name = EXCLUDED.product_name, compromised_entity = EXCLUDED.compromised_entity,
       target_kind = EXCLUDED.target_kind, target_name = EXCLUDED.target_name, source_status = EXCLUDED.source_status,
       source_owner = EXCLUDED.source_owner, classification = EXCLUDED.classification,
       classification_reason = EXCLUDED.classification_reason, incident_number = EXCLUDED.incident_number,
       alert_count = EXCLUDED.alert_count, comment_count = EXCLUDED.comment_count, started_at = EXCLUDED.started_at,
       ended_at = EXCLUDED.ended_at, updated_at = EXCLUDED.updated_at
     -- Evidence reported again as it is stays untouched (updated_at says when it last changed).
     WHERE (${EVIDENCE_COLUMNS.map((c) => `e.${c}`).join(', ')}) IS DISTINCT FROM (${EVIDENCE_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [opts.source, opts.now],
  );
  return r.rowCount ?? 0;
}

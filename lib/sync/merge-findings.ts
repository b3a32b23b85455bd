// Turns the staged rows of one run into the `findings` table: insert new, update seen, and — for a complete
// run only — resolve the open findings the source no longer reports (mark-and-sweep by run id, never delete).
import type pg from 'pg';

export interface MergeCounts {
  inserted: number;
  updated: number;
  resolvedBySweep: number;
  severityFromMetadata: number;
  severityUnknown: number;
}

export async function mergeFindings(
  client: pg.PoolClient,
  opts: { source: string; runId: bigint; now: Date; sweep: boolean },
): Promise<MergeCounts> {
  const { source, runId, now } = opts;
  const unknown = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM stage_findings s
      WHERE s.severity IS NULL AND NOT EXISTS (SELECT 1 FROM recommendation_metadata m WHERE m.key = lower(s.rule_id))`,
  );
  const fromMetadata = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM stage_findings s JOIN recommendation_metadata m ON m.key = lower(s.rule_id) WHERE s.severity IS NULL`,
  );
  // DISTINCT ON: a record repeated across pages (the API may shift while paging) must not update a row twice.
  const merged = await client.query<{ inserted: boolean }>(
    `WITH src AS (
       SELECT DISTINCT ON (s.source_key) s.*, c.id AS cluster_id, r.id AS registry_id,
              -- Severity lives on Defender's metadata, not the assessment. Without metadata the finding is kept as
              -- informational (counted and reported) until metadata arrives and corrects it below.
              COALESCE(s.severity, m.severity::text, 'informational') AS eff_severity
         FROM stage_findings s
         LEFT JOIN clusters c ON c.arm_id = s.cluster_arm_id
         LEFT JOIN registries r ON r.arm_id = s.registry_arm_id
         LEFT JOIN recommendation_metadata m ON m.key = lower(s.rule_id)
        ORDER BY s.source_key, s.source_updated_at DESC NULLS LAST
     )
     INSERT INTO findings AS f (source, source_key, kind, rule_id, title, description, remediation, severity, status, resource_id,
                                resource_type, subscription_id, cluster_id, registry_id, image_digest, stage, control_id,
                                first_seen_at, last_seen_at, resolved_at, source_updated_at, last_run_id, raw)
     SELECT $1, src.source_key, src.kind::"FindingKind", src.rule_id, src.title, src.description, src.remediation,
            src.eff_severity::"Severity", src.status::"FindingStatus", src.resource_id, src.resource_type, src.subscription_id,
            src.cluster_id, src.registry_id, src.image_digest, src.stage::"Stage", src.control_id,
            COALESCE(src.first_seen_at, $3), $3,
            CASE WHEN src.status = 'open' THEN NULL ELSE COALESCE(src.resolved_at, src.source_updated_at, $3) END,
            src.source_updated_at, $2, src.raw
       FROM src
     ON CONFLICT (source, source_key) DO UPDATE SET
       kind = EXCLUDED.kind, rule_id = EXCLUDED.rule_id, title = EXCLUDED.title, description = EXCLUDED.description,
       remediation = EXCLUDED.remediation, severity = EXCLUDED.severity, status = EXCLUDED.status,
       resource_id = EXCLUDED.resource_id, resource_type = EXCLUDED.resource_type, subscription_id = EXCLUDED.subscription_id,
       cluster_id = EXCLUDED.cluster_id, registry_id = EXCLUDED.registry_id, image_digest = EXCLUDED.image_digest,
       stage = EXCLUDED.stage, control_id = EXCLUDED.control_id,
       first_seen_at = LEAST(f.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = EXCLUDED.last_seen_at,
       -- Keep the first resolution time while it stays resolved; clear it when the finding comes back.
       resolved_at = CASE WHEN EXCLUDED.status = 'open' THEN NULL
                          WHEN f.status = 'open' THEN EXCLUDED.resolved_at
                          ELSE COALESCE(f.resolved_at, EXCLUDED.resolved_at) END,
       source_updated_at = EXCLUDED.source_updated_at, last_run_id = EXCLUDED.last_run_id, raw = EXCLUDED.raw
     RETURNING (xmax = 0) AS inserted`,
    [source, runId, now],
  );
  let resolvedBySweep = 0;
  if (opts.sweep) {
    const swept = await client.query(
      `UPDATE findings SET status = 'resolved', resolved_at = $3, last_seen_at = last_seen_at
        WHERE source = $1 AND status = 'open' AND last_run_id <> $2`,
      [source, runId, now],
    );
    resolvedBySweep = swept.rowCount ?? 0;
  }
  const inserted = merged.rows.filter((r) => r.inserted).length;
  return {
    inserted,
    updated: merged.rows.length - inserted,
    resolvedBySweep,
    severityFromMetadata: Number(fromMetadata.rows[0]?.n ?? 0),
    severityUnknown: Number(unknown.rows[0]?.n ?? 0),
  };
}

/** Metadata may arrive after its assessments (an import of metadata alone): correct their severity then. */
export async function applyMetadataSeverity(client: pg.PoolClient): Promise<number> {
  const r = await client.query(
    `UPDATE findings f SET severity = m.severity FROM recommendation_metadata m
      WHERE f.source = 'defender-assessment' AND lower(f.rule_id) = m.key AND f.severity <> m.severity`,
  );
  return r.rowCount ?? 0;
}

// Turns the staged rows of one run into the `findings` table, inside the run's short merge transaction: insert
// new, rewrite CHANGED, leave unchanged rows alone, and — for a complete run only — resolve the open findings
// the source no longer reports (mark-and-sweep against the staged set, never delete).
//
// Why unchanged rows are not touched at all (not even a "last seen" stamp): an UPDATE writes a new row version,
// its index entries unless HOT, and new TOAST chunks for the raw payload — at 1 M findings an unchanged re-sync
// used to rewrite every row. Instead, a complete run records when it saw its source (finding_source_seen): an
// open finding was seen by it, so "last seen" of an open finding is the later of the two (lib/data/last-seen.ts).
import type pg from 'pg';
import { analyzeStaging } from './write-batch';

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  resolvedBySweep: number;
  severityFromMetadata: number;
  severityUnknown: number;
}

export async function mergeFindings(
  client: pg.PoolClient,
  opts: { source: string; runId: bigint; now: Date; sweep: boolean },
): Promise<MergeCounts> {
  const { source, runId, now } = opts;
  await analyzeStaging(client);
  await mergeStagedImages(client, now);
  // Shared payload parts first: a part already stored is the same content (its key is its digest).
  await client.query(`INSERT INTO raw_parts (hash, doc) SELECT DISTINCT ON (hash) hash, doc FROM stage_raw_parts ON CONFLICT (hash) DO NOTHING`);
  const severities = await client.query<{ unknown: string; from_metadata: string }>(
    `SELECT count(*) FILTER (WHERE m.key IS NULL)::text AS unknown, count(*) FILTER (WHERE m.key IS NOT NULL)::text AS from_metadata
       FROM stage_findings s LEFT JOIN recommendation_metadata m ON m.key = lower(s.rule_id) WHERE s.severity IS NULL`,
  );
  // DISTINCT ON: a record repeated across pages (the API may shift while paging) must not update a row twice. It
  // sorts only the narrow columns and a reference to the staged row (its ctid): sorting whole staged rows, raw
  // payloads included, spilled a re-sync's gigabyte to disk.
  // A staged record is written only when what the source says differs from the stored row (content_hash), or when
  // what the store derived differs: status (a swept finding that comes back), cluster or registry (created after the
  // finding), severity. Unchanged records are left out BEFORE the insert: through ON CONFLICT … WHERE they would still
  // be probed, their raw payload parsed, and each stored row locked (a lock writes the row's page and WAL) — at 1 M
  // findings, an unchanged re-sync touched every page of the table.
  const merged = await client.query<{ inserted: string; updated: string; staged: string }>(
    `WITH keyed AS MATERIALIZED (
       SELECT DISTINCT ON (s.source_key) s.ctid AS staged_row, s.source_key, s.content_hash, s.status, c.id AS cluster_id, r.id AS registry_id,
              -- Severity lives on Defender's metadata, not the assessment. Without metadata the finding is kept as
              -- informational (counted and reported) until metadata arrives and corrects it below.
              COALESCE(s.severity, m.severity::text, 'informational') AS eff_severity
         FROM stage_findings s
         LEFT JOIN clusters c ON c.arm_id = s.cluster_arm_id
         LEFT JOIN registries r ON r.arm_id = s.registry_arm_id
         LEFT JOIN recommendation_metadata m ON m.key = lower(s.rule_id)
        ORDER BY s.source_key, s.source_updated_at DESC NULLS LAST
     ), todo AS (
       SELECT k.* FROM keyed k
        WHERE NOT EXISTS (
          SELECT 1 FROM findings f
           WHERE f.source = $1 AND f.source_key = k.source_key AND f.content_hash = k.content_hash
             AND f.status::text = k.status AND f.severity::text = k.eff_severity
             AND f.cluster_id IS NOT DISTINCT FROM k.cluster_id AND f.registry_id IS NOT DISTINCT FROM k.registry_id)
     ), written AS (
     INSERT INTO findings AS f (source, source_key, kind, rule_id, title, description, remediation, severity, status, resource_id,
                                resource_type, subscription_id, cluster_id, registry_id, image_digest, stage, control_id,
                                first_seen_at, last_seen_at, resolved_at, source_updated_at, last_run_id, raw, content_hash)
     SELECT $1, s.source_key, s.kind::"FindingKind", s.rule_id, s.title, s.description, s.remediation,
            todo.eff_severity::"Severity", s.status::"FindingStatus", s.resource_id, s.resource_type, s.subscription_id,
            todo.cluster_id, todo.registry_id, s.image_digest, s.stage::"Stage", s.control_id,
            COALESCE(s.first_seen_at, $3), $3,
            CASE WHEN s.status = 'open' THEN NULL ELSE COALESCE(s.resolved_at, s.source_updated_at, $3) END,
            s.source_updated_at, $2, s.raw::jsonb, s.content_hash
       FROM todo JOIN stage_findings s ON s.ctid = todo.staged_row
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
       source_updated_at = EXCLUDED.source_updated_at, last_run_id = EXCLUDED.last_run_id, raw = EXCLUDED.raw,
       content_hash = EXCLUDED.content_hash
     RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::text AS inserted, count(*) FILTER (WHERE NOT inserted)::text AS updated,
            (SELECT count(*) FROM keyed)::text AS staged
       FROM written`,
    [source, runId, now],
  );
  let resolvedBySweep = 0;
  if (opts.sweep) {
    // Open and absent from this complete run. Its last sighting was the previous complete run (if later than its
    // own stamp): that is the "last seen" it keeps once resolved.
    const swept = await client.query(
      `UPDATE findings f SET status = 'resolved', resolved_at = $2,
              last_seen_at = GREATEST(f.last_seen_at, (SELECT seen.seen_at FROM finding_source_seen seen WHERE seen.source = $1))
        WHERE f.source = $1 AND f.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM stage_findings s WHERE s.source_key = f.source_key)`,
      [source, now],
    );
    resolvedBySweep = swept.rowCount ?? 0;
    await client.query(
      `INSERT INTO finding_source_seen (source, run_id, seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (source) DO UPDATE SET run_id = EXCLUDED.run_id, seen_at = EXCLUDED.seen_at`,
      [source, runId, now],
    );
  } else {
    // A partial run (an import) resolves nothing, so it cannot vouch for the whole source: it stamps what it saw.
    await client.query(
      `UPDATE findings f SET last_seen_at = $2 FROM stage_findings s
        WHERE f.source = $1 AND f.source_key = s.source_key AND f.last_seen_at < $2`,
      [source, now],
    );
  }
  const m = merged.rows[0]!;
  const written = Number(m.inserted) + Number(m.updated);
  // The queries that follow in this transaction (triage, snapshots) read findings: after a large change, plan them
  // on its new contents rather than statistics from before the run. Large relative to the table: ANALYZE samples the
  // whole table (13 s at 1.5 M findings), and 11,000 new alerts do not change the plans of a million-row table.
  if (written > 10_000) {
    const size = await client.query<{ rows: number }>(`SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'findings'::regclass`);
    if (written > 0.1 * (size.rows[0]?.rows ?? 0)) await client.query('ANALYZE findings');
  }
  return {
    inserted: Number(m.inserted),
    updated: Number(m.updated),
    unchanged: Number(m.staged) - written,
    resolvedBySweep,
    severityFromMetadata: Number(severities.rows[0]?.from_metadata ?? 0),
    severityUnknown: Number(severities.rows[0]?.unknown ?? 0),
  };
}

/**
 * The images and workloads staged by the run, written once (they arrive once per page that names them: at 1 M
 * findings, upserting per page wrote 2.4 rows per image row). Rows already stored as they are stay untouched.
 */
async function mergeStagedImages(client: pg.PoolClient, now: Date): Promise<void> {
  // The most informative staging row per digest: tagged, pushed, in a known registry. A stored image that would not
  // change is left out before the upsert (an ON CONFLICT … WHERE that declines still locks the row it probed).
  await client.query(
    `WITH best AS (
       SELECT DISTINCT ON (u.digest) u.digest, r.id AS registry_id, u.repository,
              COALESCE(string_to_array(NULLIF(u.tags, ''), ' '), ARRAY[]::text[]) AS tags, u.pushed
         FROM stage_images u LEFT JOIN registries r ON r.arm_id = u.registry_arm_id
        ORDER BY u.digest, (u.tags <> '') DESC, u.pushed DESC NULLS LAST, r.id NULLS LAST
     )
     INSERT INTO images AS i (digest, registry_id, repository, tags, last_pushed_at, last_seen_at)
     SELECT b.digest, b.registry_id, b.repository, b.tags, b.pushed, $1::timestamptz FROM best b
      WHERE NOT EXISTS (
        SELECT 1 FROM images i
         WHERE i.digest = b.digest
           AND (b.registry_id IS NULL OR b.registry_id = i.registry_id)
           AND b.repository = i.repository
           AND (cardinality(b.tags) = 0 OR b.tags = i.tags)
           AND (b.pushed IS NULL OR b.pushed = i.last_pushed_at))
     ON CONFLICT (digest) DO UPDATE SET registry_id = COALESCE(EXCLUDED.registry_id, i.registry_id), repository = EXCLUDED.repository,
       tags = CASE WHEN cardinality(EXCLUDED.tags) > 0 THEN EXCLUDED.tags ELSE i.tags END,
       last_pushed_at = COALESCE(EXCLUDED.last_pushed_at, i.last_pushed_at), last_seen_at = EXCLUDED.last_seen_at`,
    [now],
  );
  // A workload may name an image no registry scan has reported yet: record the digest so the join still holds.
  await client.query(
    `INSERT INTO images (digest, repository, last_seen_at) SELECT DISTINCT digest, '', $1::timestamptz FROM stage_workloads
     ON CONFLICT (digest) DO NOTHING`,
    [now],
  );
  // A workload row is its key: one already stored is left as it is.
  await client.query(
    `INSERT INTO workloads (cluster_id, namespace, kind, name, image_digest, last_seen_at)
     SELECT DISTINCT c.id, u.ns, u.kind, u.name, u.digest, $1::timestamptz
       FROM stage_workloads u JOIN clusters c ON c.arm_id = u.cluster_arm_id
     ON CONFLICT (cluster_id, namespace, kind, name, image_digest) DO NOTHING`,
    [now],
  );
}

/** Metadata may arrive after its assessments (an import of metadata alone): correct their severity then. */
export async function applyMetadataSeverity(client: pg.PoolClient): Promise<number> {
  const r = await client.query(
    `UPDATE findings f SET severity = m.severity FROM recommendation_metadata m
      WHERE f.source = 'defender-assessment' AND lower(f.rule_id) = m.key AND f.severity <> m.severity`,
  );
  return r.rowCount ?? 0;
}

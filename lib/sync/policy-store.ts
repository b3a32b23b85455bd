// The Azure Policy part of a source run, inside the run's transaction: policy states, exemptions and Azure's
// summaries are upserted set-based per page; when the source has finished, a complete run sweeps what it no longer
// reports and the compliance summary is recomputed — all before COMMIT, so a failed run changes nothing.
import type pg from 'pg';
import type { KubernetesVersionRow } from '../connectors/inventory/kubernetes-versions';
import type { PolicyBatch } from '../connectors/policy-state/rows';

interface PolicyRunContext {
  client: pg.PoolClient;
  runId: bigint;
  now: Date;
}

const lower = (s: string | null) => (s === null ? null : s.toLowerCase());
// Unit separator: group names and reference ids never contain it, so a joined string is a safe array transport.
const US = '\u001f';

/** What a policy state row holds besides its key and run stamps: compared to leave a state reported again alone. */
const STATE_COLUMNS = [
  'subscription_id', 'resource_id', 'resource_type', 'resource_group', 'cluster_id', 'k8s_namespace', 'k8s_kind', 'k8s_name',
  'policy_assignment_id', 'policy_assignment_name', 'policy_definition_id', 'policy_definition_name', 'policy_title',
  'policy_set_definition_id', 'policy_definition_reference_id', 'policy_definition_group_names', 'effect', 'compliance_state',
  'evaluated_at',
] as const;

/**
 * The states the run staged (write-batch.ts), merged in its transaction. DISTINCT ON: Policy Insights may repeat a
 * row across pages while paging; one upsert per key. A state reported again as it is is left out before the insert
 * (through ON CONFLICT … WHERE it would keep its version but be locked, its page and WAL written).
 */
export async function mergePolicyStates(client: pg.PoolClient, opts: { runId: bigint; now: Date }): Promise<number> {
  const written = await client.query(
    `WITH n AS (
       SELECT DISTINCT ON (u.source_key) u.source_key, u.subscription_id, u.resource_id, u.resource_type, u.resource_group, c.id AS cluster_id,
              u.k8s_namespace, u.k8s_kind, u.k8s_name, u.policy_assignment_id, u.policy_assignment_name, u.policy_definition_id,
              u.policy_definition_name, u.policy_title, u.policy_set_definition_id, u.policy_definition_reference_id,
              COALESCE(string_to_array(NULLIF(u.policy_definition_group_names, ''), chr(31)), ARRAY[]::text[]) AS policy_definition_group_names,
              u.effect, u.compliance_state, u.evaluated_at
         FROM stage_policy_states u
         LEFT JOIN clusters c ON c.arm_id = u.cluster_arm_id
        ORDER BY u.source_key, u.evaluated_at DESC NULLS LAST
     )
     INSERT INTO policy_states AS p (source_key, ${STATE_COLUMNS.join(', ')}, last_run_id, last_seen_at)
     SELECT n.source_key, ${STATE_COLUMNS.map((c) => `n.${c}`).join(', ')}, $1::bigint, $2::timestamptz FROM n
      WHERE NOT EXISTS (
        SELECT 1 FROM policy_states p
         WHERE p.source_key = n.source_key
           AND (${STATE_COLUMNS.map((c) => `p.${c}`).join(', ')}) IS NOT DISTINCT FROM (${STATE_COLUMNS.map((c) => `n.${c}`).join(', ')}))
     ON CONFLICT (source_key) DO UPDATE SET
       ${STATE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
       last_run_id = EXCLUDED.last_run_id, last_seen_at = EXCLUDED.last_seen_at`,
    [opts.runId, opts.now],
  );
  return written.rowCount ?? 0;
}

/** Exemptions and Azure's per-subscription summaries of a page: small, written in the run's transaction. */
export async function writePolicyBatch(ctx: PolicyRunContext, batch: PolicyBatch): Promise<void> {
  const { client, runId, now } = ctx;
  if (batch.exemptions?.length) {
    const rows = batch.exemptions;
    await client.query(
      `INSERT INTO policy_exemptions (id, subscription_id, name, display_name, description, category, scope, cluster_id, policy_assignment_id,
              policy_definition_reference_ids, expires_at, last_run_id, last_seen_at)
       SELECT u.id, u.sub, u.name, u.display, u.descr, u.cat, u.scope, c.id, u.aid,
              COALESCE(string_to_array(NULLIF(u.refs, ''), chr(31)), ARRAY[]::text[]), u.expires, $12::bigint, $13::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::timestamptz[]) AS u(id, sub, name, display, descr, cat, scope, cluster_arm_id, aid, refs, expires)
         LEFT JOIN clusters c ON c.arm_id = u.cluster_arm_id
       ON CONFLICT (id) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, name = EXCLUDED.name, display_name = EXCLUDED.display_name,
         description = EXCLUDED.description, category = EXCLUDED.category, scope = EXCLUDED.scope, cluster_id = EXCLUDED.cluster_id,
         policy_assignment_id = EXCLUDED.policy_assignment_id, policy_definition_reference_ids = EXCLUDED.policy_definition_reference_ids,
         expires_at = EXCLUDED.expires_at, last_run_id = EXCLUDED.last_run_id, last_seen_at = EXCLUDED.last_seen_at`,
      [
        rows.map((r) => r.id.toLowerCase()),
        rows.map((r) => r.subscriptionId.toLowerCase()),
        rows.map((r) => r.name),
        rows.map((r) => r.displayName),
        rows.map((r) => r.description),
        rows.map((r) => r.category),
        rows.map((r) => r.scope.toLowerCase()),
        rows.map((r) => lower(r.clusterArmId)),
        rows.map((r) => r.policyAssignmentId.toLowerCase()),
        rows.map((r) => r.policyDefinitionReferenceIds.join(US)),
        rows.map((r) => r.expiresAt),
        runId,
        now,
      ],
    );
  }
  for (const s of batch.summaries ?? []) {
    await client.query(
      `INSERT INTO policy_subscription_summaries (subscription_id, non_compliant_resources, non_compliant_policies, raw, last_run_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (subscription_id) DO UPDATE SET non_compliant_resources = EXCLUDED.non_compliant_resources,
         non_compliant_policies = EXCLUDED.non_compliant_policies, raw = EXCLUDED.raw, last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at`,
      [s.subscriptionId.toLowerCase(), s.nonCompliantResources, s.nonCompliantPolicies, JSON.stringify(s.raw ?? null), runId, now],
    );
  }
}

export interface PolicyFinishCounts {
  policyStatesWritten: number;
  policyStatesRemoved: number;
  policyExemptionsRemoved: number;
  policySummaryRows: number;
}

/**
 * After the last page: the staged states merged; a complete run drops the states and exemptions it no longer reports (they are a "latest"
 * snapshot, not history — the findings keep the history), then the compliance summary is rebuilt from the states.
 * One GROUP BY per run over the states keeps every page view off the states table's full scan.
 */
export async function finishPolicyRun(client: pg.PoolClient, opts: { runId: bigint; now: Date; sweep: boolean }): Promise<PolicyFinishCounts> {
  let policyStatesRemoved = 0;
  let policyExemptionsRemoved = 0;
  // The sweep probes the staged keys for every stored state; autovacuum never analyzes temp tables.
  await client.query('CREATE INDEX ON stage_policy_states (source_key)');
  await client.query('ANALYZE stage_policy_states');
  const policyStatesWritten = await mergePolicyStates(client, opts);
  if (opts.sweep) {
    // Against the keys this run reported (an unchanged state keeps an older last_run_id: it is not rewritten).
    policyStatesRemoved =
      (await client.query(`DELETE FROM policy_states p WHERE NOT EXISTS (SELECT 1 FROM stage_policy_states k WHERE k.source_key = p.source_key)`)).rowCount ?? 0;
    policyExemptionsRemoved = (await client.query(`DELETE FROM policy_exemptions WHERE last_run_id <> $1`, [opts.runId])).rowCount ?? 0;
  }
  // Rebuilt from the states, but written as a difference: rows that stay the same are not rewritten. Each row is
  // compared whole through a digest of its values (the summary has no natural key; the group key has NULLs).
  const columns = `subscription_id, cluster_id, kubernetes, policy_assignment_id, policy_assignment_name, policy_set_definition_id,
                   policy_definition_id, policy_title, compliant, non_compliant, exempt, other`;
  await client.query(
    `CREATE TEMP TABLE fresh_policy_summary ON COMMIT DROP AS
     SELECT g.*, md5(ROW(g.*)::text) AS digest FROM (
       SELECT subscription_id, cluster_id, k8s_name IS NOT NULL AS kubernetes, policy_assignment_id, max(policy_assignment_name) AS policy_assignment_name,
              policy_set_definition_id, policy_definition_id, max(policy_title) AS policy_title,
              count(*) FILTER (WHERE compliance_state = 'compliant')::int AS compliant,
              count(*) FILTER (WHERE compliance_state = 'noncompliant')::int AS non_compliant,
              count(*) FILTER (WHERE compliance_state = 'exempt')::int AS exempt,
              count(*) FILTER (WHERE compliance_state NOT IN ('compliant', 'noncompliant', 'exempt'))::int AS other
         FROM policy_states
        GROUP BY subscription_id, cluster_id, k8s_name IS NOT NULL, policy_assignment_id, policy_set_definition_id, policy_definition_id
     ) g`,
  );
  await client.query(
    `DELETE FROM policy_compliance_summary s
      WHERE NOT EXISTS (SELECT 1 FROM fresh_policy_summary f WHERE f.digest = md5(ROW(${columns.replace(/(\w+)/g, 's.$1')})::text))`,
  );
  await client.query(
    `INSERT INTO policy_compliance_summary (${columns})
     SELECT ${columns} FROM fresh_policy_summary f
      WHERE NOT EXISTS (SELECT 1 FROM policy_compliance_summary s WHERE md5(ROW(${columns.replace(/(\w+)/g, 's.$1')})::text) = f.digest)`,
  );
  const summaryRows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM fresh_policy_summary');
  await client.query('DROP TABLE fresh_policy_summary');
  return { policyStatesWritten, policyStatesRemoved, policyExemptionsRemoved, policySummaryRows: summaryRows.rows[0]?.n ?? 0 };
}

/** The regions' Kubernetes versions as last read by the inventory; a region read again replaces its list. */
export async function writeKubernetesVersions(ctx: PolicyRunContext, rows: readonly KubernetesVersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const { client, now } = ctx;
  await client.query(`DELETE FROM kubernetes_versions WHERE location = ANY($1::text[])`, [[...new Set(rows.map((r) => r.location))]]);
  await client.query(
    `INSERT INTO kubernetes_versions (location, version, is_preview, is_default, support_plans, patch_versions, updated_at)
     SELECT u.loc, u.ver, u.preview, u.dflt, COALESCE(string_to_array(NULLIF(u.plans, ''), chr(31)), ARRAY[]::text[]),
            COALESCE(string_to_array(NULLIF(u.patches, ''), chr(31)), ARRAY[]::text[]), $7::timestamptz
       FROM unnest($1::text[], $2::text[], $3::bool[], $4::bool[], $5::text[], $6::text[]) AS u(loc, ver, preview, dflt, plans, patches)
     ON CONFLICT (location, version) DO NOTHING`,
    [
      rows.map((r) => r.location),
      rows.map((r) => r.version),
      rows.map((r) => r.isPreview),
      rows.map((r) => r.isDefault),
      rows.map((r) => r.supportPlans.join(US)),
      rows.map((r) => r.patchVersions.join(US)),
      now,
    ],
  );
}

// Writes of a source run. What grows with the tenant — findings, the images and workloads they name, alert
// evidence — is STAGED: streamed with COPY into session-temporary tables while the source is still being paged,
// outside any transaction, and merged once at the end in the run's one short transaction (merge-findings.ts).
// The rest of a page — subscriptions, clusters, registries, metadata, policy data, Kubernetes versions — is
// small and is written by writeDirect inside that transaction. Either way a run that fails changes nothing.
//
// Staging tables are TEMP (never WAL-logged, private to the run's connection): a killed process or a dropped
// connection takes them with it, so there is nothing to clean up after a crash; a finished run drops them.
import type pg from 'pg';
import { classifyFinding } from '../catalog';
import type { ImageRow, SourceBatch, WorkloadRow } from '../connectors/types';
import type { PolicyStateRow } from '../connectors/policy-state/rows';
import type { ClusterRow, FindingRow, RegistryRow } from '../domain/rows';
import type { FindingSourceId } from '../domain/model';
import { resourceKeyOf } from './cluster-id';
import { applyMappedTeams } from './mapped-teams';
import { splitRaw } from '../domain/raw-parts';
import { SHARED_RAW_GROUPS } from '../domain/shared-raw-groups';
import { withoutColumnsFromRaw } from '../domain/raw-columns';
import { copyLines, copyRows, digestOf, encodeCopyLine } from './copy-rows';
import { createSecurityEventStaging, dropSecurityEventStaging, stageSecurityEvents } from './merge-security-events';
import { writeSecureScoreToday } from '../trends/secure-score-store';
import { writeKubernetesVersions, writePolicyBatch } from './policy-store';

export interface RunContext {
  client: pg.PoolClient;
  runId: bigint;
  source: FindingSourceId | 'inventory';
  now: Date;
  /** Digests of the shared payload parts this run has staged already (each is staged once per run). */
  stagedParts?: Set<string>;
}

/** Columns of `stage_findings` that carry the record, in the order toStagedFindings produces them. */
export const STAGED_FINDING_COLUMNS = [
  'source_key', 'kind', 'rule_id', 'title', 'description', 'remediation', 'severity', 'status', 'resource_id', 'resource_type',
  'subscription_id', 'cluster_arm_id', 'registry_arm_id', 'image_digest', 'stage', 'control_id', 'first_seen_at',
  'source_updated_at', 'resolved_at', 'raw',
] as const;

const STAGED_IMAGE_COLUMNS = ['digest', 'registry_arm_id', 'repository', 'tags', 'pushed'] as const;
/** Columns of `stage_policy_states`: a policy_states row with the cluster's ARM id (resolved by the merge). */
const STAGED_POLICY_STATE_COLUMNS = [
  'source_key', 'subscription_id', 'resource_id', 'resource_type', 'resource_group', 'cluster_arm_id', 'k8s_namespace', 'k8s_kind',
  'k8s_name', 'policy_assignment_id', 'policy_assignment_name', 'policy_definition_id', 'policy_definition_name', 'policy_title',
  'policy_set_definition_id', 'policy_definition_reference_id', 'policy_definition_group_names', 'effect', 'compliance_state',
  'evaluated_at',
] as const;
const STAGED_WORKLOAD_COLUMNS = ['cluster_arm_id', 'ns', 'kind', 'name', 'digest'] as const;

/** Creates the run's staging tables on `client` (dropping any a previous run on this connection left behind). */
export async function createStaging(client: pg.PoolClient): Promise<void> {
  await dropStaging(client);
  await client.query(`
    CREATE TEMP TABLE stage_findings (
      source_key text NOT NULL, kind text NOT NULL, rule_id text NOT NULL, title text NOT NULL,
      description text, remediation text, severity text, status text NOT NULL,
      resource_id text NOT NULL, resource_type text, subscription_id text,
      cluster_arm_id text, registry_arm_id text, image_digest text,
      stage text NOT NULL, control_id text NOT NULL,
      first_seen_at timestamptz, source_updated_at timestamptz, resolved_at timestamptz,
      -- text, not jsonb: parsed by the merge only for the rows it writes, never for the unchanged majority of a re-sync.
      raw text NOT NULL,
      content_hash text
    )`);
  await client.query(`CREATE TEMP TABLE stage_images (digest text NOT NULL, registry_arm_id text, repository text NOT NULL, tags text NOT NULL, pushed timestamptz)`);
  await client.query(`CREATE TEMP TABLE stage_workloads (cluster_arm_id text NOT NULL, ns text NOT NULL, kind text NOT NULL, name text NOT NULL, digest text NOT NULL)`);
  await client.query(`CREATE TEMP TABLE stage_raw_parts (hash text NOT NULL, doc jsonb NOT NULL)`);
  // The policy states a run reported (merged in its transaction by mergePolicyStates; their keys are what the sweep
  // keeps). Staged like findings: at 2,000 clusters a run reports ~420,000, held in memory until the transaction when
  // they were written directly.
  await client.query(`CREATE TEMP TABLE stage_policy_states (${STAGED_POLICY_STATE_COLUMNS.map((c) => `${c} ${c === 'evaluated_at' ? 'timestamptz' : 'text'}`).join(', ')})`);
  await createSecurityEventStaging(client);
}

/**
 * Once staging is complete: an index on the staged keys (the sweep and the triage sync probe it for every open
 * finding; the findings table's own statistics may predate this run, so a plan that scanned staging per row would
 * be quadratic), and statistics (autovacuum never analyzes temp tables).
 */
export async function analyzeStaging(client: pg.PoolClient): Promise<void> {
  await client.query('CREATE INDEX ON stage_findings (source_key)');
  await client.query('ANALYZE stage_findings, stage_images, stage_workloads, stage_raw_parts, stage_security_events');
}

export async function dropStaging(client: pg.PoolClient): Promise<void> {
  await client.query('DROP TABLE IF EXISTS pg_temp.stage_findings, pg_temp.stage_images, pg_temp.stage_workloads, pg_temp.stage_raw_parts, pg_temp.stage_policy_states');
  await dropSecurityEventStaging(client);
}

/** The part of a page that is written directly in the run's transaction (null when there is none). */
export function directPart(batch: SourceBatch): SourceBatch | null {
  const rest: SourceBatch = { ...batch };
  delete rest.findings;
  delete rest.images;
  delete rest.workloads;
  delete rest.securityEvents;
  if (rest.policy) {
    const policy = { ...rest.policy };
    delete policy.states;
    rest.policy = Object.values(policy).some((v) => v !== undefined) ? policy : undefined;
  }
  return Object.values(rest).some((v) => v !== undefined) ? rest : null;
}

/** Streams the tenant-sized part of a page into staging (outside any transaction). */
export async function stageBatch(ctx: RunContext, batch: SourceBatch): Promise<{ staged: number }> {
  const { client } = ctx;
  if (batch.images?.length) await copyRows(client, 'stage_images', STAGED_IMAGE_COLUMNS, batch.images.map(stagedImage));
  if (batch.workloads?.length) await copyRows(client, 'stage_workloads', STAGED_WORKLOAD_COLUMNS, batch.workloads.map(stagedWorkload));
  let staged = 0;
  if (batch.findings?.length) {
    const findings = withSharedPartsOut(batch.findings, ctx.stagedParts ?? new Set());
    await copyRows(client, 'stage_raw_parts', ['hash', 'doc'], findings.parts.map((p) => [p.hash, p.json]));
    const lines = toStagedFindings(ctx.source, findings.rows).map((values) => {
      const line = encodeCopyLine(values);
      // The digest of the encoded record: the merge rewrites a stored finding only when it differs.
      return `${line.slice(0, -1)}\t${digestOf(line)}\n`;
    });
    await copyLines(client, 'stage_findings', [...STAGED_FINDING_COLUMNS, 'content_hash'], lines);
    staged = lines.length;
  }
  if (batch.policy?.states?.length) await copyRows(client, 'stage_policy_states', STAGED_POLICY_STATE_COLUMNS, batch.policy.states.map(stagedPolicyState));
  await stageSecurityEvents(client, batch.securityEvents);
  return { staged };
}

/** A whole page, staged and written (for loaders that run everything inside their own transaction). */
export async function writeBatch(ctx: RunContext, batch: SourceBatch): Promise<{ staged: number }> {
  const direct = directPart(batch);
  if (direct) await writeDirect(ctx, direct);
  return stageBatch(ctx, batch);
}

const lower = (s: string | null) => (s === null ? null : s.toLowerCase());

/**
 * Payloads with the field groups many findings share taken out (stored once in raw_parts; which groups, by kind:
 * lib/domain/shared-raw-groups.ts); the parts not yet staged by this run come back beside them.
 */
function withSharedPartsOut(findings: readonly FindingRow[], staged: Set<string>): { rows: FindingRow[]; parts: { hash: string; json: string }[] } {
  const parts: { hash: string; json: string }[] = [];
  const rows = findings.map((given) => {
    // A description or remediation column that repeats its payload field is read back from it (raw-columns.ts).
    const f = withoutColumnsFromRaw(given);
    const groups = SHARED_RAW_GROUPS[f.kind];
    if (!groups) return f;
    const split = splitRaw(f.raw, groups, digestOf);
    for (const part of split.parts) {
      if (staged.has(part.hash)) continue;
      staged.add(part.hash);
      parts.push(part);
    }
    return { ...f, raw: split.raw };
  });
  return { rows, parts };
}

// Tags never contain spaces (OCI grammar), so a space-joined string is a safe array transport.
const stagedImage = (r: ImageRow) => [r.digest.toLowerCase(), lower(r.registryArmId), r.repository, r.tags.join(' '), r.lastPushedAt];
// Unit separator: group names never contain it, so a joined string is a safe array transport (split by the merge).
const stagedPolicyState = (r: PolicyStateRow) => [
  r.sourceKey, r.subscriptionId.toLowerCase(), r.resourceId.toLowerCase(), r.resourceType, r.resourceGroup, lower(r.clusterArmId),
  r.k8sNamespace, r.k8sKind, r.k8sName, r.policyAssignmentId.toLowerCase(), r.policyAssignmentName, r.policyDefinitionId.toLowerCase(),
  r.policyDefinitionName, r.policyTitle, lower(r.policySetDefinitionId), r.policyDefinitionReferenceId, r.policyDefinitionGroupNames.join('\u001f'),
  r.effect, r.complianceState, r.evaluatedAt,
];
const stagedWorkload = (r: WorkloadRow) => [r.clusterArmId.toLowerCase(), r.namespace, r.kind, r.name, r.imageDigest.toLowerCase()];

interface Column<R> {
  name: string;
  type: 'text' | 'bool' | 'jsonb' | 'bigint' | 'timestamptz';
  value: (row: R) => unknown;
}

/**
 * INSERT … SELECT FROM unnest(one array per column) ON CONFLICT (id) DO UPDATE every other column: one round trip
 * per page whatever its size. Table and column names come from this file, never from input.
 */
async function upsertRows<R>(client: pg.PoolClient, table: string, rows: readonly R[], columns: readonly Column<R>[]): Promise<void> {
  const names = columns.map((c) => c.name);
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${arrays}) ON CONFLICT (id) DO UPDATE SET ${updates}`,
    columns.map((c) => rows.map((r) => c.value(r))),
  );
}

/** Subscriptions, clusters, registries, metadata, policy data and Kubernetes versions: small, written in place. */
export async function writeDirect(ctx: RunContext, batch: SourceBatch): Promise<void> {
  const { client, runId, now } = ctx;
  if (batch.subscriptions?.length) {
    await client.query(
      `INSERT INTO subscriptions (id, display_name, last_seen_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, subscriptions.display_name), last_seen_at = EXCLUDED.last_seen_at`,
      [batch.subscriptions.map((s) => s.id.toLowerCase()), batch.subscriptions.map((s) => s.displayName), batch.subscriptions.map(() => now)],
    );
  }
  const ensureSubscriptions = async (ids: string[]) => {
    if (ids.length === 0) return;
    await client.query(
      `INSERT INTO subscriptions (id, last_seen_at) SELECT DISTINCT unnest($1::text[]), $2::timestamptz ON CONFLICT (id) DO NOTHING`,
      [ids.map((x) => x.toLowerCase()), now],
    );
  };
  const armColumns = <R extends ClusterRow | RegistryRow>(): Column<R>[] => [
    { name: 'id', type: 'text', value: (r) => resourceKeyOf(r.armId) },
    { name: 'arm_id', type: 'text', value: (r) => r.armId.toLowerCase() },
    { name: 'subscription_id', type: 'text', value: (r) => r.subscriptionId.toLowerCase() },
    { name: 'resource_group', type: 'text', value: (r) => r.resourceGroup },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'location', type: 'text', value: (r) => r.location },
    { name: 'team', type: 'text', value: (r) => r.team },
    { name: 'tags', type: 'jsonb', value: (r) => JSON.stringify(r.tags) },
    { name: 'raw', type: 'jsonb', value: (r) => JSON.stringify(r.raw ?? null) },
    { name: 'last_run_id', type: 'bigint', value: () => runId },
    { name: 'last_seen_at', type: 'timestamptz', value: () => now },
    // Seen again: no longer deleted.
    { name: 'deleted_at', type: 'timestamptz', value: () => null },
  ];
  if (batch.clusters?.length) {
    const rows = batch.clusters;
    await ensureSubscriptions(rows.map((r) => r.subscriptionId));
    await upsertRows(client, 'clusters', rows, [
      ...armColumns<(typeof rows)[number]>(),
      { name: 'kubernetes_version', type: 'text', value: (r) => r.kubernetesVersion },
      { name: 'provisioning_state', type: 'text', value: (r) => r.provisioningState },
      { name: 'fqdn', type: 'text', value: (r) => r.fqdn },
      { name: 'rbac_enabled', type: 'bool', value: (r) => r.rbacEnabled },
      { name: 'network_policy', type: 'text', value: (r) => r.networkPolicy },
      // The tag's team (or none) as read; a group mapping's team is put back for untagged clusters just below.
      { name: 'team_from_mapping', type: 'bool', value: () => false },
    ]);
    await applyMappedTeams(client);
  }
  if (batch.registries?.length) {
    const rows = batch.registries;
    await ensureSubscriptions(rows.map((r) => r.subscriptionId));
    await upsertRows(client, 'registries', rows, [
      ...armColumns<(typeof rows)[number]>(),
      { name: 'login_server', type: 'text', value: (r) => r.loginServer },
      { name: 'sku', type: 'text', value: (r) => r.sku },
      { name: 'admin_user_enabled', type: 'bool', value: (r) => r.adminUserEnabled },
      { name: 'public_network_access', type: 'text', value: (r) => r.publicNetworkAccess },
      { name: 'anonymous_pull_enabled', type: 'bool', value: (r) => r.anonymousPullEnabled },
    ]);
  }
  if (batch.metadata?.length) {
    const rows = batch.metadata;
    await client.query(
      `INSERT INTO recommendation_metadata (key, display_name, severity, description, remediation, categories, policy_definition_id, assessment_type, raw, updated_at)
       SELECT u.key, u.display_name, u.severity::"Severity", u.description, u.remediation,
              COALESCE(string_to_array(NULLIF(u.categories, ''), chr(31)), ARRAY[]::text[]), u.policy, u.atype, u.raw, $10::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
              AS u(key, display_name, severity, description, remediation, categories, policy, atype, raw)
       ON CONFLICT (key) DO UPDATE SET display_name = EXCLUDED.display_name, severity = EXCLUDED.severity, description = EXCLUDED.description,
         remediation = EXCLUDED.remediation, categories = EXCLUDED.categories, policy_definition_id = EXCLUDED.policy_definition_id,
         assessment_type = EXCLUDED.assessment_type, raw = EXCLUDED.raw, updated_at = EXCLUDED.updated_at`,
      [
        rows.map((r) => r.key.toLowerCase()),
        rows.map((r) => r.displayName),
        rows.map((r) => r.severity),
        rows.map((r) => r.description),
        rows.map((r) => r.remediation),
        // Unit separator: category names may contain spaces and commas.
        rows.map((r) => r.categories.join('\u001f')),
        rows.map((r) => r.policyDefinitionId),
        rows.map((r) => r.assessmentType),
        rows.map((r) => JSON.stringify(r.raw ?? null)),
        now,
      ],
    );
  }
  if (batch.policy) await writePolicyBatch(ctx, batch.policy);
  if (batch.kubernetesVersions?.length) await writeKubernetesVersions(ctx, batch.kubernetesVersions);
  // Today's score replaces today's earlier read; past days are never rewritten (lib/trends/secure-score-store.ts).
  if (batch.secureScores?.length) await writeSecureScoreToday(client, batch.secureScores, now);
}

export type StagedFindingValue = string | Date | null;

/**
 * Findings of a batch as `stage_findings` rows (column order of the table): keys lower-cased, stage and control
 * classified from the catalog when the connector did not say. Shared by stageBatch and the benchmark loader's COPY.
 */
export function toStagedFindings(source: RunContext['source'], findings: readonly FindingRow[]): StagedFindingValue[][] {
  return findings.map((f) => {
    const c = f.stage && f.controlId
      ? { stage: f.stage, controlId: f.controlId }
      : classifyFinding({
          source,
          kind: f.kind,
          ruleId: f.ruleId,
          title: f.title,
          resourceType: f.resourceType,
        });
    return [
      f.sourceKey.toLowerCase(), f.kind, f.ruleId, f.title, f.description, f.remediation, f.severity, f.status,
      f.resourceId.toLowerCase(), f.resourceType, lower(f.subscriptionId), lower(f.clusterArmId), lower(f.registryArmId),
      lower(f.imageDigest), f.stage ?? c.stage, f.controlId ?? c.controlId, f.firstSeenAt, f.sourceUpdatedAt, f.resolvedAt,
      JSON.stringify(f.raw ?? null),
    ];
  });
}

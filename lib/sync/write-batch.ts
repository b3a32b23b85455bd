// Set-based writes of one batch inside the run's transaction. Findings go to a temporary staging table first
// (one INSERT … SELECT FROM unnest per page), and are merged into `findings` once the source has finished, so
// a run that fails half-way leaves the cache exactly as it was.
import type pg from 'pg';
import { classifyFinding } from '../catalog';
import type { SourceBatch } from '../connectors/types';
import type { ClusterRow, FindingRow, RegistryRow } from '../domain/rows';
import type { FindingSourceId } from '../domain/model';
import { resourceKeyOf } from './cluster-id';
import { createSecurityEventStaging, stageSecurityEvents } from './merge-security-events';
import { writeKubernetesVersions, writePolicyBatch } from './policy-store';

export interface RunContext {
  client: pg.PoolClient;
  runId: bigint;
  source: FindingSourceId | 'inventory';
  now: Date;
}

export async function createStaging(client: pg.PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE stage_findings (
      source_key text NOT NULL, kind text NOT NULL, rule_id text NOT NULL, title text NOT NULL,
      description text, remediation text, severity text, status text NOT NULL,
      resource_id text NOT NULL, resource_type text, subscription_id text,
      cluster_arm_id text, registry_arm_id text, image_digest text,
      stage text NOT NULL, control_id text NOT NULL,
      first_seen_at timestamptz, source_updated_at timestamptz, resolved_at timestamptz, raw jsonb NOT NULL
    ) ON COMMIT DROP`);
  await createSecurityEventStaging(client);
}

const lower = (s: string | null) => (s === null ? null : s.toLowerCase());

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

export async function writeBatch(ctx: RunContext, batch: SourceBatch): Promise<{ staged: number }> {
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
    ]);
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
  if (batch.images?.length) {
    const rows = batch.images;
    await client.query(
      `INSERT INTO images (digest, registry_id, repository, tags, last_pushed_at, last_seen_at)
       SELECT u.digest, r.id, u.repository, COALESCE(string_to_array(NULLIF(u.tags, ''), ' '), ARRAY[]::text[]), u.pushed, $6::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(digest, registry_arm_id, repository, tags, pushed)
         LEFT JOIN registries r ON r.arm_id = u.registry_arm_id
       ON CONFLICT (digest) DO UPDATE SET registry_id = COALESCE(EXCLUDED.registry_id, images.registry_id), repository = EXCLUDED.repository,
         tags = CASE WHEN cardinality(EXCLUDED.tags) > 0 THEN EXCLUDED.tags ELSE images.tags END,
         last_pushed_at = COALESCE(EXCLUDED.last_pushed_at, images.last_pushed_at), last_seen_at = EXCLUDED.last_seen_at`,
      [
        rows.map((r) => r.digest.toLowerCase()),
        rows.map((r) => lower(r.registryArmId)),
        rows.map((r) => r.repository),
        // Tags never contain spaces (OCI grammar), so a space-joined string is a safe array transport through unnest.
        rows.map((r) => r.tags.join(' ')),
        rows.map((r) => r.lastPushedAt),
        now,
      ],
    );
  }
  if (batch.workloads?.length) {
    const rows = batch.workloads;
    // A workload may name an image no registry scan has reported yet: record the digest so the join still holds.
    await client.query(
      `INSERT INTO images (digest, repository, last_seen_at) SELECT DISTINCT unnest($1::text[]), '', $2::timestamptz ON CONFLICT (digest) DO NOTHING`,
      [rows.map((r) => r.imageDigest.toLowerCase()), now],
    );
    await client.query(
      `INSERT INTO workloads (cluster_id, namespace, kind, name, image_digest, last_seen_at)
       SELECT c.id, u.ns, u.kind, u.name, u.digest, $6::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(cluster_arm_id, ns, kind, name, digest)
         JOIN clusters c ON c.arm_id = u.cluster_arm_id
       ON CONFLICT (cluster_id, namespace, kind, name, image_digest) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
      [
        rows.map((r) => r.clusterArmId.toLowerCase()),
        rows.map((r) => r.namespace),
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.imageDigest.toLowerCase()),
        now,
      ],
    );
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
  let staged = 0;
  if (batch.findings?.length) {
    const rows = toStagedFindings(ctx.source, batch.findings);
    // One array per staging column (transposed rows): INSERT … SELECT FROM unnest, one round trip per page.
    await client.query(
      `INSERT INTO stage_findings SELECT * FROM unnest(${STAGED_FINDING_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
      STAGED_FINDING_TYPES.map((_, i) => rows.map((r) => r[i])),
    );
    staged = rows.length;
  }
  await stageSecurityEvents(client, batch.securityEvents);
  return { staged };
}

/** Postgres types of the `stage_findings` columns, in table order. */
export const STAGED_FINDING_TYPES = [
  'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'timestamptz', 'timestamptz', 'timestamptz', 'jsonb',
] as const;

export type StagedFindingValue = string | Date | null;

/**
 * Findings of a batch as `stage_findings` rows (column order of the table): keys lower-cased, stage and control
 * classified from the catalog when the connector did not say. Shared by writeBatch and the benchmark loader's COPY.
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

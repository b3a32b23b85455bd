import 'server-only';
// Azure Policy compliance for the compliance page and the cluster page. Percentages and per-policy counts read the
// compliance summary the sync keeps (policy_compliance_summary); drill-downs (a policy's resources, a resource's
// policies, one cluster's Kubernetes objects) read policy_states through an index and a LIMIT. Scope comes from the
// one helper, applied inside every query.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { initiativeLabel } from '../connectors/policy-state/initiatives';
import { getPrisma } from '../db/prisma';
import { clusterOrSubscriptionScopeSql } from './scope';

export interface ComplianceCounts {
  compliant: number;
  nonCompliant: number;
  exempt: number;
  /** compliant / (compliant + non-compliant) of the evaluated states, 0–100; null when nothing was evaluated. */
  percent: number | null;
}

export interface ComplianceGroup extends ComplianceCounts {
  key: string;
  label: string;
  /** Cluster rows: where the cluster page is. */
  cluster?: { subscriptionId: string; resourceGroup: string; name: string } | null;
}

export interface PolicyCount extends ComplianceCounts {
  definitionId: string;
  title: string;
  kubernetes: boolean;
}

export interface ComplianceFilters {
  initiative?: string;
  assignment?: string;
  cluster?: string;
}

export interface ComplianceOverview {
  total: ComplianceCounts;
  byInitiative: ComplianceGroup[];
  byAssignment: ComplianceGroup[];
  byCluster: ComplianceGroup[];
  policies: PolicyCount[];
  /** Azure's own count of non-compliant resources per visible subscription (policyStates/latest/summarize). */
  azureSummaries: { subscriptionId: string; nonCompliantResources: number; nonCompliantPolicies: number; updatedAt: string }[];
}

const percentOf = (compliant: number, nonCompliant: number): number | null =>
  compliant + nonCompliant === 0 ? null : Math.round((compliant / (compliant + nonCompliant)) * 1000) / 10;

function counts(r: { compliant: number; non_compliant: number; exempt: number }): ComplianceCounts {
  return { compliant: r.compliant, nonCompliant: r.non_compliant, exempt: r.exempt, percent: percentOf(r.compliant, r.non_compliant) };
}

/** Initiative filter "none" selects the assignments of single policies. */
function filterSql(f: ComplianceFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.initiative === 'none') parts.push(Prisma.sql`s.policy_set_definition_id IS NULL`);
  else if (f.initiative) parts.push(Prisma.sql`s.policy_set_definition_id = ${f.initiative.toLowerCase()}`);
  if (f.assignment) parts.push(Prisma.sql`s.policy_assignment_id = ${f.assignment.toLowerCase()}`);
  if (f.cluster) parts.push(Prisma.sql`s.cluster_id = ${f.cluster}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

type SumRow = { key: string | null; label: string | null; compliant: number; non_compliant: number; exempt: number };
const SUMS = Prisma.sql`sum(s.compliant)::int AS compliant, sum(s.non_compliant)::int AS non_compliant, sum(s.exempt)::int AS exempt`;

export async function getComplianceOverview(viewer: Viewer, f: ComplianceFilters, db: PrismaClient = getPrisma()): Promise<ComplianceOverview> {
  const where = Prisma.sql`${clusterOrSubscriptionScopeSql(viewer, 's')} ${filterSql(f)}`;
  const [total, initiatives, assignments, clusters, policies, azure] = await Promise.all([
    db.$queryRaw<SumRow[]>`SELECT NULL AS key, NULL AS label, ${SUMS} FROM policy_compliance_summary s WHERE ${where}`,
    db.$queryRaw<SumRow[]>`SELECT s.policy_set_definition_id AS key, NULL AS label, ${SUMS} FROM policy_compliance_summary s WHERE ${where} GROUP BY 1 ORDER BY 1`,
    // Assignments are per scope: the same name in two subscriptions is two assignments, labelled with the subscription.
    db.$queryRaw<SumRow[]>`
      SELECT s.policy_assignment_id AS key,
             max(s.policy_assignment_name) || ' · ' || COALESCE(max(sub.display_name), 'subscription ' || left(max(s.subscription_id), 8)) AS label, ${SUMS}
        FROM policy_compliance_summary s LEFT JOIN subscriptions sub ON sub.id = s.subscription_id
       WHERE ${where} GROUP BY 1 ORDER BY 2`,
    db.$queryRaw<(SumRow & { subscription_id: string | null; resource_group: string | null; name: string | null })[]>`
      SELECT s.cluster_id AS key, max(c.name) AS label, max(c.subscription_id) AS subscription_id, max(c.resource_group) AS resource_group,
             max(c.name) AS name, ${SUMS}
        FROM policy_compliance_summary s JOIN clusters c ON c.id = s.cluster_id AND c.deleted_at IS NULL
       WHERE ${where} GROUP BY 1 ORDER BY 2`,
    db.$queryRaw<(SumRow & { kubernetes: boolean })[]>`
      SELECT s.policy_definition_id AS key, max(s.policy_title) AS label, bool_or(s.kubernetes) AS kubernetes, ${SUMS}
        FROM policy_compliance_summary s WHERE ${where} GROUP BY 1 ORDER BY sum(s.non_compliant) DESC, 2`,
    viewer.scope.kind === 'all'
      ? db.policySubscriptionSummary.findMany({ orderBy: { subscriptionId: 'asc' } })
      : db.policySubscriptionSummary.findMany({ where: { subscriptionId: { in: [...viewer.scope.subscriptionIds] } }, orderBy: { subscriptionId: 'asc' } }),
  ]);
  const t = total[0];
  return {
    total: t ? counts({ compliant: t.compliant ?? 0, non_compliant: t.non_compliant ?? 0, exempt: t.exempt ?? 0 }) : counts({ compliant: 0, non_compliant: 0, exempt: 0 }),
    byInitiative: initiatives.map((r) => ({ key: r.key ?? 'none', label: initiativeLabel(r.key), ...counts(r) })),
    byAssignment: assignments.map((r) => ({ key: r.key ?? '', label: r.label ?? r.key ?? '', ...counts(r) })),
    byCluster: clusters.map((r) => ({
      key: r.key ?? '',
      label: r.label ?? '',
      cluster: r.subscription_id && r.resource_group && r.name ? { subscriptionId: r.subscription_id, resourceGroup: r.resource_group, name: r.name } : null,
      ...counts(r),
    })),
    policies: policies.map((r) => ({ definitionId: r.key ?? '', title: r.label ?? r.key ?? '', kubernetes: r.kubernetes, ...counts(r) })),
    azureSummaries: azure.map((a) => ({
      subscriptionId: a.subscriptionId,
      nonCompliantResources: a.nonCompliantResources,
      nonCompliantPolicies: a.nonCompliantPolicies,
      updatedAt: a.updatedAt.toISOString(),
    })),
  };
}

export interface PolicyStateDto {
  key: string;
  resourceId: string;
  resourceType: string | null;
  cluster: { id: string; name: string; subscriptionId: string; resourceGroup: string } | null;
  kubernetesObject: { namespace: string | null; kind: string; name: string } | null;
  /** True when the Kubernetes object is a workload the inventory knows on that cluster. */
  knownWorkload: boolean;
  assignmentName: string | null;
  initiative: string;
  definitionId: string;
  title: string;
  effect: string | null;
  state: string;
  evaluatedAt: string | null;
  /** The exemption that covers this state (same assignment and scope), with its expiry. */
  exemption: { name: string; category: string; expiresAt: string | null; expired: boolean } | null;
}

interface StateRow {
  source_key: string;
  resource_id: string;
  resource_type: string | null;
  cluster_id: string | null;
  cluster_name: string | null;
  cluster_sub: string | null;
  cluster_rg: string | null;
  k8s_namespace: string | null;
  k8s_kind: string | null;
  k8s_name: string | null;
  known_workload: boolean;
  policy_assignment_name: string | null;
  policy_set_definition_id: string | null;
  policy_definition_id: string;
  policy_title: string;
  effect: string | null;
  compliance_state: string;
  evaluated_at: Date | null;
  exemption_name: string | null;
  exemption_category: string | null;
  exemption_expires_at: Date | null;
}

const STATE_SELECT = Prisma.sql`
  SELECT p.source_key, p.resource_id, p.resource_type, p.cluster_id, c.name AS cluster_name, c.subscription_id AS cluster_sub,
         c.resource_group AS cluster_rg, p.k8s_namespace, p.k8s_kind, p.k8s_name,
         EXISTS (SELECT 1 FROM workloads w WHERE w.cluster_id = p.cluster_id AND w.namespace = p.k8s_namespace AND w.kind = p.k8s_kind AND w.name = p.k8s_name) AS known_workload,
         p.policy_assignment_name, p.policy_set_definition_id, p.policy_definition_id, p.policy_title, p.effect, p.compliance_state, p.evaluated_at,
         e.name AS exemption_name, e.category AS exemption_category, e.expires_at AS exemption_expires_at
    FROM policy_states p
    LEFT JOIN clusters c ON c.id = p.cluster_id
    -- An exemption covers the states of its assignment at or under its scope (for its reference ids, when listed).
    LEFT JOIN LATERAL (
      SELECT x.name, x.category, x.expires_at FROM policy_exemptions x
       WHERE x.policy_assignment_id = p.policy_assignment_id AND (p.resource_id = x.scope OR p.resource_id LIKE x.scope || '/%')
       ORDER BY x.expires_at DESC NULLS FIRST LIMIT 1) e ON TRUE`;

function toStateDto(r: StateRow, now: Date): PolicyStateDto {
  return {
    key: r.source_key,
    resourceId: r.resource_id,
    resourceType: r.resource_type,
    cluster: r.cluster_id && r.cluster_name && r.cluster_sub && r.cluster_rg ? { id: r.cluster_id, name: r.cluster_name, subscriptionId: r.cluster_sub, resourceGroup: r.cluster_rg } : null,
    kubernetesObject: r.k8s_name && r.k8s_kind ? { namespace: r.k8s_namespace, kind: r.k8s_kind, name: r.k8s_name } : null,
    knownWorkload: r.known_workload,
    assignmentName: r.policy_assignment_name,
    initiative: initiativeLabel(r.policy_set_definition_id),
    definitionId: r.policy_definition_id,
    title: r.policy_title,
    effect: r.effect,
    state: r.compliance_state,
    evaluatedAt: r.evaluated_at?.toISOString() ?? null,
    exemption: r.exemption_name
      ? {
          name: r.exemption_name,
          category: r.exemption_category ?? '',
          expiresAt: r.exemption_expires_at?.toISOString() ?? null,
          expired: r.exemption_expires_at !== null && r.exemption_expires_at < now,
        }
      : null,
  };
}

/** A policy → the resources it judged (non-compliant first), within scope; at most `limit` rows. */
export async function listPolicyResources(
  viewer: Viewer,
  input: { definitionId: string; cluster?: string; limit?: number },
  db: PrismaClient = getPrisma(),
): Promise<PolicyStateDto[]> {
  const clusterSql = input.cluster ? Prisma.sql`AND p.cluster_id = ${input.cluster}` : Prisma.empty;
  const rows = await db.$queryRaw<StateRow[]>`
    ${STATE_SELECT}
     WHERE p.policy_definition_id = ${input.definitionId.toLowerCase()} AND ${clusterOrSubscriptionScopeSql(viewer, 'p')} ${clusterSql}
     ORDER BY (p.compliance_state = 'noncompliant') DESC, c.name NULLS LAST, p.resource_id
     LIMIT ${input.limit ?? 200}`;
  const now = new Date();
  return rows.map((r) => toStateDto(r, now));
}

/** A resource → every policy that judged it, within scope. */
export async function listResourcePolicies(viewer: Viewer, resourceId: string, db: PrismaClient = getPrisma()): Promise<PolicyStateDto[]> {
  const rows = await db.$queryRaw<StateRow[]>`
    ${STATE_SELECT}
     WHERE p.resource_id = ${resourceId.toLowerCase()} AND ${clusterOrSubscriptionScopeSql(viewer, 'p')}
     ORDER BY (p.compliance_state = 'noncompliant') DESC, p.policy_title, p.policy_assignment_name
     LIMIT 500`;
  const now = new Date();
  return rows.map((r) => toStateDto(r, now));
}

export interface KubernetesResultGroup {
  cluster: { id: string; name: string; subscriptionId: string; resourceGroup: string };
  namespace: string | null;
  kind: string;
  name: string;
  resourceId: string;
  knownWorkload: boolean;
  nonCompliant: number;
  compliant: number;
  exempt: number;
  policies: string[];
}

/**
 * Gatekeeper results per Kubernetes object (cluster → namespace → workload), most violations first. Reads the
 * states of the clusters in scope (optionally one cluster) through (cluster_id, compliance_state).
 */
export async function listKubernetesResults(
  viewer: Viewer,
  input: { cluster?: string; onlyNonCompliant?: boolean; limit?: number },
  db: PrismaClient = getPrisma(),
): Promise<KubernetesResultGroup[]> {
  const clusterSql = input.cluster ? Prisma.sql`AND p.cluster_id = ${input.cluster}` : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      cluster_id: string; cluster_name: string; cluster_sub: string; cluster_rg: string; k8s_namespace: string | null; k8s_kind: string; k8s_name: string;
      resource_id: string; known_workload: boolean; non_compliant: number; compliant: number; exempt: number; policies: string[];
    }[]
  >`
    SELECT p.cluster_id, c.name AS cluster_name, c.subscription_id AS cluster_sub, c.resource_group AS cluster_rg, p.k8s_namespace, p.k8s_kind, p.k8s_name,
           min(p.resource_id) AS resource_id,
           EXISTS (SELECT 1 FROM workloads w WHERE w.cluster_id = p.cluster_id AND w.namespace = p.k8s_namespace AND w.kind = p.k8s_kind AND w.name = p.k8s_name) AS known_workload,
           count(*) FILTER (WHERE p.compliance_state = 'noncompliant')::int AS non_compliant,
           count(*) FILTER (WHERE p.compliance_state = 'compliant')::int AS compliant,
           count(*) FILTER (WHERE p.compliance_state = 'exempt')::int AS exempt,
           COALESCE(array_agg(DISTINCT p.policy_title) FILTER (WHERE p.compliance_state = 'noncompliant'), ARRAY[]::text[]) AS policies
      FROM policy_states p JOIN clusters c ON c.id = p.cluster_id AND c.deleted_at IS NULL
     WHERE p.k8s_name IS NOT NULL AND ${clusterOrSubscriptionScopeSql(viewer, 'p')} ${clusterSql}
     GROUP BY p.cluster_id, c.name, c.subscription_id, c.resource_group, p.k8s_namespace, p.k8s_kind, p.k8s_name
    ${input.onlyNonCompliant ? Prisma.sql`HAVING count(*) FILTER (WHERE p.compliance_state = 'noncompliant') > 0` : Prisma.empty}
     ORDER BY non_compliant DESC, c.name, p.k8s_namespace, p.k8s_name
     LIMIT ${input.limit ?? 200}`;
  return rows.map((r) => ({
    cluster: { id: r.cluster_id, name: r.cluster_name, subscriptionId: r.cluster_sub, resourceGroup: r.cluster_rg },
    namespace: r.k8s_namespace,
    kind: r.k8s_kind,
    name: r.k8s_name,
    resourceId: r.resource_id,
    knownWorkload: r.known_workload,
    nonCompliant: r.non_compliant,
    compliant: r.compliant,
    exempt: r.exempt,
    policies: r.policies,
  }));
}

export interface ExemptionDto {
  id: string;
  name: string;
  displayName: string | null;
  category: string;
  scope: string;
  cluster: { id: string; name: string; subscriptionId: string; resourceGroup: string } | null;
  assignment: string;
  expiresAt: string | null;
  expired: boolean;
  /** Expires within 30 days. */
  expiringSoon: boolean;
  exemptStates: number;
}

export async function listExemptions(viewer: Viewer, input: { cluster?: string } = {}, db: PrismaClient = getPrisma(), now = new Date()): Promise<ExemptionDto[]> {
  const clusterSql = input.cluster ? Prisma.sql`AND e.cluster_id = ${input.cluster}` : Prisma.empty;
  const rows = await db.$queryRaw<
    { id: string; name: string; display_name: string | null; category: string; scope: string; cluster_id: string | null; cluster_name: string | null;
      cluster_sub: string | null; cluster_rg: string | null; policy_assignment_id: string; expires_at: Date | null; exempt_states: number }[]
  >`
    SELECT e.id, e.name, e.display_name, e.category, e.scope, e.cluster_id, c.name AS cluster_name, c.subscription_id AS cluster_sub,
           c.resource_group AS cluster_rg, e.policy_assignment_id, e.expires_at,
           (SELECT count(*)::int FROM policy_states p WHERE p.policy_assignment_id = e.policy_assignment_id AND p.compliance_state = 'exempt'
               AND (p.resource_id = e.scope OR p.resource_id LIKE e.scope || '/%')) AS exempt_states
      FROM policy_exemptions e LEFT JOIN clusters c ON c.id = e.cluster_id
     WHERE ${clusterOrSubscriptionScopeSql(viewer, 'e')} ${clusterSql}
     ORDER BY e.expires_at NULLS LAST, e.name
     LIMIT 500`;
  const soon = now.getTime() + 30 * 86_400_000;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    category: r.category,
    scope: r.scope,
    cluster: r.cluster_id && r.cluster_name && r.cluster_sub && r.cluster_rg ? { id: r.cluster_id, name: r.cluster_name, subscriptionId: r.cluster_sub, resourceGroup: r.cluster_rg } : null,
    assignment: r.policy_assignment_id.split('/').at(-1) ?? r.policy_assignment_id,
    expiresAt: r.expires_at?.toISOString() ?? null,
    expired: r.expires_at !== null && r.expires_at < now,
    expiringSoon: r.expires_at !== null && r.expires_at >= now && r.expires_at.getTime() < soon,
    exemptStates: r.exempt_states,
  }));
}

// Raw Policy Insights JSON (2024-10-01) → policy-state rows and findings; policy exemptions (Microsoft.Authorization)
// and the per-subscription `summarize` result → their rows. Pure: `posture import` runs the same code on saved files.
//
// A query-results row has no `id` of its own: it is (assignment, definition reference, resource). Shapes follow the
// 2024-10-01 spec; the spec's policy-state list example is not published with the SDK examples we keep, so the tests
// use the policy-event example of the same api-version (its rows carry the same columns) and the summarize example.
//
// Kubernetes (Gatekeeper) results: Azure Policy's Microsoft.Kubernetes.Data mode reports Kubernetes objects as
// resources under their cluster: `<cluster id>/providers/Microsoft.Kubernetes.Data/namespaces/<ns>/<kind>/<name>`
// (cluster-scoped objects omit the namespace pair). The kind segment is read as the Kubernetes kind, plural or not.
import { z } from 'zod';
import { POLICY_DEFINITIONS } from '../../catalog';
import type { Severity } from '../../domain/model';
import { findingRowSchema, type FindingRow } from '../../domain/rows';
import { CLUSTER_TYPE, ancestorIdOf, resourceGroupOf, subscriptionIdOf } from '../shared/arm-id';
import { RecordError, parseFields, parseRecord, textOrNull, toDate } from '../shared/record';
import {
  policyExemptionRowSchema,
  policyStateRowSchema,
  policySummaryRowSchema,
  type ComplianceState,
  type PolicyExemptionRow,
  type PolicyStateRow,
  type PolicySummaryRow,
} from './rows';

export const policyStateRecordSchema = z.object({
  timestamp: z.string().nullish(),
  resourceId: z.string().min(1, 'missing resourceId'),
  resourceType: z.string().nullish(),
  resourceGroup: z.string().nullish(),
  subscriptionId: z.string().nullish(),
  policyAssignmentId: z.string().min(1, 'missing policyAssignmentId'),
  policyAssignmentName: z.string().nullish(),
  policyDefinitionId: z.string().min(1, 'missing policyDefinitionId'),
  policyDefinitionName: z.string().nullish(),
  policyDefinitionAction: z.string().nullish(),
  policySetDefinitionId: z.string().nullish(),
  policyDefinitionReferenceId: z.string().nullish(),
  policyDefinitionGroupNames: z.array(z.string()).nullish(),
  complianceState: z.string().nullish(),
  isCompliant: z.boolean().nullish(),
});

const KUBERNETES_DATA = /\/providers\/Microsoft\.Kubernetes\.Data\/(.+)$/i;

/** Plural resource names as the Kubernetes API spells them → the kind people read (and the workloads table stores). */
const KIND_BY_RESOURCE: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  services: 'Service',
  ingresses: 'Ingress',
  namespaces: 'Namespace',
  serviceaccounts: 'ServiceAccount',
};

export interface KubernetesObject {
  namespace: string | null;
  kind: string;
  name: string;
}

/** The Kubernetes object a Microsoft.Kubernetes.Data resource id names, or null for Azure resources. */
export function kubernetesObjectOf(resourceId: string): KubernetesObject | null {
  const match = KUBERNETES_DATA.exec(resourceId);
  if (!match?.[1]) return null;
  const segments = match[1].split('/').filter(Boolean);
  let namespace: string | null = null;
  if (segments[0]?.toLowerCase() === 'namespaces' && segments.length >= 4) {
    namespace = segments[1] ?? null;
    segments.splice(0, 2);
  }
  if (segments.length < 2) throw new RecordError(`resourceId: a Kubernetes object id needs <kind>/<name> ("${resourceId}")`);
  const name = segments[segments.length - 1] ?? '';
  const rawKind = segments[segments.length - 2] ?? '';
  return { namespace, kind: KIND_BY_RESOURCE[rawKind.toLowerCase()] ?? rawKind, name };
}

const STATE_BY_AZURE: Record<string, ComplianceState> = {
  compliant: 'compliant',
  noncompliant: 'noncompliant',
  exempt: 'exempt',
  conflict: 'conflict',
  error: 'error',
};

function complianceStateOf(state: string | null | undefined, isCompliant: boolean | null | undefined): ComplianceState {
  const known = state ? STATE_BY_AZURE[state.toLowerCase()] : undefined;
  if (known) return known;
  // Older rows carry only isCompliant.
  if (!state && isCompliant !== null && isCompliant !== undefined) return isCompliant ? 'compliant' : 'noncompliant';
  return 'unknown';
}

const lastSegment = (id: string): string => id.split('/').filter(Boolean).at(-1) ?? id;

let titles: ReadonlyMap<string, string> | null = null;
/** Display names of the built-in definitions the catalog knows; query results carry only the definition id. */
export function policyTitleOf(definitionId: string, definitionName: string): string {
  titles ??= new Map(POLICY_DEFINITIONS.map((p) => [p.id.toLowerCase(), p.displayName]));
  return titles.get(lastSegment(definitionId).toLowerCase()) ?? `Policy ${definitionName}`;
}

/**
 * Azure Policy has no severity. Ours, per built-in definition: what lets a container escape to its node or admits
 * untrusted code is high; hygiene is low; the rest (and every unknown definition) medium.
 */
const SEVERITY_BY_DEFINITION: Record<string, Severity> = {
  '95edb821-ddaf-4404-9732-666045e056b4': 'high', // privileged containers
  '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99': 'high', // privilege escalation
  '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8': 'high', // host PID / IPC
  '098fc59e-46c7-4d99-9b16-64990e543d75': 'high', // hostPath volumes
  '82985f06-dc18-4a48-bc1c-b9f4f0098cfe': 'high', // host network
  'febd0533-8e55-448f-b837-bd0e06f16469': 'high', // allowed images
  'fb893a29-21bb-418c-a157-e99480ec364c': 'high', // vulnerable Kubernetes version
  '993c2fcd-2b29-49d2-9eb0-df2c3a730c32': 'high', // local accounts
  '9f061a12-e40d-4183-a00e-171812443373': 'low', // default namespace
  'e345eecc-fa47-480f-9e88-67dcc122b164': 'low', // CPU/memory limits
  '245fc9df-fa96-4414-9a0b-3738c2f7341c': 'low', // resource logs
};

export function policySeverityOf(definitionId: string): Severity {
  return SEVERITY_BY_DEFINITION[lastSegment(definitionId).toLowerCase()] ?? 'medium';
}

export function toPolicyStateRow(raw: unknown): PolicyStateRow {
  const r = parseFields(policyStateRecordSchema, raw);
  const resourceId = r.resourceId;
  const subscriptionId = textOrNull(r.subscriptionId) ?? subscriptionIdOf(resourceId);
  if (!subscriptionId) throw new RecordError(`resourceId: not under a subscription ("${resourceId}")`);
  const k8s = kubernetesObjectOf(resourceId);
  const definitionName = textOrNull(r.policyDefinitionName) ?? lastSegment(r.policyDefinitionId);
  const referenceId = textOrNull(r.policyDefinitionReferenceId);
  // Some results spell the type with a leading slash ("/Microsoft.ServiceFabric/clusters/applications").
  const resourceType = textOrNull(r.resourceType)?.replace(/^\//, '') ?? null;
  return policyStateRowSchema.parse({
    sourceKey: [r.policyAssignmentId, referenceId ?? r.policyDefinitionId, resourceId].join('|').toLowerCase(),
    subscriptionId,
    resourceId,
    resourceType,
    resourceGroup: textOrNull(r.resourceGroup) ?? resourceGroupOf(resourceId),
    clusterArmId: ancestorIdOf(resourceId, CLUSTER_TYPE),
    k8sNamespace: k8s?.namespace ?? null,
    k8sKind: k8s?.kind ?? null,
    k8sName: k8s?.name ?? null,
    policyAssignmentId: r.policyAssignmentId,
    policyAssignmentName: textOrNull(r.policyAssignmentName),
    policyDefinitionId: r.policyDefinitionId,
    policyDefinitionName: definitionName,
    policyTitle: policyTitleOf(r.policyDefinitionId, definitionName),
    policySetDefinitionId: textOrNull(r.policySetDefinitionId),
    policyDefinitionReferenceId: referenceId,
    policyDefinitionGroupNames: r.policyDefinitionGroupNames ?? [],
    effect: textOrNull(r.policyDefinitionAction)?.toLowerCase() ?? null,
    complianceState: complianceStateOf(r.complianceState, r.isCompliant),
    evaluatedAt: toDate(r.timestamp, 'timestamp'),
  });
}

const FINDING_STATUS_BY_STATE: Partial<Record<ComplianceState, FindingRow['status']>> = {
  noncompliant: 'open',
  // Compliant states are evidence that a control holds: stored as resolved findings, as healthy assessments are.
  compliant: 'resolved',
  exempt: 'dismissed',
};

/**
 * The finding of a policy state, or null when the state says nothing either way (conflict, error, unknown).
 * A resource non-compliant with two assignments is two findings: the key includes the assignment.
 */
export function toPolicyFinding(state: PolicyStateRow, raw: unknown): FindingRow | null {
  const status = FINDING_STATUS_BY_STATE[state.complianceState];
  if (!status) return null;
  const object = state.k8sName ? ` (${[state.k8sNamespace, state.k8sKind, state.k8sName].filter(Boolean).join('/')})` : '';
  return findingRowSchema.parse({
    sourceKey: state.sourceKey,
    kind: 'policy',
    ruleId: state.policyDefinitionId,
    title: `${state.policyTitle}${object}`,
    description: state.policyAssignmentName ? `Assignment ${state.policyAssignmentName}` : null,
    remediation: null,
    severity: policySeverityOf(state.policyDefinitionId),
    status,
    resourceId: state.resourceId,
    resourceType: state.resourceType,
    subscriptionId: state.subscriptionId,
    clusterArmId: state.clusterArmId,
    registryArmId: null,
    imageDigest: null,
    stage: null,
    controlId: null,
    firstSeenAt: null,
    sourceUpdatedAt: state.evaluatedAt,
    resolvedAt: null,
    raw,
  });
}

export const policyExemptionSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  properties: z.object({
    policyAssignmentId: z.string().min(1, 'missing policyAssignmentId'),
    policyDefinitionReferenceIds: z.array(z.string()).nullish(),
    exemptionCategory: z.string().min(1, 'missing exemptionCategory'),
    expiresOn: z.string().nullish(),
    displayName: z.string().nullish(),
    description: z.string().nullish(),
  }),
});

const EXEMPTION_SUFFIX = /\/providers\/Microsoft\.Authorization\/policyExemptions\/[^/]+$/i;

export function toPolicyExemptionRow(raw: unknown): PolicyExemptionRow {
  const e = parseRecord(policyExemptionSchema, raw);
  const scope = e.id.replace(EXEMPTION_SUFFIX, '');
  if (scope === e.id) throw new RecordError(`id is not a policy exemption id ("${e.id}")`);
  const subscriptionId = subscriptionIdOf(e.id);
  if (!subscriptionId) throw new RecordError(`id: not under a subscription ("${e.id}")`);
  const category = e.properties.exemptionCategory.toLowerCase();
  if (category !== 'waiver' && category !== 'mitigated') {
    throw new RecordError(`properties.exemptionCategory: unknown category "${e.properties.exemptionCategory}"`);
  }
  return policyExemptionRowSchema.parse({
    id: e.id,
    subscriptionId,
    name: textOrNull(e.name) ?? lastSegment(e.id),
    displayName: textOrNull(e.properties.displayName),
    description: textOrNull(e.properties.description),
    category,
    scope: scope || '/',
    clusterArmId: ancestorIdOf(scope, CLUSTER_TYPE),
    policyAssignmentId: e.properties.policyAssignmentId,
    policyDefinitionReferenceIds: e.properties.policyDefinitionReferenceIds ?? [],
    expiresAt: toDate(e.properties.expiresOn, 'properties.expiresOn'),
  });
}

const summaryResultsSchema = z.object({
  nonCompliantResources: z.number().int().min(0).nullish(),
  nonCompliantPolicies: z.number().int().min(0).nullish(),
});

export const summarizeResultsSchema = z.object({
  value: z
    .array(z.object({ results: summaryResultsSchema, policyAssignments: z.array(z.unknown()).nullish() }))
    .min(1, 'a summarize result has one summary in value[]'),
});

/** `policyStates/latest/summarize` of a subscription → its summary row (the counts Azure's portal shows). */
export function toPolicySummaryRow(subscriptionId: string, body: unknown): PolicySummaryRow {
  const parsed = summarizeResultsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecordError(`summarize result: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'malformed'}`);
  }
  const results = parsed.data.value[0]?.results;
  return policySummaryRowSchema.parse({
    subscriptionId,
    nonCompliantResources: results?.nonCompliantResources ?? 0,
    nonCompliantPolicies: results?.nonCompliantPolicies ?? 0,
    raw: body,
  });
}

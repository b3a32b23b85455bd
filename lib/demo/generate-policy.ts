// Azure Policy for the demo tenant, in the shapes Policy Insights and Microsoft.Authorization return: the latest
// policy states of three built-in-style assignments per subscription (Microsoft cloud security benchmark on clusters
// and registries; the pod security baseline and restricted initiatives and a workload-hygiene assignment on every
// Kubernetes object the Azure Policy add-on reports), a few exemptions (one expired), Azure's summarize result, the
// Kubernetes versions AKS offers per region, and the cluster settings the managed-cluster resource carries.
// Every record is a pure function of (seed, cluster, workload, policy), like the rest of the tenant.
import { POLICY_DEFINITIONS } from '../catalog/defender-recommendations';
import type { DemoCluster, DemoRecordKind, DemoRegistry, DemoWorkload, JsonObject } from './generate-tenant';
import { createRng, guidFrom, hashInts, hashString } from './prng';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Sequence {
  total: number;
  at(index: number): JsonObject;
}

const listSequence = (items: readonly JsonObject[]): Sequence => ({
  total: items.length,
  at: (i) => {
    const item = items[i];
    if (!item) throw new Error('policy record out of range');
    return item;
  },
});

const definition = (id: string) => {
  const found = POLICY_DEFINITIONS.find((p) => p.id === id);
  if (!found) throw new Error(`no catalog policy ${id}`);
  return found;
};

// Built-in definition GUIDs (see lib/catalog/defender-recommendations.ts).
const P = {
  privileged: '95edb821-ddaf-4404-9732-666045e056b4',
  escalation: '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99',
  hostNamespace: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8',
  userIds: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042',
  appArmor: '511f5417-5d12-434d-ab2e-816901e72a5e',
  readOnlyRoot: 'df49d893-a74c-421d-bc95-c663042e5b80',
  capabilities: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c',
  limits: 'e345eecc-fa47-480f-9e88-67dcc122b164',
  automount: '423dd1ba-798e-40e4-9c4d-b6902674b423',
  defaultNamespace: '9f061a12-e40d-4183-a00e-171812443373',
  hostPath: '098fc59e-46c7-4d99-9b16-64990e543d75',
  https: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d',
  ports: '233a2a17-77ca-4fb1-9b6b-69223d272a44',
  hostNetwork: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe',
  allowedImages: 'febd0533-8e55-448f-b837-bd0e06f16469',
  policyAddon: '0a15ec92-a229-4763-bb14-0ea34a568f8d',
  defenderProfile: 'a1840de2-8088-4ea8-b153-b4c723e9cb01',
  upgrade: 'fb893a29-21bb-418c-a157-e99480ec364c',
  authorizedIps: '0e246bcf-5f6f-4f87-bc6f-775d4712c7ea',
  rbac: 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
  localAccounts: '993c2fcd-2b29-49d2-9eb0-df2c3a730c32',
  logs: '245fc9df-fa96-4414-9a0b-3738c2f7341c',
  acrAdmin: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2',
  acrAnonymous: '9f2dea28-e834-476c-99c5-3507b4728395',
  acrPublic: '0fdf0491-d080-4575-b627-ad0e843cba0f',
  acrPrivateLink: 'e8eef0a8-67cf-4eb4-9386-14b0e78733d4',
} as const;

interface Assignment {
  name: string;
  displayName: string;
  /** Built-in initiative GUID, or null for an assignment of single policies. */
  setId: string | null;
  group: string | null;
  policies: readonly string[];
}

/** Built-in initiatives: Microsoft cloud security benchmark, and the two Kubernetes pod security standards. */
export const DEMO_INITIATIVES = {
  mcsb: '1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
  podBaseline: 'a8640138-9b0a-4a28-b8cb-1666c838647d',
  podRestricted: '42b8ef37-b724-4e24-bbc8-7a7708edfe00',
} as const;

const CLUSTER_ASSIGNMENT: Assignment = {
  name: 'SecurityCenterBuiltIn',
  displayName: 'ASC Default (Microsoft cloud security benchmark)',
  setId: DEMO_INITIATIVES.mcsb,
  group: 'Azure_Security_Benchmark_v3.0',
  policies: [P.policyAddon, P.defenderProfile, P.upgrade, P.authorizedIps, P.rbac, P.localAccounts, P.logs, P.acrAdmin, P.acrAnonymous, P.acrPublic, P.acrPrivateLink],
};
const REGISTRY_POLICIES = new Set<string>([P.acrAdmin, P.acrAnonymous, P.acrPublic, P.acrPrivateLink]);

export const KUBERNETES_ASSIGNMENTS: readonly Assignment[] = [
  {
    name: 'aks-pod-security-baseline',
    displayName: 'Kubernetes cluster pod security baseline standards for Linux-based workloads',
    setId: DEMO_INITIATIVES.podBaseline,
    group: null,
    policies: [P.privileged, P.hostNamespace, P.hostPath, P.hostNetwork, P.capabilities, P.appArmor],
  },
  {
    name: 'aks-pod-security-restricted',
    displayName: 'Kubernetes cluster pod security restricted standards for Linux-based workloads',
    setId: DEMO_INITIATIVES.podRestricted,
    group: null,
    policies: [P.privileged, P.escalation, P.hostNamespace, P.userIds, P.readOnlyRoot, P.capabilities, P.hostPath, P.hostNetwork, P.appArmor],
  },
  {
    name: 'aks-workload-hygiene',
    displayName: 'AKS workload hygiene',
    setId: null,
    group: null,
    policies: [P.allowedImages, P.limits, P.automount, P.defaultNamespace, P.ports, P.https],
  },
];

/** What a managed cluster's properties say about its security posture; the render and the policy states agree. */
export interface DemoClusterFacts {
  policyAddon: boolean;
  defenderProfile: boolean;
  localAccountsDisabled: boolean;
  entraIntegration: boolean;
  privateApiServer: boolean;
  authorizedIpRanges: string[];
  workloadIdentity: boolean;
  oidcIssuer: boolean;
  keyVaultSecretsProvider: boolean;
  upgradeChannel: 'none' | 'patch' | 'stable' | 'rapid' | 'node-image';
  nodeOsUpgradeChannel: 'None' | 'Unmanaged' | 'SecurityPatch' | 'NodeImage';
  /** Epoch ms of the node image build. */
  nodeImageAt: number;
}

export function demoClusterFacts(seed: number, cluster: DemoCluster, asOfMs: number): DemoClusterFacts {
  const rng = createRng(hashInts(seed, hashString('cluster-facts'), hashString(cluster.id)));
  const prod = cluster.env === 'prod';
  const privateApiServer = prod && rng.chance(0.5);
  return {
    // Most clusters run the add-on (it is what reports Gatekeeper results); a dev cluster or two does not.
    policyAddon: prod || rng.chance(0.8),
    defenderProfile: prod || rng.chance(0.6),
    localAccountsDisabled: rng.chance(prod ? 0.7 : 0.35),
    entraIntegration: rng.chance(prod ? 0.95 : 0.7),
    privateApiServer,
    authorizedIpRanges: privateApiServer || !rng.chance(prod ? 0.7 : 0.3) ? [] : ['203.0.113.0/24', '198.51.100.16/28'],
    workloadIdentity: rng.chance(0.6),
    oidcIssuer: rng.chance(0.75),
    keyVaultSecretsProvider: rng.chance(0.65),
    upgradeChannel: rng.pick(prod ? (['patch', 'stable', 'none'] as const) : (['rapid', 'patch', 'none', 'node-image'] as const)),
    nodeOsUpgradeChannel: rng.pick(['NodeImage', 'SecurityPatch', 'None', 'Unmanaged'] as const),
    nodeImageAt: asOfMs - rng.int(3, prod ? 75 : 140) * DAY_MS,
  };
}

/** Minor versions AKS offers in every demo region: the oldest is the next to leave support, the newest is preview. */
export const DEMO_SUPPORTED_MINORS = ['1.31', '1.32', '1.33', '1.34'] as const;

/** ManagedClusters_ListKubernetesVersions for a region. */
export function demoKubernetesVersions(location: string): JsonObject {
  return {
    values: DEMO_SUPPORTED_MINORS.map((version, i) => ({
      version,
      capabilities: { supportPlan: i === 0 ? ['KubernetesOfficial', 'AKSLongTermSupport'] : ['KubernetesOfficial'] },
      isDefault: version === '1.33',
      ...(version === '1.34' ? { isPreview: true } : {}),
      patchVersions: Object.fromEntries(
        [0, 1, 2].map((p) => [`${version}.${10 - 3 * i + p}`, { upgrades: DEMO_SUPPORTED_MINORS.slice(i + 1).map((v) => `${v}.${location.length % 3}`) }]),
      ),
    })),
  };
}

const isSupportedVersion = (version: string): boolean => DEMO_SUPPORTED_MINORS.some((minor) => version.startsWith(`${minor}.`));

/** The extra properties of a managed cluster (merged into the base render of generate-tenant.ts). */
export function withClusterFacts(rendered: JsonObject, facts: DemoClusterFacts, cluster: DemoCluster, tenantId: string): JsonObject {
  const properties = (rendered.properties ?? {}) as JsonObject;
  const pools = Array.isArray(properties.agentPoolProfiles) ? (properties.agentPoolProfiles as JsonObject[]) : [];
  const stamp = new Date(facts.nodeImageAt).toISOString();
  const nodeImageVersion = `AKSUbuntu-2204gen2containerd-${stamp.slice(0, 4)}${stamp.slice(5, 7)}.${stamp.slice(8, 10)}.0`;
  return {
    ...rendered,
    properties: {
      ...properties,
      agentPoolProfiles: pools.map((pool) => ({ ...pool, nodeImageVersion, osSKU: 'Ubuntu' })),
      autoUpgradeProfile: { upgradeChannel: facts.upgradeChannel, nodeOSUpgradeChannel: facts.nodeOsUpgradeChannel },
      disableLocalAccounts: facts.localAccountsDisabled,
      ...(facts.entraIntegration ? { aadProfile: { managed: true, enableAzureRBAC: true, tenantID: tenantId } } : {}),
      apiServerAccessProfile: { enablePrivateCluster: facts.privateApiServer, ...(facts.authorizedIpRanges.length ? { authorizedIPRanges: facts.authorizedIpRanges } : {}) },
      addonProfiles: {
        azurepolicy: { enabled: facts.policyAddon },
        // Container insights on most clusters; derived from the id, not the generator's stream, so adding it left
        // every other generated value as it was.
        omsagent: { enabled: hashString(`${cluster.id}/monitoring`) % 10 < 8 },
        azureKeyvaultSecretsProvider: { enabled: facts.keyVaultSecretsProvider, config: facts.keyVaultSecretsProvider ? { enableSecretRotation: 'true' } : null },
      },
      securityProfile: {
        defender: facts.defenderProfile
          ? { logAnalyticsWorkspaceResourceId: `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg-security-ops/providers/Microsoft.OperationalInsights/workspaces/law-defender`, securityMonitoring: { enabled: true } }
          : { securityMonitoring: { enabled: false } },
        workloadIdentity: { enabled: facts.workloadIdentity },
      },
      oidcIssuerProfile: facts.oidcIssuer ? { enabled: true, issuerURL: `https://${cluster.location}.oic.prod-aks.azure.com/${tenantId}/${guidFrom(hashString(cluster.id))}/` } : { enabled: false },
    },
  };
}

export interface PolicyTenantContext {
  seed: number;
  asOfMs: number;
  tenantId: string;
  subscriptionId: string;
  clusters: readonly DemoCluster[];
  registries: readonly DemoRegistry[];
  workloads: readonly DemoWorkload[];
  clusterIdx: readonly number[];
  registryIdx: readonly number[];
}

const KIND_PATH: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' };

interface Exemption {
  scope: string;
  name: string;
  assignment: Assignment;
  policy: string;
  category: 'Waiver' | 'Mitigated';
  expiresMs: number | null;
  displayName: string;
}

function referenceIdOf(assignment: Assignment, policy: string): string {
  return `${definition(policy).displayName.replace(/[^A-Za-z]+/g, '').slice(0, 40)}_${policy.slice(0, 4)}`;
}

/** Replaces the tenant's policy states with the full set, adds exemptions, and adds cluster facts to the clusters. */
export function extendWithPolicy(kinds: Map<DemoRecordKind, Sequence>, ctx: PolicyTenantContext): void {
  const { seed, asOfMs, subscriptionId } = ctx;
  const assignmentId = (a: Assignment) => `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments/${a.name}`;
  const clusters = ctx.clusterIdx.flatMap((c) => (ctx.clusters[c] ? [ctx.clusters[c]] : []));
  const registries = ctx.registryIdx.flatMap((r) => (ctx.registries[r] ? [ctx.registries[r]] : []));
  const facts = new Map(clusters.map((c) => [c.id, demoClusterFacts(seed, c, asOfMs)]));

  // A few exemptions in the whole tenant — a current waiver, a mitigation without expiry, and a waiver that has
  // expired — chosen over every cluster, so each lands in the subscription of its cluster.
  const exemptions: Exemption[] = [];
  const withAddon = ctx.clusters.filter((c) => demoClusterFacts(seed, c, asOfMs).policyAddon);
  const mine = (c: DemoCluster | undefined) => (c && c.subscriptionId === subscriptionId ? c : undefined);
  const [first, second, third] = [mine(withAddon[0]), mine(withAddon[1]), mine(ctx.clusters[ctx.clusters.length - 1])];
  const restricted = KUBERNETES_ASSIGNMENTS[1];
  const hygiene = KUBERNETES_ASSIGNMENTS[2];
  if (first && restricted) exemptions.push({ scope: first.id, name: 'waive-privileged-log-agents', assignment: restricted, policy: P.privileged, category: 'Waiver', expiresMs: asOfMs + 30 * DAY_MS, displayName: 'Log and monitoring agents need privileged mode until the vendor ships a rootless agent' });
  if (second && hygiene) exemptions.push({ scope: second.id, name: 'mitigated-allowed-images', assignment: hygiene, policy: P.allowedImages, category: 'Mitigated', expiresMs: null, displayName: 'Images are admitted by the registry firewall and signature verification instead' });
  if (third) exemptions.push({ scope: third.id, name: 'waive-upgrade-freeze', assignment: CLUSTER_ASSIGNMENT, policy: P.upgrade, category: 'Waiver', expiresMs: asOfMs - 12 * DAY_MS, displayName: 'Change freeze over the peak season' });
  const exemptionFor = (scope: string, assignment: Assignment, policy: string) =>
    exemptions.find((e) => e.scope === scope && e.assignment === assignment && e.policy === policy && (e.expiresMs === null || e.expiresMs > asOfMs));

  const state = (resource: { id: string; type: string; resourceGroup: string; location: string; env: string }, assignment: Assignment, policy: string, compliant: boolean, exemptScope: string): JsonObject => {
    const rng = createRng(hashInts(seed, hashString('policy-state'), hashString(resource.id), hashString(assignment.name), hashString(policy)));
    const exempt = exemptionFor(exemptScope, assignment, policy) !== undefined;
    const providerPath = resource.id.split('/providers/').slice(1).join('/providers/');
    const def = definition(policy);
    return {
      '@odata.id': null,
      '@odata.context': `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/$metadata#latest/$entity`,
      timestamp: new Date(asOfMs - rng.int(1, 23) * HOUR_MS - rng.int(0, 3_599_999)).toISOString(),
      // Policy Insights lower-cases the resourceGroups segment; consumers join ids case-insensitively.
      resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${resource.resourceGroup}/providers/${providerPath}`,
      policyAssignmentId: assignmentId(assignment),
      policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${policy}`,
      effectiveParameters: '',
      isCompliant: compliant && !exempt,
      subscriptionId,
      resourceType: resource.type,
      resourceLocation: resource.location,
      resourceGroup: resource.resourceGroup,
      resourceTags: 'tbd',
      policyAssignmentName: assignment.name,
      policyAssignmentOwner: 'tbd',
      policyAssignmentParameters: '{}',
      policyAssignmentScope: `/subscriptions/${subscriptionId}`,
      policyDefinitionName: policy,
      policyDefinitionAction: def.effect.toLowerCase(),
      policyDefinitionCategory: 'tbd',
      policySetDefinitionId: assignment.setId ? `/providers/Microsoft.Authorization/policySetDefinitions/${assignment.setId}` : '',
      policySetDefinitionName: assignment.setId ?? '',
      policySetDefinitionOwner: assignment.setId ? 'tbd' : '',
      policySetDefinitionCategory: assignment.setId ? 'tbd' : '',
      policySetDefinitionParameters: assignment.setId ? '{}' : '',
      managementGroupIds: ctx.tenantId,
      policyDefinitionReferenceId: assignment.setId ? referenceIdOf(assignment, policy) : '',
      complianceState: exempt ? 'Exempt' : compliant ? 'Compliant' : 'NonCompliant',
      policyDefinitionGroupNames: assignment.group ? [assignment.group] : [],
    };
  };

  const records: JsonObject[] = [];
  for (const cluster of clusters) {
    const f = facts.get(cluster.id);
    if (!f) continue;
    const resource = { id: cluster.id, type: 'Microsoft.ContainerService/managedClusters', resourceGroup: cluster.resourceGroup, location: cluster.location, env: cluster.env };
    const clusterCompliance: Record<string, boolean> = {
      [P.policyAddon]: f.policyAddon,
      [P.defenderProfile]: f.defenderProfile,
      [P.upgrade]: isSupportedVersion(cluster.kubernetesVersion),
      [P.authorizedIps]: f.privateApiServer || f.authorizedIpRanges.length > 0,
      [P.rbac]: cluster.enableRBAC,
      [P.localAccounts]: f.localAccountsDisabled,
      [P.logs]: cluster.env !== 'dev',
    };
    for (const policy of CLUSTER_ASSIGNMENT.policies) {
      if (REGISTRY_POLICIES.has(policy)) continue;
      records.push(state(resource, CLUSTER_ASSIGNMENT, policy, clusterCompliance[policy] ?? true, cluster.id));
    }
    // Gatekeeper results exist only where the Azure Policy add-on runs.
    if (!f.policyAddon) continue;
    const clusterIndex = ctx.clusters.indexOf(cluster);
    for (const w of ctx.workloads.filter((x) => x.clusterIndex === clusterIndex)) {
      const object = {
        id: `${cluster.id}/providers/Microsoft.Kubernetes.Data/namespaces/${w.namespace}/${KIND_PATH[w.kind] ?? w.kind.toLowerCase()}/${w.name}`,
        type: `Microsoft.Kubernetes.Data/${KIND_PATH[w.kind] ?? w.kind.toLowerCase()}`,
        resourceGroup: cluster.resourceGroup,
        location: cluster.location,
        env: cluster.env,
      };
      for (const assignment of KUBERNETES_ASSIGNMENTS) {
        for (const policy of assignment.policies) {
          // The same object is judged the same by every assignment that includes the policy.
          const rng = createRng(hashInts(seed, hashString('k8s-compliance'), hashString(object.id), hashString(policy)));
          const daemon = w.kind === 'DaemonSet';
          const risk = (cluster.env === 'dev' ? 0.16 : cluster.env === 'staging' ? 0.11 : 0.07) + (daemon && (policy === P.privileged || policy === P.hostPath) ? 0.6 : 0);
          records.push(state(object, assignment, policy, !rng.chance(risk), cluster.id));
        }
      }
    }
  }
  for (const registry of registries) {
    const resource = { id: registry.id, type: 'Microsoft.ContainerRegistry/registries', resourceGroup: registry.resourceGroup, location: registry.location, env: 'prod' };
    const registryCompliance: Record<string, boolean> = {
      [P.acrAdmin]: !registry.adminUserEnabled,
      [P.acrAnonymous]: true,
      [P.acrPublic]: registry.publicNetworkAccess === 'Disabled',
      [P.acrPrivateLink]: registry.sku === 'Premium',
    };
    for (const policy of REGISTRY_POLICIES) records.push(state(resource, CLUSTER_ASSIGNMENT, policy, registryCompliance[policy] ?? true, registry.id));
  }
  kinds.set('policyStates', listSequence(records));

  kinds.set(
    'policyExemptions',
    listSequence(
      exemptions.map((e): JsonObject => {
        const created = asOfMs - 60 * DAY_MS;
        return {
          properties: {
            policyAssignmentId: assignmentId(e.assignment),
            policyDefinitionReferenceIds: e.assignment.setId ? [referenceIdOf(e.assignment, e.policy)] : [],
            exemptionCategory: e.category,
            ...(e.expiresMs !== null ? { expiresOn: new Date(e.expiresMs).toISOString() } : {}),
            displayName: e.displayName,
            description: `Approved by the platform security board. Policy: ${definition(e.policy).displayName}.`,
            metadata: { requestedBy: 'platform-team', approvedBy: 'security-board' },
          },
          systemData: { createdBy: 'platform-team@contoso.com', createdByType: 'User', createdAt: new Date(created).toISOString(), lastModifiedAt: new Date(created).toISOString() },
          id: `${e.scope}/providers/Microsoft.Authorization/policyExemptions/${e.name}`,
          type: 'Microsoft.Authorization/policyExemptions',
          name: e.name,
        };
      }),
    ),
  );

  const base = kinds.get('managedClusters');
  if (base) {
    kinds.set('managedClusters', {
      total: base.total,
      at: (i) => {
        const rendered = base.at(i);
        const cluster = clusters.find((c) => c.id === rendered.id);
        const f = cluster ? facts.get(cluster.id) : undefined;
        return cluster && f ? withClusterFacts(rendered, f, cluster, ctx.tenantId) : rendered;
      },
    });
  }
}

/** PolicyStates_SummarizeForSubscription over the subscription's latest states, in the 2024-10-01 shape. */
export function summarizePolicyStates(subscriptionId: string, states: readonly JsonObject[]): JsonObject {
  const nonCompliant = states.filter((s) => s.complianceState === 'NonCompliant');
  const compliantResources = new Set(states.filter((s) => s.complianceState === 'Compliant').map((s) => String(s.resourceId).toLowerCase()));
  const nonCompliantResources = new Set(nonCompliant.map((s) => String(s.resourceId).toLowerCase()));
  for (const id of nonCompliantResources) compliantResources.delete(id);
  const key = (s: JsonObject) => `${String(s.policyAssignmentId)}|${String(s.policyDefinitionId)}`;
  const nonCompliantPolicies = new Set(nonCompliant.map(key));
  const allPolicies = new Set(states.map(key));
  const query = `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=2024-10-01`;
  const assignments = [...new Set(states.map((s) => String(s.policyAssignmentId)))].sort();
  return {
    '@odata.context': `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary`,
    '@odata.count': 1,
    value: [
      {
        '@odata.id': null,
        '@odata.context': `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary/$entity`,
        results: {
          queryResultsUri: `${query}&$filter=IsCompliant eq false`,
          nonCompliantResources: nonCompliantResources.size,
          nonCompliantPolicies: nonCompliantPolicies.size,
          resourceDetails: [
            { complianceState: 'compliant', count: compliantResources.size },
            { complianceState: 'noncompliant', count: nonCompliantResources.size },
          ],
          policyDetails: [
            { complianceState: 'compliant', count: allPolicies.size - nonCompliantPolicies.size },
            { complianceState: 'noncompliant', count: nonCompliantPolicies.size },
          ],
          policyGroupDetails: [],
        },
        policyAssignments: assignments.map((id) => {
          const mine = states.filter((s) => s.policyAssignmentId === id);
          const bad = new Set(mine.filter((s) => s.complianceState === 'NonCompliant').map((s) => String(s.resourceId).toLowerCase()));
          return {
            policyAssignmentId: id.toLowerCase(),
            policySetDefinitionId: String(mine[0]?.policySetDefinitionId ?? '').toLowerCase(),
            results: { queryResultsUri: `${query}&$filter=IsCompliant eq false and PolicyAssignmentId eq '${id.toLowerCase()}'`, nonCompliantResources: bad.size, nonCompliantPolicies: new Set(mine.filter((s) => s.complianceState === 'NonCompliant').map(key)).size },
            policyDefinitions: [],
            policyGroups: [],
          };
        }),
      },
    ],
  };
}

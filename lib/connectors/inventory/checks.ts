// Configuration checks on the cluster and registry resources the inventory reads, as findings: a failing check is an
// open finding, a passing one a resolved record — the evidence that lets a control such as "Kubernetes versions and
// node images kept current" pass instead of reading "no evidence". A setting the payload does not carry is unknown
// and produces no record at all (never a pass, never a fail). Pure: `now` and the region's versions come in.
import { INVENTORY_CHECKS, type InventoryCheck } from '../../catalog';
import { versionSupportOf, type RegionVersion } from '../../clusters/version-support';
import type { Severity } from '../../domain/model';
import type { ClusterRow, FindingRow, RegistryRow } from '../../domain/rows';
import { clusterFactsOf, type ClusterFacts } from './cluster-facts';

/** Node images older than this miss at least one weekly security patch cycle by a wide margin. */
export const NODE_IMAGE_MAX_AGE_DAYS = 90;

const DAY_MS = 86_400_000;

interface Outcome {
  pass: boolean;
  /** What was observed, in words, for the finding's description. */
  observed: string;
}

interface CheckSpec<T> {
  title: string;
  severity: Severity;
  remediation: string;
  evaluate: (subject: T) => Outcome | null;
}

interface ClusterSubject {
  facts: ClusterFacts;
  raw: unknown;
  region: readonly RegionVersion[] | undefined;
  now: Date;
}

const yesNo = (value: boolean | null, on: string, off: string): Outcome | null => (value === null ? null : { pass: value, observed: value ? on : off });

const AUTOMATIC_OS_CHANNELS = ['nodeimage', 'securitypatch'];

/** Container insights (the omsagent add-on) or the Azure Monitor metrics profile; null when neither is described. */
function monitoringOf(raw: unknown): boolean | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const properties = (raw as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return null;
  const p = properties as { addonProfiles?: Record<string, { enabled?: unknown } | null>; azureMonitorProfile?: { metrics?: { enabled?: unknown } | null } | null };
  const metrics = p.azureMonitorProfile?.metrics?.enabled === true;
  if (!p.addonProfiles) return p.azureMonitorProfile ? metrics : null;
  const oms = Object.entries(p.addonProfiles).find(([name]) => name.toLowerCase() === 'omsagent')?.[1];
  return oms?.enabled === true || metrics;
}

const CLUSTER_CHECKS = {
  'cluster-network-policy': {
    title: 'Clusters should run a network policy engine',
    severity: 'medium',
    remediation: 'Create the cluster (or update it) with a network policy engine — Azure, Calico or Cilium — and add network policies per namespace.',
    evaluate: ({ facts }) =>
      facts.networkPlugin === null && facts.networkPolicy === null
        ? null
        : facts.networkPolicy && facts.networkPolicy.toLowerCase() !== 'none'
          ? { pass: true, observed: `network policy engine: ${facts.networkPolicy}` }
          : { pass: false, observed: 'no network policy engine' },
  },
  'cluster-monitoring-enabled': {
    title: 'Clusters should be onboarded to Azure Monitor',
    severity: 'medium',
    remediation: 'Enable Container insights (the monitoring add-on) or managed Prometheus on the cluster.',
    evaluate: ({ raw }) => yesNo(monitoringOf(raw), 'Container insights or Azure Monitor metrics enabled', 'neither Container insights nor Azure Monitor metrics enabled'),
  },
  'cluster-local-accounts-disabled': {
    title: 'Clusters should have local Kubernetes accounts disabled',
    severity: 'medium',
    remediation: 'Turn off local accounts (`az aks update --disable-local-accounts`) so every sign-in goes through Entra ID.',
    evaluate: ({ facts }) => yesNo(facts.localAccountsDisabled, 'local accounts disabled', 'local accounts enabled'),
  },
  'cluster-entra-integration': {
    title: 'Clusters should use Entra ID integration for Kubernetes sign-in',
    severity: 'high',
    remediation: 'Enable the AKS-managed Entra ID integration, preferably with Azure RBAC for Kubernetes authorization.',
    evaluate: ({ facts }) => yesNo(facts.entraIntegration, facts.azureRbac ? 'Entra ID integration with Azure RBAC' : 'Entra ID integration', 'no Entra ID integration'),
  },
  'cluster-api-server-restricted': {
    title: 'Cluster API servers should be private or limited to authorised IP ranges',
    severity: 'high',
    remediation: 'Make the cluster private, or set authorised IP ranges on its API server.',
    evaluate: ({ facts }) =>
      facts.privateApiServer === null
        ? null
        : facts.privateApiServer
          ? { pass: true, observed: 'private API server' }
          : (facts.authorizedIpRanges ?? []).length > 0
            ? { pass: true, observed: `API server limited to ${(facts.authorizedIpRanges ?? []).join(', ')}` }
            : { pass: false, observed: 'public API server open to any address' },
  },
  'cluster-defender-profile': {
    title: 'Clusters should run the Defender sensor',
    severity: 'high',
    remediation: 'Enable the Defender for Containers sensor (security profile) on the cluster.',
    evaluate: ({ facts }) => yesNo(facts.defenderProfile, 'Defender sensor enabled', 'Defender sensor not enabled'),
  },
  'cluster-azure-policy-addon': {
    title: 'Clusters should have the Azure Policy add-on installed',
    severity: 'medium',
    remediation: 'Enable the Azure Policy add-on so Gatekeeper enforces the assigned Kubernetes policies.',
    evaluate: ({ facts }) => yesNo(facts.azurePolicyAddon, 'Azure Policy add-on enabled', 'Azure Policy add-on not enabled'),
  },
  'cluster-kubernetes-version-supported': {
    title: 'Clusters should run a Kubernetes version AKS supports in their region',
    severity: 'high',
    remediation: 'Upgrade the cluster to a Kubernetes minor version AKS supports in its region.',
    evaluate: ({ facts, region }) => {
      if (!region || region.length === 0 || facts.kubernetesVersion === null) return null;
      const { support, oldestSupported } = versionSupportOf(facts.kubernetesVersion, region);
      if (support === 'unknown') return null;
      if (support === 'unsupported') return { pass: false, observed: `Kubernetes ${facts.kubernetesVersion} is no longer supported (oldest supported: ${oldestSupported ?? 'unknown'})` };
      return { pass: true, observed: `Kubernetes ${facts.kubernetesVersion}${support === 'ending' ? ' (oldest supported minor: support ends next)' : ''}` };
    },
  },
  'cluster-auto-upgrade-channel': {
    title: 'Clusters should have an automatic upgrade channel',
    severity: 'low',
    remediation: 'Set an auto-upgrade channel (patch or stable) with a planned maintenance window.',
    evaluate: ({ facts }) =>
      facts.upgradeChannel === null ? null : yesNo(facts.upgradeChannel.toLowerCase() !== 'none', `auto-upgrade channel: ${facts.upgradeChannel}`, 'auto-upgrade channel: none'),
  },
  'cluster-node-os-upgrade-channel': {
    title: 'Node OS security updates should be applied automatically',
    severity: 'medium',
    remediation: 'Set the node OS upgrade channel to NodeImage or SecurityPatch.',
    evaluate: ({ facts }) =>
      facts.nodeOsUpgradeChannel === null
        ? null
        : yesNo(AUTOMATIC_OS_CHANNELS.includes(facts.nodeOsUpgradeChannel.toLowerCase()), `node OS channel: ${facts.nodeOsUpgradeChannel}`, `node OS channel: ${facts.nodeOsUpgradeChannel}`),
  },
  'cluster-node-image-current': {
    title: `Node images should be newer than ${NODE_IMAGE_MAX_AGE_DAYS} days`,
    severity: 'medium',
    remediation: 'Upgrade the node image of every node pool (`az aks nodepool upgrade --node-image-only`), or let the NodeImage channel do it.',
    evaluate: ({ facts, now }) => {
      if (facts.oldestNodeImageAt === null) return null;
      const days = Math.floor((now.getTime() - facts.oldestNodeImageAt.getTime()) / DAY_MS);
      return { pass: days <= NODE_IMAGE_MAX_AGE_DAYS, observed: `oldest node image is ${days} days old (${facts.nodeImageVersions.join(', ')})` };
    },
  },
  'cluster-workload-identity': {
    title: 'Clusters should have workload identity enabled',
    severity: 'low',
    remediation: 'Enable the OIDC issuer and workload identity so pods use federated credentials instead of stored secrets.',
    evaluate: ({ facts }) =>
      facts.workloadIdentity === null ? null : yesNo(facts.workloadIdentity && facts.oidcIssuer !== false, 'workload identity and OIDC issuer enabled', 'workload identity or OIDC issuer not enabled'),
  },
  'cluster-keyvault-secrets-provider': {
    title: 'Clusters should use the Key Vault secrets provider',
    severity: 'low',
    remediation: 'Enable the Azure Key Vault provider for Secrets Store CSI Driver and mount secrets from Key Vault.',
    evaluate: ({ facts }) => yesNo(facts.keyVaultSecretsProvider, 'Key Vault secrets provider enabled', 'Key Vault secrets provider not enabled'),
  },
} as const satisfies Partial<Record<InventoryCheck, CheckSpec<ClusterSubject>>>;

const REGISTRY_CHECKS = {
  'registry-admin-user-disabled': {
    title: 'Registries should have the admin user disabled',
    severity: 'medium',
    remediation: 'Disable the admin user and pull with managed identities or scoped tokens.',
    evaluate: (r) => (r.adminUserEnabled === null ? null : yesNo(!r.adminUserEnabled, 'admin user disabled', 'admin user enabled')),
  },
  'registry-anonymous-pull-disabled': {
    title: 'Registries should not allow anonymous pull',
    severity: 'medium',
    remediation: 'Turn off anonymous pull access.',
    evaluate: (r) => (r.anonymousPullEnabled === null ? null : yesNo(!r.anonymousPullEnabled, 'anonymous pull disabled', 'anonymous pull enabled')),
  },
  'registry-public-network-disabled': {
    title: 'Registries should not be reachable from the public internet',
    severity: 'medium',
    remediation: 'Disable public network access and reach the registry through a private endpoint.',
    evaluate: (r) =>
      r.publicNetworkAccess === null ? null : yesNo(r.publicNetworkAccess.toLowerCase() === 'disabled', 'public network access disabled', 'public network access enabled'),
  },
} as const satisfies Partial<Record<InventoryCheck, CheckSpec<RegistryRow>>>;

export type ClusterCheckId = keyof typeof CLUSTER_CHECKS;
export type RegistryCheckId = keyof typeof REGISTRY_CHECKS;

/** Every inventory check the catalog names is evaluated here, and nothing else (checked by a test). */
export const EVALUATED_CHECKS: readonly InventoryCheck[] = [...(Object.keys(CLUSTER_CHECKS) as ClusterCheckId[]), ...(Object.keys(REGISTRY_CHECKS) as RegistryCheckId[])];

function toFinding(
  check: InventoryCheck,
  spec: { title: string; severity: Severity; remediation: string },
  outcome: Outcome,
  resource: { armId: string; subscriptionId: string; type: string; clusterArmId: string | null; registryArmId: string | null },
): FindingRow {
  return {
    sourceKey: `${resource.armId}/checks/${check}`,
    kind: 'recommendation',
    ruleId: check,
    title: spec.title,
    description: `Observed: ${outcome.observed}.`,
    remediation: spec.remediation,
    severity: spec.severity,
    status: outcome.pass ? 'resolved' : 'open',
    resourceId: resource.armId,
    resourceType: resource.type,
    subscriptionId: resource.subscriptionId,
    clusterArmId: resource.clusterArmId,
    registryArmId: resource.registryArmId,
    imageDigest: null,
    stage: null,
    controlId: null,
    firstSeenAt: null,
    sourceUpdatedAt: null,
    resolvedAt: null,
    raw: { check, pass: outcome.pass, observed: outcome.observed },
  };
}

export function clusterCheckFindings(cluster: ClusterRow, region: readonly RegionVersion[] | undefined, now: Date): FindingRow[] {
  const subject: ClusterSubject = { facts: clusterFactsOf(cluster.raw), raw: cluster.raw, region, now };
  const resource = { armId: cluster.armId, subscriptionId: cluster.subscriptionId, type: 'Microsoft.ContainerService/managedClusters', clusterArmId: cluster.armId, registryArmId: null };
  return (Object.entries(CLUSTER_CHECKS) as [ClusterCheckId, CheckSpec<ClusterSubject>][]).flatMap(([check, spec]) => {
    const outcome = spec.evaluate(subject);
    return outcome ? [toFinding(check, spec, outcome, resource)] : [];
  });
}

export function registryCheckFindings(registry: RegistryRow): FindingRow[] {
  const resource = { armId: registry.armId, subscriptionId: registry.subscriptionId, type: 'Microsoft.ContainerRegistry/registries', clusterArmId: null, registryArmId: registry.armId };
  return (Object.entries(REGISTRY_CHECKS) as [RegistryCheckId, CheckSpec<RegistryRow>][]).flatMap(([check, spec]) => {
    const outcome = spec.evaluate(registry);
    return outcome ? [toFinding(check, spec, outcome, resource)] : [];
  });
}

/** For tests and docs: the checks the catalog lists that this module does not evaluate (should be none). */
export const unevaluatedChecks = (): InventoryCheck[] => INVENTORY_CHECKS.filter((c) => !EVALUATED_CHECKS.includes(c));

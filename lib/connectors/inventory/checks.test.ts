import { describe, expect, it } from 'vitest';
import { INVENTORY_CHECKS, classifyFinding } from '../../catalog';
import { exampleItems } from '../testing/examples';
import { clusterCheckFindings, EVALUATED_CHECKS, NODE_IMAGE_MAX_AGE_DAYS, registryCheckFindings, unevaluatedChecks } from './checks';
import { toClusterRow, toRegistryRow } from './transform';

const NOW = new Date('2026-06-01T00:00:00Z');
const SUB = '11111111-1111-1111-1111-111111111111';
const ID = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.ContainerService/managedClusters/aks-app`;
const REGION = [
  { version: '1.31', isPreview: false, supportPlans: ['KubernetesOfficial'] },
  { version: '1.32', isPreview: false, supportPlans: ['KubernetesOfficial'] },
  { version: '1.33', isPreview: false, supportPlans: ['KubernetesOfficial'] },
  { version: '1.34', isPreview: true, supportPlans: ['KubernetesOfficial'] },
];

function cluster(properties: Record<string, unknown>) {
  return toClusterRow({ id: ID, name: 'aks-app', location: 'westeurope', properties });
}

/** A cluster configured as the reference article recommends. */
const hardened = {
  currentKubernetesVersion: '1.32.4',
  agentPoolProfiles: [{ name: 'system', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202605.10.0' }],
  autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
  disableLocalAccounts: true,
  aadProfile: { managed: true, enableAzureRBAC: true },
  apiServerAccessProfile: { enablePrivateCluster: true },
  networkProfile: { networkPlugin: 'azure', networkPolicy: 'cilium' },
  addonProfiles: { azurepolicy: { enabled: true }, omsagent: { enabled: true }, azureKeyvaultSecretsProvider: { enabled: true } },
  securityProfile: { defender: { securityMonitoring: { enabled: true } }, workloadIdentity: { enabled: true } },
  oidcIssuerProfile: { enabled: true },
};

const byCheck = (rows: ReturnType<typeof clusterCheckFindings>) => Object.fromEntries(rows.map((r) => [r.ruleId, r.status]));

describe('inventory configuration checks', () => {
  it('evaluates every check the catalog names, and each one lands on a control', () => {
    expect(unevaluatedChecks()).toEqual([]);
    expect([...EVALUATED_CHECKS].sort()).toEqual([...INVENTORY_CHECKS].sort());
    for (const check of INVENTORY_CHECKS) {
      const { controlId } = classifyFinding({ source: 'inventory', kind: 'recommendation', ruleId: check, title: check, resourceType: null });
      // Not the source's catch-all: each check is listed on a control's inventory evidence.
      expect.soft(controlId, check).not.toBe('');
    }
    expect(classifyFinding({ source: 'inventory', kind: 'recommendation', ruleId: 'cluster-kubernetes-version-supported', title: 'x', resourceType: null }).controlId).toBe('operate-cluster-updates');
    expect(classifyFinding({ source: 'inventory', kind: 'recommendation', ruleId: 'cluster-defender-profile', title: 'x', resourceType: null }).controlId).toBe('operate-defender-coverage');
  });

  it('a hardened cluster passes every check: resolved records, the evidence that lets controls pass', () => {
    const rows = clusterCheckFindings(cluster(hardened), REGION, NOW);
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.status === 'resolved')).toBe(true);
    expect(rows[0]).toMatchObject({ resourceId: ID, clusterArmId: ID, subscriptionId: SUB, kind: 'recommendation', sourceKey: `${ID}/checks/${rows[0]?.ruleId}` });
  });

  it('a neglected cluster fails them, with what was observed in words', () => {
    const rows = clusterCheckFindings(
      cluster({
        ...hardened,
        currentKubernetesVersion: '1.29.9',
        agentPoolProfiles: [{ nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202601.05.0' }, { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202605.10.0' }],
        autoUpgradeProfile: { upgradeChannel: 'none', nodeOSUpgradeChannel: 'Unmanaged' },
        disableLocalAccounts: false,
        aadProfile: null,
        apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: [] },
        networkProfile: { networkPlugin: 'kubenet' },
        addonProfiles: { azurepolicy: { enabled: false } },
        securityProfile: { defender: { securityMonitoring: { enabled: false } }, workloadIdentity: { enabled: false } },
      }),
      REGION,
      NOW,
    );
    expect(rows.every((r) => r.status === 'open')).toBe(true);
    const version = rows.find((r) => r.ruleId === 'cluster-kubernetes-version-supported');
    expect(version).toMatchObject({ severity: 'high', description: 'Observed: Kubernetes 1.29.9 is no longer supported (oldest supported: 1.31).' });
    // The oldest pool decides: 147 days, over the limit.
    expect(rows.find((r) => r.ruleId === 'cluster-node-image-current')?.description).toContain('147 days old');
  });

  it('node image age is judged at the run\'s clock, on the boundary too', () => {
    const at = (days: number) => new Date(Date.UTC(2026, 4, 10) + days * 86_400_000);
    const status = (now: Date) => byCheck(clusterCheckFindings(cluster(hardened), REGION, now))['cluster-node-image-current'];
    expect(status(at(NODE_IMAGE_MAX_AGE_DAYS))).toBe('resolved');
    expect(status(at(NODE_IMAGE_MAX_AGE_DAYS + 1))).toBe('open');
  });

  it('authorised IP ranges are enough for the API server check; "ending" support still passes', () => {
    const rows = byCheck(clusterCheckFindings(cluster({ ...hardened, currentKubernetesVersion: '1.31.2', apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ['203.0.113.0/24'] } }), REGION, NOW));
    expect(rows['cluster-api-server-restricted']).toBe('resolved');
    expect(rows['cluster-kubernetes-version-supported']).toBe('resolved');
  });

  it('a setting the payload does not carry produces no record, never a pass or a fail', () => {
    // The list example of the official API carries only some of these settings.
    const [raw] = exampleItems('containerservice/2026-02-01/ManagedClustersList.json');
    const rows = byCheck(clusterCheckFindings(toClusterRow(raw), undefined, NOW));
    expect(rows['cluster-kubernetes-version-supported']).toBeUndefined();
    expect(rows['cluster-defender-profile']).toBeUndefined();
    expect(Object.keys(byCheck(clusterCheckFindings(toClusterRow({ id: ID, name: 'aks-app' }), REGION, NOW)))).toEqual([]);
    // ARM leaves aadProfile out of a cluster without Entra integration: its absence from a cluster's properties is a fail.
    expect(byCheck(clusterCheckFindings(cluster({}), REGION, NOW))).toEqual({ 'cluster-entra-integration': 'open' });
  });

  it('registry settings from the official example', () => {
    const rows = exampleItems('containerregistry/2025-11-01/RegistryList.json').flatMap((raw) => registryCheckFindings(toRegistryRow(raw)));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.registryArmId).toBe(r.resourceId);
    const admin = rows.find((r) => r.ruleId === 'registry-admin-user-disabled');
    expect(admin?.status).toBe(admin?.raw && (admin.raw as { pass: boolean }).pass ? 'resolved' : 'open');
  });
});

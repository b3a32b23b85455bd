import { describe, expect, it } from 'vitest';
import { demoKubernetesVersions } from '../demo/generate-policy';
import { toKubernetesVersionRows } from '../connectors/inventory/kubernetes-versions';
import { clusterFactsOf, nodeImageDateOf } from '../connectors/inventory/cluster-facts';
import { exampleItems } from '../connectors/testing/examples';
import { versionSupportOf } from './version-support';

const region = toKubernetesVersionRows('westeurope', demoKubernetesVersions('westeurope'));

describe('versionSupportOf (against the region list the stand-in serves)', () => {
  it('supported, ending (oldest GA minor), unsupported (no longer listed), unknown', () => {
    expect(versionSupportOf('1.33.2', region)).toEqual({ support: 'supported', oldestSupported: '1.31', latest: '1.33' });
    expect(versionSupportOf('1.31.10', region).support).toBe('ending');
    expect(versionSupportOf('1.29.15', region).support).toBe('unsupported');
    // Preview minors do not count as support.
    expect(versionSupportOf('1.34.1', region).support).toBe('unsupported');
    expect(versionSupportOf(null, region).support).toBe('unknown');
    expect(versionSupportOf('1.33.2', []).support).toBe('unknown');
  });
});

describe('clusterFactsOf', () => {
  it('reads nothing it does not know from the official list example (absent means unknown, not off)', () => {
    const [raw] = exampleItems('containerservice/2026-02-01/ManagedClustersList.json');
    const facts = clusterFactsOf(raw);
    expect(facts).toMatchObject({ kubernetesVersion: '1.9.6', networkPlugin: 'kubenet', networkPolicy: null, upgradeChannel: null, localAccountsDisabled: null });
  });

  it('reads the security settings and the node image age', () => {
    const facts = clusterFactsOf({
      properties: {
        currentKubernetesVersion: '1.31.4',
        agentPoolProfiles: [{ nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202605.03.0' }, { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202604.20.1' }],
        autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
        addonProfiles: { azurepolicy: { enabled: true }, azureKeyvaultSecretsProvider: { enabled: false } },
        securityProfile: { defender: { securityMonitoring: { enabled: true } }, workloadIdentity: { enabled: true } },
        disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true },
        apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ['203.0.113.0/24'] },
        oidcIssuerProfile: { enabled: true },
      },
    });
    expect(facts).toMatchObject({
      kubernetesVersion: '1.31.4',
      upgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      azurePolicyAddon: true,
      keyVaultSecretsProvider: false,
      defenderProfile: true,
      workloadIdentity: true,
      localAccountsDisabled: true,
      entraIntegration: true,
      privateApiServer: false,
      authorizedIpRanges: ['203.0.113.0/24'],
      oidcIssuer: true,
      oldestNodeImageAt: new Date('2026-04-20T00:00:00Z'),
    });
    expect(nodeImageDateOf('AKSUbuntu-2204gen2containerd')).toBeNull();
  });
});

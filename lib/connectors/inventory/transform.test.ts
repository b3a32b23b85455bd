import { describe, expect, it } from 'vitest';
import { exampleItems } from '../testing/examples';
import { teamOf, toClusterRow, toRegistryRow } from './transform';

describe('toClusterRow', () => {
  it('maps ManagedClustersList.json (2026-02-01)', () => {
    const [raw] = exampleItems('containerservice/2026-02-01/ManagedClustersList.json');
    const row = toClusterRow(raw);
    expect(row).toMatchObject({
      armId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1',
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg1',
      name: 'clustername1',
      location: 'location1',
      kubernetesVersion: '1.9.6',
      provisioningState: 'Succeeded',
      fqdn: 'dnsprefix1-abcd1234.hcp.eastus.azmk8s.io',
      rbacEnabled: false,
      // The example's networkProfile has a plugin but no policy.
      networkPolicy: null,
      team: null,
      tags: { archv2: '', tier: 'production' },
    });
    expect(row.raw).toBe(raw);
  });

  it('reads networkPolicy and a team tag whatever its key casing', () => {
    const row = toClusterRow({
      id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/ManagedClusters/c',
      tags: { TEAM: 'payments' },
      properties: { enableRBAC: true, networkProfile: { networkPolicy: 'calico' } },
    });
    expect(row).toMatchObject({ name: 'c', team: 'payments', rbacEnabled: true, networkPolicy: 'calico', location: null, fqdn: null });
  });

  it('throws a clear error on a missing id', () => {
    expect(() => toClusterRow({ name: 'x', properties: {} })).toThrow('missing id');
  });

  it('refuses an id that is not resource-group scoped', () => {
    expect(() => toClusterRow({ id: '/providers/x' })).toThrow(/not a resource-group scoped ARM id/);
  });
});

describe('toRegistryRow', () => {
  it('maps RegistryList.json (2025-11-01)', () => {
    const [raw] = exampleItems('containerregistry/2025-11-01/RegistryList.json');
    expect(toRegistryRow(raw)).toMatchObject({
      armId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry',
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'myResourceGroup',
      name: 'myRegistry',
      location: 'westus',
      loginServer: 'myRegistry.azurecr.io',
      sku: 'Standard',
      adminUserEnabled: false,
      publicNetworkAccess: 'Enabled',
      anonymousPullEnabled: false,
      team: null,
      tags: { key: 'value' },
    });
  });

  it('turns absent optional fields into null', () => {
    expect(toRegistryRow({ id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/acr' })).toMatchObject({
      name: 'acr',
      loginServer: null,
      sku: null,
      adminUserEnabled: null,
      publicNetworkAccess: null,
      anonymousPullEnabled: null,
      tags: {},
    });
  });
});

describe('teamOf', () => {
  it('treats an empty team tag as no team', () => {
    expect(teamOf({ Team: ' ' })).toBeNull();
    expect(teamOf({ team: 'core' })).toBe('core');
  });
});

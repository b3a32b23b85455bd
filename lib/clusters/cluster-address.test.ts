import { describe, expect, it } from 'vitest';
import { armIdOfAddress, clusterPath, parseClusterAddress } from './cluster-address';

describe('cluster address', () => {
  const address = { subscriptionId: 'AAAAAAAA-0000-0000-0000-00000000000A', resourceGroup: 'rg-Payments-prod', name: 'aks-payments-prod-weu-01' };

  it('round-trips through the path and compares case-insensitively like ARM', () => {
    const path = clusterPath(address);
    expect(path).toBe('/clusters/aaaaaaaa-0000-0000-0000-00000000000a/rg-Payments-prod/aks-payments-prod-weu-01');
    const parsed = parseClusterAddress(path.split('/').slice(2));
    expect(parsed && armIdOfAddress(parsed)).toBe(armIdOfAddress({ ...address, resourceGroup: 'RG-PAYMENTS-PROD' }));
    expect(armIdOfAddress(address)).toBe(
      '/subscriptions/aaaaaaaa-0000-0000-0000-00000000000a/resourcegroups/rg-payments-prod/providers/microsoft.containerservice/managedclusters/aks-payments-prod-weu-01',
    );
  });

  it('refuses what is not a cluster address', () => {
    expect(parseClusterAddress(['not-a-guid', 'rg', 'aks'])).toBeNull();
    expect(parseClusterAddress(['aaaaaaaa-0000-0000-0000-00000000000a', 'rg'])).toBeNull();
    expect(parseClusterAddress(['aaaaaaaa-0000-0000-0000-00000000000a', 'rg', 'a/b'])).toBeNull();
    expect(parseClusterAddress(['aaaaaaaa-0000-0000-0000-00000000000a', '%E0%A4%A', 'aks'])).toBeNull();
  });
});

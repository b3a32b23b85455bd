// Test support: a managed cluster and a recommendation finding on it, as connectors produce them, for tests that
// drive the store or the job queue without Azure. Each caller names its own subscription and resource group.
import type { ClusterRow, FindingRow } from '../domain/rows';

export interface TestCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  armId: string;
}

export function testCluster(subscriptionId: string, resourceGroup: string, name: string): TestCluster {
  return { subscriptionId, resourceGroup, name, armId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}` };
}

export function clusterRow(c: TestCluster, over: Partial<ClusterRow> = {}): ClusterRow {
  return {
    armId: c.armId, subscriptionId: c.subscriptionId, resourceGroup: c.resourceGroup, name: c.name, location: 'westeurope',
    kubernetesVersion: '1.30.1', provisioningState: 'Succeeded', fqdn: null, rbacEnabled: true, networkPolicy: 'azure',
    team: 'payments', tags: { team: 'payments' }, raw: { id: c.armId }, ...over,
  };
}

/** An open high recommendation on the cluster, keyed `key` under `kind` (the source's collection name). */
export function recommendationRow(c: TestCluster, kind: string, key: string, over: Partial<FindingRow> = {}): FindingRow {
  return {
    sourceKey: `${c.armId}/providers/Microsoft.Security/${kind}/${key}`, kind: 'recommendation', ruleId: key,
    title: `Recommendation ${key}`, description: null, remediation: null, severity: 'high', status: 'open',
    resourceId: c.armId, resourceType: 'Microsoft.ContainerService/managedClusters', subscriptionId: c.subscriptionId, clusterArmId: c.armId,
    registryArmId: null, imageDigest: null, stage: null, controlId: null,
    firstSeenAt: new Date('2026-10-01T00:00:00Z'), sourceUpdatedAt: null, resolvedAt: null, raw: { key }, ...over,
  };
}

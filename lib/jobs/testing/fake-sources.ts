// Connectors that yield a few small pages without Azure, slowed down so a test can watch a run in flight.
import type { Connector, SourceBatch } from '../../connectors/types';
import type { SourceId } from '../../domain/model';
import type { ClusterRow, FindingRow } from '../../domain/rows';

const SUB = '00000000-0000-0000-0000-00000000b001';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-jobs/providers/Microsoft.ContainerService/managedClusters/aks-jobs`;

function cluster(): ClusterRow {
  return {
    armId: CLUSTER, subscriptionId: SUB, resourceGroup: 'rg-jobs', name: 'aks-jobs', location: 'westeurope',
    kubernetesVersion: '1.30.1', provisioningState: 'Succeeded', fqdn: null, rbacEnabled: true, networkPolicy: 'azure',
    team: 'payments', tags: { team: 'payments' }, raw: { id: CLUSTER },
  };
}

function finding(source: SourceId, n: number): FindingRow {
  return {
    sourceKey: `${CLUSTER}/providers/Microsoft.Security/${source}/${n}`, kind: 'recommendation', ruleId: `${source}-${n}`,
    title: `${source} ${n}`, description: null, remediation: null, severity: 'high', status: 'open',
    resourceId: CLUSTER, resourceType: 'Microsoft.ContainerService/managedClusters', subscriptionId: SUB, clusterArmId: CLUSTER,
    registryArmId: null, imageDigest: null, stage: null, controlId: null,
    firstSeenAt: new Date('2026-10-01T00:00:00Z'), sourceUpdatedAt: null, resolvedAt: null, raw: { n },
  };
}

export function fakeConnector(source: SourceId, options: { pages?: number; pageDelayMs?: number } = {}): Connector {
  const pages = options.pages ?? 2;
  return {
    id: source,
    async *run() {
      for (let p = 0; p < pages; p++) {
        await new Promise((r) => setTimeout(r, options.pageDelayMs ?? 0));
        const batch: SourceBatch = source === 'inventory' ? { clusters: p === 0 ? [cluster()] : [] } : { findings: [finding(source, p)] };
        yield batch;
      }
    },
  };
}

// Connectors that yield a few small pages without Azure, slowed down so a test can watch a run in flight.
import type { Connector, SourceBatch } from '../../connectors/types';
import type { SourceId } from '../../domain/model';
import { clusterRow, recommendationRow, testCluster } from '../../testing/rows';

const CLUSTER = testCluster('00000000-0000-0000-0000-00000000b001', 'rg-jobs', 'aks-jobs');
const cluster = () => clusterRow(CLUSTER);
const finding = (source: SourceId, n: number) => recommendationRow(CLUSTER, source, `${n}`, { ruleId: `${source}-${n}`, title: `${source} ${n}`, raw: { n } });

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

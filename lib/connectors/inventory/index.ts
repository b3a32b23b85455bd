// Inventory: AKS clusters and ACR registries of every configured subscription, page by page.
import { transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { fetchManagedClusterPages, fetchRegistryPages } from './fetch';
import { fetchKubernetesVersions, toKubernetesVersionRows } from './kubernetes-versions';
import { toClusterRow, toRegistryRow } from './transform';

async function* runInventory(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  // Regions whose supported Kubernetes versions were read this run (once per region, whatever the subscription).
  const locationsRead = new Set<string>();
  for (const subscriptionId of azure.subscriptionIds) {
    // No subscriptions API client is installed, so the display name is unknown here; the store keeps any it has.
    yield { subscriptions: [{ id: subscriptionId, displayName: null }] };
    let page = 0;
    for await (const items of fetchManagedClusterPages(azure, subscriptionId, signal)) {
      page += 1;
      const clusters = transformEach(items, 'managed cluster', toClusterRow);
      progress?.(`inventory ${subscriptionId}: clusters page ${page}: ${clusters.length}`);
      yield { clusters };
      for (const location of new Set(clusters.flatMap((c) => (c.location ? [c.location.toLowerCase()] : [])))) {
        if (locationsRead.has(location)) continue;
        locationsRead.add(location);
        yield { kubernetesVersions: toKubernetesVersionRows(location, await fetchKubernetesVersions(azure, subscriptionId, location, signal)) };
      }
    }
    page = 0;
    for await (const items of fetchRegistryPages(azure, subscriptionId, signal)) {
      page += 1;
      const registries = transformEach(items, 'container registry', toRegistryRow);
      progress?.(`inventory ${subscriptionId}: registries page ${page}: ${registries.length}`);
      yield { registries };
    }
  }
}

export const inventoryConnector: Connector = {
  id: 'inventory',
  run: runInventory,
};

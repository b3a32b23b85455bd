// Inventory: AKS clusters and ACR registries of every configured subscription, page by page, with the configuration
// checks on each (checks.ts) as findings — the evidence of the platform, update and coverage controls.
import { transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { fetchManagedClusterPages, fetchRegistryPages } from './fetch';
import { clusterCheckFindings, registryCheckFindings } from './checks';
import { fetchKubernetesVersions, toKubernetesVersionRows, type KubernetesVersionRow } from './kubernetes-versions';
import { fetchSubscriptionDisplayName } from './subscription';
import { toClusterRow, toRegistryRow } from './transform';

async function* runInventory(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  const now = ctx.now ?? new Date();
  // Versions AKS offers per region, read once per region whatever the subscription; the version check needs them
  // before the clusters of that region are judged.
  const versionsByLocation = new Map<string, KubernetesVersionRow[]>();
  for (const subscriptionId of azure.subscriptionIds) {
    yield { subscriptions: [{ id: subscriptionId, displayName: await fetchSubscriptionDisplayName(azure, subscriptionId, signal) }] };
    let page = 0;
    for await (const items of fetchManagedClusterPages(azure, subscriptionId, signal)) {
      page += 1;
      const clusters = transformEach(items, 'managed cluster', toClusterRow);
      progress?.(`inventory ${subscriptionId}: clusters page ${page}: ${clusters.length}`);
      const kubernetesVersions: KubernetesVersionRow[] = [];
      for (const location of new Set(clusters.flatMap((c) => (c.location ? [c.location.toLowerCase()] : [])))) {
        if (versionsByLocation.has(location)) continue;
        const rows = toKubernetesVersionRows(location, await fetchKubernetesVersions(azure, subscriptionId, location, signal));
        versionsByLocation.set(location, rows);
        kubernetesVersions.push(...rows);
      }
      const findings = clusters.flatMap((c) => clusterCheckFindings(c, c.location ? versionsByLocation.get(c.location.toLowerCase()) : undefined, now));
      yield { clusters, kubernetesVersions, findings };
    }
    page = 0;
    for await (const items of fetchRegistryPages(azure, subscriptionId, signal)) {
      page += 1;
      const registries = transformEach(items, 'container registry', toRegistryRow);
      progress?.(`inventory ${subscriptionId}: registries page ${page}: ${registries.length}`);
      yield { registries, findings: registries.flatMap(registryCheckFindings) };
    }
  }
}

export const inventoryConnector: Connector = {
  id: 'inventory',
  run: runInventory,
};

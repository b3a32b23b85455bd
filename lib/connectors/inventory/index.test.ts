import { describe, expect, it } from 'vitest';
import { exampleItems } from '../testing/examples';
import { collect, fakeArmSettings, pagedList, type FakeRoute } from '../testing/fake-arm';
import { fetchManagedClusterPages } from './fetch';
import { inventoryConnector } from './index';

const SUB = '00000000-0000-0000-0000-000000000000';

function clusters(n: number): unknown[] {
  const [template] = exampleItems('containerservice/2026-02-01/ManagedClustersList.json') as Record<string, unknown>[];
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    name: `aks-${i}`,
    id: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-${i}`,
    tags: { Team: `team-${i % 2}` },
  }));
}

const registries = exampleItems('containerregistry/2025-11-01/RegistryList.json');

/** ManagedClusters_ListKubernetesVersions for any region: the documented `{ values: [...] }` body. */
const kubernetesVersions: FakeRoute = ({ method, url }) => {
  const match = /\/locations\/([^/]+)\/kubernetesVersions$/i.exec(url.pathname);
  if (method !== 'GET' || !match) return undefined;
  return {
    body: {
      values: [
        { version: '1.32', capabilities: { supportPlan: ['KubernetesOfficial'] }, isDefault: true, patchVersions: { '1.32.6': { upgrades: ['1.33.2'] } } },
        { version: '1.33', capabilities: { supportPlan: ['KubernetesOfficial'] }, isPreview: true, patchVersions: { '1.33.2': { upgrades: [] } } },
      ],
    },
  };
};

describe('inventory fetch (modular SDK clients)', () => {
  it('yields the raw REST JSON of every page, nextLink pages included', async () => {
    const azure = fakeArmSettings([pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, clusters(5), 2)], [SUB]);
    const pages = await collect(fetchManagedClusterPages(azure, SUB));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    // REST shape, not the SDK's camelCase model: `properties` is still nested and `enableRBAC` keeps its spelling.
    expect(pages[2]?.[0]).toMatchObject({ name: 'aks-4', properties: { enableRBAC: false, networkProfile: { networkPlugin: 'kubenet' } } });
    expect(azure.requests.filter((r) => r.includes('skiptoken'))).toHaveLength(2);
  });
});

describe('inventoryConnector.run', () => {
  it('yields subscriptions, clusters and registries page by page', async () => {
    const routes: FakeRoute[] = [
      kubernetesVersions,
      pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, clusters(3), 2),
      pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`, registries, 10),
    ];
    const batches = await collect(inventoryConnector.run({ azure: fakeArmSettings(routes, [SUB]) }));
    expect(batches[0]).toEqual({ subscriptions: [{ id: SUB, displayName: null }] });
    const clusterRows = batches.flatMap((b) => b.clusters ?? []);
    expect(clusterRows.map((c) => [c.name, c.team])).toEqual([
      ['aks-0', 'team-0'],
      ['aks-1', 'team-1'],
      ['aks-2', 'team-0'],
    ]);
    expect(batches.flatMap((b) => b.registries ?? []).map((r) => r.loginServer)).toEqual(['myRegistry.azurecr.io']);
    // Every cluster is in location1: its supported versions are read once, not once per cluster page.
    expect(batches.flatMap((b) => b.kubernetesVersions ?? [])).toEqual([
      { location: 'location1', version: '1.32', isPreview: false, isDefault: true, supportPlans: ['KubernetesOfficial'], patchVersions: ['1.32.6'] },
      { location: 'location1', version: '1.33', isPreview: true, isDefault: false, supportPlans: ['KubernetesOfficial'], patchVersions: ['1.33.2'] },
    ]);
  });

  it('names each subscription from Subscriptions_Get; a name it may not read is unknown, any other failure fails the run', async () => {
    const sub = (status: number, body: unknown): FakeRoute => ({ method, url }) =>
      method === 'GET' && url.pathname === `/subscriptions/${SUB}` ? { status, body } : undefined;
    const empty = [pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, [], 5), pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`, [], 5)];
    const named = await collect(inventoryConnector.run({ azure: fakeArmSettings([sub(200, { subscriptionId: SUB, displayName: 'Payments prod', state: 'Enabled' }), ...empty], [SUB]) }));
    expect(named[0]).toEqual({ subscriptions: [{ id: SUB, displayName: 'Payments prod' }] });
    const forbidden = await collect(inventoryConnector.run({ azure: fakeArmSettings([sub(403, { error: { code: 'AuthorizationFailed', message: 'no' } }), ...empty], [SUB]) }));
    expect(forbidden[0]).toEqual({ subscriptions: [{ id: SUB, displayName: null }] });
    await expect(collect(inventoryConnector.run({ azure: fakeArmSettings([sub(400, { error: { code: 'BadRequest', message: 'broken' } }), ...empty], [SUB]) }))).rejects.toThrow(
      new RegExp(`subscription ${SUB} failed: HTTP 400`),
    );
  });

  it('throws when the supported versions of a region cannot be read', async () => {
    const azure = fakeArmSettings([pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, clusters(1), 5)], [SUB]);
    await expect(collect(inventoryConnector.run({ azure }))).rejects.toThrow(/Kubernetes versions of location1 failed: HTTP 404/);
  });

  it('throws when a page fails, so the run is marked failed', async () => {
    const failing: FakeRoute = ({ url }) =>
      url.pathname.includes('registries') ? { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no read on registries' } } } : undefined;
    const azure = fakeArmSettings([failing, kubernetesVersions, pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, clusters(1), 5)], [SUB]);
    await expect(collect(inventoryConnector.run({ azure }))).rejects.toThrow(/no read on registries/);
  });

  it('throws on a malformed record, naming it', async () => {
    const azure = fakeArmSettings(
      [pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, [...clusters(1), { name: 'no-id' }], 5)],
      [SUB],
    );
    await expect(collect(inventoryConnector.run({ azure }))).rejects.toThrow('Malformed managed cluster at [1]: missing id');
  });
});

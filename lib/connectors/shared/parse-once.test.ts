// Each page an Azure listing answers is JSON-parsed once on its way to a transform, whichever SDK generation reads it,
// and reaches the transform in the REST shape (nested `properties`, dates as strings) — the fields the finding page
// shows. The parse point for the SDKs, core-client-rest and this code alike is JSON.parse, so a spy on it counts them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchAssessmentPages } from '../defender-assessment/fetch';
import { fetchContainerVulnerabilityPages, fetchSubscriptionSubAssessmentPages } from '../defender-vulnerability/fetch';
import { fetchKubernetesVersions } from '../inventory/kubernetes-versions';
import { fetchManagedClusterPages, fetchRegistryPages } from '../inventory/fetch';
import { fetchPolicyStatePages } from '../policy-state/fetch';
import { createSentinelClient } from '../sentinel-incident/client';
import { fetchIncidentPages } from '../sentinel-incident/fetch';
import { FAKE_ARM, collect, fakeArmSettings, pagedList, type FakeRoute } from '../testing/fake-arm';

const SUB = '11111111-1111-1111-1111-111111111111';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws`;

/** REST-shaped records whose ids say which listing and item they are; `properties` stays nested as ARM sends it. */
function records(kind: string, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `/subscriptions/${SUB}/providers/Test/${kind}/item-${i}`,
    name: `item-${i}`,
    properties: { status: { code: 'Unhealthy' }, timeGenerated: '2026-11-30T08:00:00Z', additionalData: { source: kind } },
  }));
}

const parses = () => vi.spyOn(JSON, 'parse');

/** How many JSON.parse calls saw each page, a page being known by the quoted id of its first record. */
function parsesPerPage(spy: ReturnType<typeof parses>, pages: unknown[][]): number[] {
  const texts = spy.mock.calls.map(([text]) => text).filter((text): text is string => typeof text === 'string');
  return pages.map((page) => {
    const first = page[0] as { id: string };
    return texts.filter((text) => text.includes(`"${first.id}"`)).length;
  });
}

/** Policy Insights' paging: a POST query, then GETs of `@odata.nextLink`. */
function odataPages(path: string, items: unknown[], pageSize: number): FakeRoute {
  return ({ method, url }) => {
    if (url.pathname !== path || (method === 'GET' && !url.searchParams.has('$skiptoken'))) return undefined;
    const start = Number(url.searchParams.get('$skiptoken') ?? '0');
    const end = start + pageSize;
    const next = end < items.length ? `${FAKE_ARM}${path}?api-version=2024-10-01&$skiptoken=${end}` : null;
    return { body: { '@odata.context': 'ctx', '@odata.count': items.slice(start, end).length, '@odata.nextLink': next, value: items.slice(start, end) } };
  };
}

function resourceGraph(items: unknown[], pageSize: number): FakeRoute {
  return ({ method, url, body }) => {
    if (method !== 'POST' || url.pathname !== '/providers/Microsoft.ResourceGraph/resources') return undefined;
    const start = Number((body as { options?: { $skipToken?: string } }).options?.$skipToken ?? '0');
    const end = start + pageSize;
    const data = items.slice(start, end);
    return { body: { totalRecords: items.length, count: data.length, resultTruncated: 'false', data, ...(end < items.length ? { $skipToken: String(end) } : {}) } };
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('each page of an Azure listing is parsed once and keeps the REST shape', () => {
  it('core-client pagers with nextLink: assessments and sub-assessments (arm-security)', async () => {
    const assessments = records('assessments', 5);
    const subAssessments = records('subAssessments', 3);
    const azure = fakeArmSettings(
      [
        pagedList(`/subscriptions/${SUB}/providers/Microsoft.Security/assessments`, assessments, 2),
        pagedList(`/subscriptions/${SUB}/providers/Microsoft.Security/subAssessments`, subAssessments, 2),
      ],
      [SUB],
    );
    const spy = parses();
    const assessmentPages = await collect(fetchAssessmentPages(azure, SUB));
    const subAssessmentPages = await collect(fetchSubscriptionSubAssessmentPages(azure, SUB));
    expect(assessmentPages).toEqual([assessments.slice(0, 2), assessments.slice(2, 4), assessments.slice(4)]);
    expect(subAssessmentPages).toEqual([subAssessments.slice(0, 2), subAssessments.slice(2)]);
    expect(parsesPerPage(spy, assessmentPages)).toEqual([1, 1, 1]);
    expect(parsesPerPage(spy, subAssessmentPages)).toEqual([1, 1]);
  });

  it('a core-client pager with @odata.nextLink: policy states page on past the first page', async () => {
    const path = `/subscriptions/${SUB}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults`;
    const states = records('policyStates', 5);
    const spy = parses();
    const pages = await collect(fetchPolicyStatePages(fakeArmSettings([odataPages(path, states, 2)], [SUB]), SUB));
    expect(pages).toEqual([states.slice(0, 2), states.slice(2, 4), states.slice(4)]);
    expect(parsesPerPage(spy, pages)).toEqual([1, 1, 1]);
  });

  it('a core-client operation: Resource Graph pages', async () => {
    const rows = records('subassessments', 3);
    const spy = parses();
    const pages = await collect(fetchContainerVulnerabilityPages(fakeArmSettings([resourceGraph(rows, 2)], [SUB])));
    expect(pages).toEqual([rows.slice(0, 2), rows.slice(2)]);
    expect(parsesPerPage(spy, pages)).toEqual([1, 1]);
  });

  it('modular clients: managed clusters, registries and Kubernetes versions (arm-containerservice, arm-containerregistry)', async () => {
    const clusters = records('managedClusters', 3);
    const registries = records('registries', 2);
    const versions = { values: [{ version: '1.33', isDefault: true, patchVersions: { '1.33.2': { upgrades: [] } }, id: 'versions-westeurope' }] };
    const azure = fakeArmSettings(
      [
        pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, clusters, 2),
        pagedList(`/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`, registries, 1),
        ({ url }) => (url.pathname.endsWith('/locations/westeurope/kubernetesVersions') ? { body: versions } : undefined),
      ],
      [SUB],
    );
    const spy = parses();
    const clusterPages = await collect(fetchManagedClusterPages(azure, SUB));
    const registryPages = await collect(fetchRegistryPages(azure, SUB));
    const versionBody = await fetchKubernetesVersions(azure, SUB, 'westeurope');
    expect(clusterPages).toEqual([clusters.slice(0, 2), clusters.slice(2)]);
    expect(registryPages).toEqual([registries.slice(0, 1), registries.slice(1)]);
    expect(versionBody).toEqual(versions);
    expect(parsesPerPage(spy, clusterPages)).toEqual([1, 1]);
    expect(parsesPerPage(spy, registryPages)).toEqual([1, 1]);
    expect(parsesPerPage(spy, [versions.values])).toEqual([1]);
    // Through each client's own pipeline at the api-version its SDK speaks.
    expect(azure.requests[0]).toBe(`GET /subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-04-01`);
  });

  it('raw ARM requests through a core-client pipeline: Sentinel incidents', async () => {
    const incidents = records('incidents', 3);
    const azure = fakeArmSettings([pagedList(`${WORKSPACE}/providers/Microsoft.SecurityInsights/incidents`, incidents, 2)], [SUB]);
    const spy = parses();
    const pages = await collect(fetchIncidentPages(createSentinelClient(azure, WORKSPACE), azure, WORKSPACE));
    expect(pages).toEqual([incidents.slice(0, 2), incidents.slice(2)]);
    expect(parsesPerPage(spy, pages)).toEqual([1, 1]);
  });
});

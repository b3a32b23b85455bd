import { describe, expect, it } from 'vitest';
import { exampleBody, exampleItems } from '../testing/examples';
import { FAKE_ARM, collect, fakeArmSettings, pagedList, type FakeRoute } from '../testing/fake-arm';
import { policyStateConnector } from './index';

const SUB = 'fffedd8f-ffff-fffd-fffd-fffed2f84852';
const STATES = `/subscriptions/${SUB}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults`;
const SUMMARY = `/subscriptions/${SUB}/providers/Microsoft.PolicyInsights/policyStates/latest/summarize`;
const EXEMPTIONS = `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyExemptions`;

function states(n: number): unknown[] {
  const [template] = exampleItems('policyinsights/2024-10-01/PolicyEvents_QuerySubscriptionScope.json') as Record<string, string>[];
  return Array.from({ length: n }, (_, i) => ({ ...template, resourceId: `${template?.resourceId ?? ''}-${i}` }));
}

/** Policy Insights paging: the query is a POST; `@odata.nextLink` (GET) carries a $skiptoken. */
function odataPages(path: string, items: unknown[], pageSize: number): FakeRoute {
  return ({ method, url }) => {
    if (url.pathname.toLowerCase() !== path.toLowerCase()) return undefined;
    if (method !== 'POST' && !(method === 'GET' && url.searchParams.has('$skiptoken'))) return undefined;
    const start = Number(url.searchParams.get('$skiptoken') ?? '0');
    const end = start + pageSize;
    const next = end < items.length ? `${FAKE_ARM}${path}?api-version=2024-10-01&$skiptoken=${end}` : null;
    return { body: { '@odata.nextLink': next, '@odata.context': 'ctx', '@odata.count': Math.min(pageSize, items.length - start), value: items.slice(start, end) } };
  };
}

const summary: FakeRoute = ({ method, url }) =>
  method === 'POST' && url.pathname === SUMMARY ? { body: exampleBody('policyinsights/2024-10-01/PolicyStates_SummarizeSubscriptionScope.json') } : undefined;

const exemption = {
  id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.Authorization/policyExemptions/ex`,
  name: 'ex',
  type: 'Microsoft.Authorization/policyExemptions',
  properties: { policyAssignmentId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/a`, exemptionCategory: 'Mitigated' },
};

describe('policyStateConnector.run', () => {
  it('follows @odata.nextLink through every page, then reads exemptions and the summary', async () => {
    const azure = fakeArmSettings([odataPages(STATES, states(5), 2), pagedList(EXEMPTIONS, [exemption], 10), summary], [SUB]);
    const batches = await collect(policyStateConnector.run({ azure }));
    expect(batches.flatMap((b) => b.policy?.states ?? [])).toHaveLength(5);
    expect(batches.flatMap((b) => b.findings ?? [])).toHaveLength(5);
    expect(batches.flatMap((b) => b.policy?.exemptions ?? []).map((e) => e.category)).toEqual(['mitigated']);
    expect(batches.flatMap((b) => b.policy?.summaries ?? []).map((s) => s.nonCompliantResources)).toEqual([619]);
    expect(azure.requests.filter((r) => r.startsWith(`POST ${STATES}`))).toHaveLength(1);
    expect(azure.requests.filter((r) => r.startsWith(`GET ${STATES}`) && r.includes('skiptoken'))).toHaveLength(2);
  });

  it('throws with the ARM error when the policy query of a subscription fails', async () => {
    const other = '99999999-9999-9999-9999-999999999999';
    const failing: FakeRoute = ({ url }) =>
      url.pathname.startsWith(`/subscriptions/${other}/`) ? { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no policy read' } } } : undefined;
    const azure = fakeArmSettings([failing, odataPages(STATES, states(1), 2), pagedList(EXEMPTIONS, [], 10), summary], [SUB, other]);
    await expect(collect(policyStateConnector.run({ azure }))).rejects.toThrow(`policy states of subscription ${other}, page 1 failed: HTTP 403 AuthorizationFailed: no policy read`);
  });
});

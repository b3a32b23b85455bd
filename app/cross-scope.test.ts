// Cross-scope: a developer of team A must not reach team B's cluster or findings by guessing ids, in URLs
// (pages, route handlers) or in query/body parameters. Out-of-scope answers exactly like "does not exist": 404.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_GROUPS } from '@/lib/auth/demo-users';
import { renderPage, sessionFor } from '@/lib/auth/testing/route-harness';
import { testSession } from '@/lib/auth/testing/mock-next';
import { FIXTURE, useScopeFixtureDatabase } from '@/lib/auth/testing/seed-scope-fixture';
import { viewerOf } from '@/lib/auth/testing/viewer-of';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
vi.mock('next/headers', async () => (await import('@/lib/auth/testing/mock-next')).headersModule);
vi.mock('next/cache', async () => (await import('@/lib/auth/testing/mock-next')).cacheModule);

type PageFn = Parameters<typeof renderPage>[0];
const developerA = sessionFor('developer', { groups: [DEMO_GROUPS.teamA.id], oid: 'dev-a' });
const operatorB = sessionFor('app-operator', { groups: [DEMO_GROUPS.teamB.id], oid: 'ops-b' });

const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });


describe('scope resolution from the groups claim', () => {
  it('gives team A developer only team A cluster, team B operator only team B cluster', async () => {
    expect((await viewerOf(developerA)).scope).toEqual({ kind: 'limited', clusterIds: [FIXTURE.teamA.clusterId], subscriptionIds: [] });
    expect((await viewerOf(operatorB)).scope).toEqual({ kind: 'limited', clusterIds: [FIXTURE.teamB.clusterId], subscriptionIds: [] });
  });
});

describe('ids in URLs (pages)', () => {
  it('cluster page: own cluster renders, the other team’s answers 404', async () => {
    const { default: page } = (await import('@/app/(dashboard)/clusters/[id]/[rg]/[name]/page')) as unknown as { default: PageFn };
    const a = { id: FIXTURE.teamA.subscriptionId, rg: 'rg-payments', name: 'aks-payments' };
    const b = { id: FIXTURE.teamB.subscriptionId, rg: 'rg-storefront', name: 'aks-storefront' };
    testSession.current = developerA;
    expect(await renderPage(page, a)).toEqual({ kind: 'rendered' });
    // ARM compares ids case-insensitively, so does the address.
    expect(await renderPage(page, { ...a, rg: 'RG-Payments', name: 'AKS-PAYMENTS' })).toEqual({ kind: 'rendered' });
    expect(await renderPage(page, b)).toEqual({ kind: 'not-found' });
    testSession.current = operatorB;
    expect(await renderPage(page, a)).toEqual({ kind: 'not-found' });
  });

  it('old hashed cluster address: own cluster moves to its readable address, the other team’s answers 404', async () => {
    const { default: page } = (await import('@/app/(dashboard)/clusters/[id]/page')) as unknown as { default: PageFn };
    testSession.current = developerA;
    expect(await renderPage(page, { id: FIXTURE.teamA.clusterId })).toMatchObject({ kind: 'redirect', to: `/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-payments` });
    expect(await renderPage(page, { id: FIXTURE.teamB.clusterId })).toEqual({ kind: 'not-found' });
  });

  it('finding page: own finding renders, the other team’s answers 404', async () => {
    const { default: page } = (await import('@/app/(dashboard)/findings/[id]/page')) as unknown as { default: PageFn };
    testSession.current = developerA;
    expect(await renderPage(page, { id: fixture.findings.findingA })).toEqual({ kind: 'rendered' });
    expect(await renderPage(page, { id: fixture.findings.findingB })).toEqual({ kind: 'not-found' });
  });
});

describe('ids in parameters (data layer the pages and handlers call)', () => {
  it('getCluster and getFinding refuse the other team’s ids with NOT_FOUND', async () => {
    const viewer = await viewerOf(developerA);
    const { getCluster } = await import('@/lib/data/clusters');
    const { getFinding } = await import('@/lib/data/findings');
    await expect(getCluster(viewer, FIXTURE.teamB.clusterId, fixture.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getFinding(viewer, fixture.findings.findingB, fixture.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getCluster(viewer, FIXTURE.teamA.clusterId, fixture.prisma)).resolves.toBeDefined();
  });

  it('list filters naming the other team’s cluster return nothing, never its rows', async () => {
    const viewer = await viewerOf(developerA);
    const { listClusters } = await import('@/lib/data/clusters');
    const { listFindings } = await import('@/lib/data/findings');
    const { findingFiltersSchema } = await import('@/lib/validation/findings');
    expect((await listClusters(viewer, fixture.prisma)).map((c) => c.id)).toEqual([FIXTURE.teamA.clusterId]);
    const other = await listFindings(viewer, findingFiltersSchema.parse({ cluster: FIXTURE.teamB.clusterId, status: 'all' }), fixture.prisma);
    expect(JSON.stringify(other)).not.toContain(FIXTURE.teamB.clusterId);
    const all = await listFindings(viewer, findingFiltersSchema.parse({ status: 'all' }), fixture.prisma);
    expect(JSON.stringify(all)).toContain('Finding of payments');
    expect(JSON.stringify(all)).not.toContain('Finding of storefront');
    // The text search (scope ANDed with the trigram bitmap) and the cluster page's table (scope's arms per cluster
    // view) are separate paths through the scope helper: neither may reach the other team's rows.
    const search = await listFindings(viewer, findingFiltersSchema.parse({ q: 'Finding of', status: 'all' }), fixture.prisma);
    expect(search.items.map((f) => f.title)).toEqual(expect.arrayContaining(['Finding of payments']));
    expect(JSON.stringify(search)).not.toContain('Finding of storefront');
    const { listFindingRows, countFindingRows } = await import('@/lib/data/cluster-findings');
    const theirs = { status: 'all' as const, severity: [], cluster: FIXTURE.teamB.clusterId, includeRunningImages: true };
    expect((await listFindingRows(viewer, theirs, { limit: 50 }, fixture.prisma)).items).toEqual([]);
    expect(await countFindingRows(viewer, theirs, fixture.prisma)).toBe(0);
    const ours = { ...theirs, cluster: FIXTURE.teamA.clusterId };
    expect((await listFindingRows(viewer, ours, { limit: 50 }, fixture.prisma)).items.map((r) => r.title)).toContain('Finding of payments');
  });
});

describe('summary reads (overview, stats, clusters list, findings total, trend) count only the viewer’s scope', () => {
  it('agree with a direct count of the viewer’s own findings, and 404 on the other team’s cluster', async () => {
    const viewer = await viewerOf(developerA);
    const { getPostureOverview } = await import('@/lib/data/posture');
    const { getFindingStats } = await import('@/lib/data/stats');
    const { listClusterPage } = await import('@/lib/data/clusters');
    const { listFindings } = await import('@/lib/data/findings');
    const { getOpenTrend } = await import('@/lib/data/trends');
    const { findingFiltersSchema } = await import('@/lib/validation/findings');
    const { clusterListSchema } = await import('@/lib/validation/clusters');
    const mineOpen = await fixture.prisma.finding.count({ where: { status: 'open', clusterId: FIXTURE.teamA.clusterId } });
    const allOpen = await fixture.prisma.finding.count({ where: { status: 'open' } });
    expect(mineOpen).toBeGreaterThan(0);
    expect(allOpen).toBeGreaterThan(mineOpen);
    expect((await getPostureOverview(viewer, {}, fixture.prisma)).openTotal).toBe(mineOpen);
    expect((await getFindingStats(viewer, fixture.prisma)).findings.open).toBe(mineOpen);
    expect((await listFindings(viewer, findingFiltersSchema.parse({}), fixture.prisma)).total).toBe(mineOpen);
    expect((await listFindings(viewer, findingFiltersSchema.parse({ cluster: FIXTURE.teamB.clusterId }), fixture.prisma)).total).toBe(0);
    const page = await listClusterPage(viewer, clusterListSchema.parse({ sort: 'open' }), fixture.prisma);
    expect(page.items.map((c) => c.id)).toEqual([FIXTURE.teamA.clusterId]);
    expect(page.items[0]!.openTotal).toBe(mineOpen);
    await expect(getPostureOverview(viewer, { clusterId: FIXTURE.teamB.clusterId }, fixture.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getOpenTrend(viewer, { clusterId: FIXTURE.teamB.clusterId }, fixture.prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

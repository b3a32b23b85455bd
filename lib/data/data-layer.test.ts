import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import type { SourceBatch } from '../connectors/types';
import type { PrismaClient } from '../generated/prisma/client';
import type { ClusterRow, FindingRow } from '../domain/rows';
import { createPrisma } from '../db/prisma-factory';
import { resourceKeyOf } from '../sync/cluster-id';
import { runBatches } from '../sync/run-source';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { findingFiltersSchema } from '../validation/findings';
import { getCluster, listClusters } from './clusters';
import { getFinding, listFindings } from './findings';
import { getPostureOverview } from './posture';
import { getFindingStats } from './stats';

const SUB_A = '00000000-0000-0000-0000-0000000000aa';
const SUB_B = '00000000-0000-0000-0000-0000000000bb';
const armOf = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const A = armOf(SUB_A, 'aks-a');
const B = armOf(SUB_B, 'aks-b');
const DIGEST = `sha256:${'a'.repeat(64)}`;

const cluster = (armId: string, sub: string, name: string, team: string): ClusterRow => ({
  armId, subscriptionId: sub, resourceGroup: 'rg', name, location: 'westeurope', kubernetesVersion: '1.30.1', provisioningState: 'Succeeded',
  fqdn: null, rbacEnabled: true, networkPolicy: null, team, tags: { team }, raw: {},
});

const finding = (key: string, clusterArmId: string, sub: string, over: Partial<FindingRow> = {}): FindingRow => ({
  sourceKey: `${clusterArmId}/${key}`, kind: 'vulnerability', ruleId: key, title: `${key} in openssl 3.0.2`, description: null, remediation: null,
  severity: 'high', status: 'open', resourceId: clusterArmId, resourceType: 'Microsoft.ContainerService/managedClusters', subscriptionId: sub,
  clusterArmId, registryArmId: null, imageDigest: DIGEST, stage: null, controlId: null, firstSeenAt: new Date('2026-11-01T00:00:00Z'),
  sourceUpdatedAt: null, resolvedAt: null, raw: {}, ...over,
});

async function* once(b: SourceBatch): AsyncIterable<SourceBatch> {
  yield b;
}

describe('data access layer: scope inside every query', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const teamA: Viewer = { id: 'dev-a', name: 'Dev A', email: null, roles: ['developer'], scope: { kind: 'limited', clusterIds: [resourceKeyOf(A)], subscriptionIds: [] } };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await runBatches(db.pool, 'inventory', once({ clusters: [cluster(A, SUB_A, 'aks-a', 'payments'), cluster(B, SUB_B, 'aks-b', 'storefront')] }), { trigger: 'cli', sweep: true });
    const findings = [
      ...Array.from({ length: 7 }, (_, i) => finding(`CVE-2026-000${i}`, A, SUB_A, { severity: i < 2 ? 'critical' : 'high' })),
      ...Array.from({ length: 5 }, (_, i) => finding(`CVE-2026-100${i}`, B, SUB_B)),
      finding('CVE-2026-9999', A, SUB_A, { status: 'resolved', resolvedAt: new Date('2026-11-20T00:00:00Z') }),
    ];
    await runBatches(
      db.pool,
      'defender-vulnerability',
      once({ images: [{ digest: DIGEST, registryArmId: null, repository: 'shop/api', tags: ['1.4.2'], lastPushedAt: null }], findings }),
      { trigger: 'cli', sweep: true },
    );
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('lists only the viewer\'s clusters, and another team\'s cluster is not found', async () => {
    expect((await listClusters(teamA, prisma)).map((c) => c.name)).toEqual(['aks-a']);
    expect((await listClusters(SYSTEM_VIEWER, prisma)).map((c) => c.name)).toEqual(['aks-a', 'aks-b']);
    await expect(getCluster(teamA, resourceKeyOf(B), prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPostureOverview(teamA, { clusterId: resourceKeyOf(B) }, prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts and lists findings within scope only; a guessed id of another team answers not found', async () => {
    const filters = findingFiltersSchema.parse({});
    const mine = await listFindings(teamA, filters, prisma);
    expect(mine.total).toBe(7);
    expect(mine.items.every((f) => f.cluster?.name === 'aks-a')).toBe(true);
    expect((await listFindings(SYSTEM_VIEWER, filters, prisma)).total).toBe(12);
    const theirs = (await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ cluster: resourceKeyOf(B) }), prisma)).items[0]!;
    await expect(getFinding(teamA, theirs.id, prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getFinding(SYSTEM_VIEWER, theirs.id, prisma)).runningIn).toEqual([]);
    expect((await getFindingStats(teamA, prisma)).findings).toMatchObject({ open: 7, total: 8 });
    const overview = await getPostureOverview(teamA, {}, prisma);
    expect(overview.openTotal).toBe(7);
    expect(overview.open).toMatchObject({ critical: 2, high: 5 });
  });

  it('pages with a stable cursor, most severe first, and names the image', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ limit: '5', ...(cursor ? { cursor } : {}) }), prisma);
      seen.push(...page.items.map((f) => f.id));
      if (seen.length === page.items.length) expect(page.items.slice(0, 2).map((f) => f.severity)).toEqual(['critical', 'critical']);
      expect(page.items.every((f) => f.image === 'shop/api:1.4.2')).toBe(true);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('filters by status, severity and search text', async () => {
    const q = (p: Record<string, string>) => listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse(p), prisma);
    expect((await q({ status: 'resolved' })).total).toBe(1);
    expect((await q({ status: 'all' })).total).toBe(13);
    expect((await q({ severity: 'critical' })).total).toBe(2);
    expect((await q({ q: 'CVE-2026-100' })).total).toBe(5);
    expect((await q({ q: 'no-such-thing' })).total).toBe(0);
  });
});

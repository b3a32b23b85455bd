// The export query at size: 100,000 findings of one cluster stream out in keyset batches, every row once, in the
// table's order, while the process holds one batch at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { SEVERITIES } from '../domain/model';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { plainScopeRule } from '../testing/scope-rule';
import { countFindingRows, iterateFindingRows, listFindingRows, type FindingQuery } from './cluster-findings';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const CLUSTER = 'c0ffee000001';
const ROWS = 100_000;

describe('iterateFindingRows (CSV export)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await db.pool.query(`INSERT INTO subscriptions (id) VALUES ($1)`, [SUB]);
    await db.pool.query(
      `INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, raw, last_seen_at)
       VALUES ($1, '/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/big', $2, 'rg', 'big', '{}', now())`,
      [CLUSTER, SUB],
    );
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                             first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', 'k' || g, 'vulnerability', 'CVE-2026-' || g, 'CVE-2026-' || g || ' in libfoo, "quoted", =formula',
              (ARRAY['critical','high','medium','low','informational'])[1 + g % 5]::"Severity", 'open', '/r/' || g, $1, $2, 'operate',
              'operate-continuous-image-scanning', now(), now(), 1, '{}'
         FROM generate_series(1, ${ROWS}) g`,
      [SUB, CLUSTER],
    );
  }, 120_000);
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('streams 100,000 rows once each, most severe first, through a server-side cursor one batch at a time', async () => {
    const q = { status: 'open' as const, severity: [], cluster: CLUSTER, includeRunningImages: true };
    expect(await countFindingRows(SYSTEM_VIEWER, q, prisma)).toBe(ROWS);
    const seen = new Set<string>();
    let lastRank = 0;
    let inOrder = true;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const started = Date.now();
    for await (const row of iterateFindingRows(SYSTEM_VIEWER, q, { batch: 1000 }, db.pool)) {
      seen.add(row.id);
      const rank = SEVERITIES.indexOf(row.severity) + 1;
      if (rank < lastRank) inOrder = false;
      lastRank = rank;
      if (seen.size % 10_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    const seconds = (Date.now() - started) / 1000;
    // The figure the report quotes; the id set itself (100k strings) is the test's, not the export's.
    console.info(`export of ${seen.size} rows: ${seconds.toFixed(1)} s, heap growth ${((heapPeak - heapBefore) / 1e6).toFixed(1)} MB (incl. the test's id set)`);
    expect(seen.size).toBe(ROWS);
    expect(inOrder).toBe(true);
  }, 120_000);

  it('pages the table by keyset: consecutive pages neither overlap nor skip', async () => {
    const q = { status: 'open' as const, severity: ['high' as const], cluster: CLUSTER };
    const first = await listFindingRows(SYSTEM_VIEWER, q, { limit: 50 }, prisma);
    const second = await listFindingRows(SYSTEM_VIEWER, q, { limit: 50, cursor: first.nextCursor ?? undefined }, prisma);
    const ids = [...first.items, ...second.items].map((r) => r.id);
    expect(new Set(ids).size).toBe(100);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => b - a));
  });

  it('applies scope inside the query: a viewer of another cluster gets nothing', async () => {
    const other: Viewer = { ...SYSTEM_VIEWER, roles: ['developer'], scope: { kind: 'limited', clusterIds: ['000000000000'], subscriptionIds: [] } };
    expect(await countFindingRows(other, { status: 'all', severity: [], cluster: CLUSTER }, prisma)).toBe(0);
  });
});

// The cluster page's table and the export for limited viewers: the scope's arms (findingScopeArmsSql) and the cluster
// view's two parts (own findings, registry CVEs of the images the cluster runs) must select exactly the rows the rule
// written out plainly selects, page after page, in (severity, id DESC) order.
describe('listFindingRows and countFindingRows for limited viewers', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const C1 = 'a00000000001';
  const C2 = 'a00000000002';
  const clusterViewer: Viewer = { ...SYSTEM_VIEWER, roles: ['developer'], scope: { kind: 'limited', clusterIds: [C1], subscriptionIds: [] } };
  const subscriptionViewer: Viewer = { ...SYSTEM_VIEWER, roles: ['developer'], scope: { kind: 'limited', clusterIds: [], subscriptionIds: ['sub-b'] } };
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await db.pool.query(`INSERT INTO subscriptions (id) VALUES ('sub-a'), ('sub-b')`);
    await db.pool.query(
      `INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, raw, last_seen_at)
       VALUES ($1, 'arm/1', 'sub-a', 'rg', 'one', '{}', now()), ($2, 'arm/2', 'sub-b', 'rg', 'two', '{}', now())`,
      [C1, C2],
    );
    // Image x runs on both clusters, y on cluster two only, z nowhere.
    await db.pool.query(`INSERT INTO images (digest, repository, last_seen_at) VALUES ('sha256:x', 'x', now()), ('sha256:y', 'y', now()), ('sha256:z', 'z', now())`);
    await db.pool.query(
      `INSERT INTO workloads (cluster_id, namespace, kind, name, image_digest, last_seen_at)
       VALUES ($1, 'ns', 'Deployment', 'x', 'sha256:x', now()), ($2, 'ns', 'Deployment', 'x', 'sha256:x', now()), ($2, 'ns', 'Deployment', 'y', 'sha256:y', now())`,
      [C1, C2],
    );
    // Findings on each cluster, and registry CVEs (no cluster) of each image, some in sub-b.
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, image_digest,
                             stage, control_id, first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', 'k' || i, 'vulnerability', 'CVE-' || i, 'issue ' || i,
              (ARRAY['critical','high','medium','low','informational'])[1 + (i * 7) % 5]::"Severity",
              (ARRAY['open','open','resolved'])[1 + i % 3]::"FindingStatus", 'r/' || i,
              CASE WHEN i % 3 = 0 THEN 'sub-a' ELSE 'sub-b' END,
              CASE i % 4 WHEN 0 THEN $1 WHEN 1 THEN $2 ELSE NULL END,
              (ARRAY['sha256:x','sha256:y','sha256:z'])[1 + i % 3], 'operate', 'operate-continuous-image-scanning', now(), now(), 1, '{}'
         FROM generate_series(1, 240) i`,
      [C1, C2],
    );
  }, 120_000);
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  const rule = plainScopeRule;
  const clusterView = (id: string) => `(cluster_id = '${id}' OR (cluster_id IS NULL AND image_digest IN (SELECT image_digest FROM workloads WHERE cluster_id = '${id}')))`;
  const expected = async (where: string) =>
    (await db.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE ${where} ORDER BY severity, findings.id DESC`)).rows.map((r) => r.id);

  const cases: [string, Viewer, FindingQuery, string][] = [
    ['a cluster viewer on their cluster page', clusterViewer, { status: 'all', severity: [], cluster: C1, includeRunningImages: true }, `${rule(clusterViewer)} AND ${clusterView(C1)}`],
    ['a cluster viewer, open high and low', clusterViewer, { status: 'open', severity: ['high', 'low'], cluster: C1, includeRunningImages: true }, `status = 'open' AND severity IN ('high','low') AND ${rule(clusterViewer)} AND ${clusterView(C1)}`],
    ['a subscription viewer on a cluster page of their subscription', subscriptionViewer, { status: 'all', severity: [], cluster: C2, includeRunningImages: true }, `${rule(subscriptionViewer)} AND ${clusterView(C2)}`],
    ['a subscription viewer asking for a cluster outside it', subscriptionViewer, { status: 'all', severity: [], cluster: C1, includeRunningImages: true }, `${rule(subscriptionViewer)} AND ${clusterView(C1)}`],
    ['a cluster viewer, export without a cluster', clusterViewer, { status: 'all', severity: [] }, rule(clusterViewer)],
    ['a subscription viewer, export without a cluster', subscriptionViewer, { status: 'open', severity: [] }, `status = 'open' AND ${rule(subscriptionViewer)}`],
    ['everyone on cluster two', SYSTEM_VIEWER, { status: 'all', severity: [], cluster: C2, includeRunningImages: true }, clusterView(C2)],
  ];
  it.each(cases)('%s', async (_name, viewer, q, where) => {
    const want = await expected(where);
    for (const limit of [4, 9, 50]) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 200; guard += 1) {
        const page = await listFindingRows(viewer, q, { limit, cursor }, prisma);
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(ids).toEqual(want);
    }
    const exported: string[] = [];
    for await (const row of iterateFindingRows(viewer, q, { batch: 7 }, db.pool)) exported.push(row.id);
    expect(exported).toEqual(want);
    if (q.cluster) expect(await countFindingRows(viewer, { ...q, cluster: q.cluster }, prisma)).toBe(want.length);
  });
});

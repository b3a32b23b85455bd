// The export query at size: 100,000 findings of one cluster stream out in keyset batches, every row once, in the
// table's order, while the process holds one batch at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { SEVERITIES } from '../domain/model';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { countFindingRows, iterateFindingRows, listFindingRows } from './cluster-findings';

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

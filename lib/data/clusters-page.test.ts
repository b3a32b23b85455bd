// The clusters list is filtered, sorted and paged in the database, within the viewer's scope, with counts from
// the summaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { clusterListSchema } from '../validation/clusters';
import { listClusterPage } from './clusters';

describe('clusters list page', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  // 30 clusters a00…a29; even ones in sub-1 (team "even"), odd ones in sub-2 (team "odd"); cluster i has i open criticals.
  const ids = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(11, '0')}`);
  const scoped: Viewer = { id: 'x', name: 'X', email: null, roles: ['developer'], scope: { kind: 'limited', clusterIds: [ids[1]!], subscriptionIds: ['sub-1'] } };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await db.pool.query(`INSERT INTO subscriptions (id) VALUES ('sub-1'), ('sub-2')`);
    await db.pool.query(
      `INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at)
       SELECT id, 'arm/' || id, CASE WHEN n % 2 = 0 THEN 'sub-1' ELSE 'sub-2' END, 'rg-' || n, 'aks-' || lpad(n::text, 2, '0'),
              CASE WHEN n % 2 = 0 THEN 'even' ELSE 'odd' END, '{}', now()
         FROM unnest($1::text[]) WITH ORDINALITY AS u(id, k), LATERAL (SELECT (k - 1)::int AS n) x`,
      [ids],
    );
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage,
                             control_id, first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', c.id || '-' || g, 'vulnerability', 'CVE', 't', 'critical', 'open', 'r', c.subscription_id, c.id,
              'build', 'build-image-scanning', now(), now(), 1, '{}'
         FROM clusters c, LATERAL generate_series(1, substr(c.name, 5)::int) g`,
    );
    await db.pool.query(`UPDATE clusters SET deleted_at = now() WHERE id = $1`, [ids[28]]);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  const page = (viewer: Viewer, p: Record<string, string>) => listClusterPage(viewer, clusterListSchema.parse(p), prisma);

  it('pages by name with a total, skipping deleted clusters', async () => {
    const first = await page(SYSTEM_VIEWER, { limit: '10' });
    expect(first.total).toBe(29);
    expect(first.items.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `aks-${String(i).padStart(2, '0')}`));
    const third = await page(SYSTEM_VIEWER, { limit: '10', page: '3' });
    expect(third.items.map((c) => c.name)).toEqual(['aks-20', 'aks-21', 'aks-22', 'aks-23', 'aks-24', 'aks-25', 'aks-26', 'aks-27', 'aks-29']);
    expect(first.teams).toEqual(['even', 'odd']);
  });

  it('sorts by open findings (worst first by default) with counts from the summaries', async () => {
    const worst = await page(SYSTEM_VIEWER, { sort: 'critical', limit: '10' });
    expect(worst.items.map((c) => c.open.critical)).toEqual([29, 27, 26, 25, 24, 23, 22, 21, 20, 19]);
    const best = await page(SYSTEM_VIEWER, { sort: 'open', dir: 'asc', limit: '10' });
    expect(best.items[0]).toMatchObject({ name: 'aks-00', openTotal: 0 });
  });

  it('filters by team and by name, within scope', async () => {
    expect((await page(SYSTEM_VIEWER, { team: 'odd' })).total).toBe(15);
    expect((await page(SYSTEM_VIEWER, { q: 'AKS-1' })).items.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `aks-1${i}`));
    const mine = await page(scoped, { limit: '200' });
    // sub-1 holds the even clusters (one deleted), plus the one odd cluster granted by id.
    expect(mine.total).toBe(15);
    expect(mine.items.every((c) => c.subscriptionId === 'sub-1' || c.id === ids[1])).toBe(true);
    expect((await page(scoped, { team: 'odd' })).items.map((c) => c.id)).toEqual([ids[1]]);
  });
});

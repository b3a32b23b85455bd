// Keyset paging of the findings list against the order written out in plain SQL: every page boundary (inside a
// severity and across severities and statuses) yields each finding exactly once, in (severity, id DESC) order,
// with and without filters and scope; a text search counts up to a cap and then says so. Scoped viewers page
// through the scope's per-cluster, per-subscription and registry-image arms (findingScopeArmsSql): their pages must
// equal the scope rule written out directly, registry-scan CVEs of the images their clusters run included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { plainScopeRule } from '../testing/scope-rule';
import { findingFiltersSchema } from '../validation/findings';
import { listFindings, TOTAL_CAP } from './findings';

const SUBS = ['sub-1', 'sub-2'];
const CLUSTERS = ['c00000000001', 'c00000000002', 'c00000000003'];

describe('findings list: keyset pages at any depth', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const scoped: Viewer = { id: 'dev', name: 'Dev', email: null, roles: ['developer'], scope: { kind: 'limited', clusterIds: [CLUSTERS[0]!], subscriptionIds: ['sub-2'] } };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await db.pool.query(`INSERT INTO subscriptions (id) SELECT unnest($1::text[])`, [SUBS]);
    await db.pool.query(
      `INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, raw, last_seen_at)
       SELECT id, 'arm/' || id, CASE WHEN id = $2 THEN 'sub-2' ELSE 'sub-1' END, 'rg', 'aks-' || id, '{}', now() FROM unnest($1::text[]) id`,
      [CLUSTERS, CLUSTERS[2]],
    );
    // 240 findings spread over severities, statuses, stages, clusters and cluster-less subscription findings.
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage,
                             control_id, first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', 'k' || i, 'vulnerability', 'CVE-2026-' || i, CASE WHEN i % 7 = 0 THEN 'openssl 50%_off' ELSE 'zlib' END || ' issue ' || i,
              (ARRAY['critical','high','medium','low','informational'])[1 + (i * 7) % 5]::"Severity",
              (ARRAY['open','open','open','resolved','dismissed'])[1 + (i * 3) % 5]::"FindingStatus",
              'res/' || i, CASE WHEN i % 4 = 0 THEN 'sub-2' ELSE 'sub-1' END,
              CASE WHEN i % 4 = 0 THEN NULL ELSE ($1::text[])[1 + i % 3] END,
              (ARRAY['build','deploy'])[1 + i % 2]::"Stage", 'build-image-scanning', now(), now(), 1, '{}'
         FROM generate_series(1, 240) i`,
      [CLUSTERS],
    );
    // Registry-scan CVEs (no cluster) of three images: A runs on cluster 1, B on cluster 3 (subscription sub-2), C
    // nowhere. Some carry sub-2 (the registry's subscription), so the subscription arm and the image arm meet.
    const digests = ['sha256:aaa', 'sha256:bbb', 'sha256:ccc'];
    await db.pool.query(`INSERT INTO images (digest, repository, last_seen_at) SELECT d, 'repo/' || d, now() FROM unnest($1::text[]) d`, [digests]);
    await db.pool.query(
      `INSERT INTO workloads (cluster_id, namespace, kind, name, image_digest, last_seen_at)
       VALUES ($1, 'ns', 'Deployment', 'a', 'sha256:aaa', now()), ($2, 'ns', 'Deployment', 'b', 'sha256:bbb', now())`,
      [CLUSTERS[0], CLUSTERS[2]],
    );
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, image_digest,
                             stage, control_id, first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', 'reg' || i, 'vulnerability', 'CVE-2025-' || i, CASE WHEN i % 5 = 0 THEN 'openssl flaw' ELSE 'glibc flaw' END || ' ' || i,
              (ARRAY['critical','high','medium','low','informational'])[1 + (i * 3) % 5]::"Severity",
              (ARRAY['open','open','resolved'])[1 + i % 3]::"FindingStatus", 'res/reg/' || i,
              CASE WHEN i % 6 = 0 THEN 'sub-2' ELSE NULL END, NULL, ($1::text[])[1 + i % 3], 'build', 'build-image-scanning', now(), now(), 1, '{}'
         FROM generate_series(1, 150) i`,
      [digests],
    );
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  async function walk(viewer: Viewer, params: Record<string, string>, limit: number): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let total = -1;
    for (let guard = 0; guard < 500; guard += 1) {
      const page = await listFindings(viewer, findingFiltersSchema.parse({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) }), prisma);
      total = page.total;
      ids.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { ids, total };
  }

  const expected = async (where: string) =>
    (await db.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE ${where} ORDER BY severity, findings.id DESC`)).rows.map((r) => r.id);

  const inScope = plainScopeRule;
  const clusterOnly: Viewer = { ...scoped, scope: { kind: 'limited', clusterIds: [CLUSTERS[0]!], subscriptionIds: [] } };
  const subscriptionOnly: Viewer = { ...scoped, scope: { kind: 'limited', clusterIds: [], subscriptionIds: ['sub-2'] } };
  const twoClusters: Viewer = { ...scoped, scope: { kind: 'limited', clusterIds: [CLUSTERS[0]!, CLUSTERS[2]!], subscriptionIds: [] } };

  const cases: [string, Viewer, Record<string, string>, string][] = [
    ['open, everyone', SYSTEM_VIEWER, {}, `status = 'open'`],
    ['all statuses', SYSTEM_VIEWER, { status: 'all' }, 'TRUE'],
    ['two severities and a stage', SYSTEM_VIEWER, { severity: 'high,low', stage: 'build' }, `status = 'open' AND severity IN ('high','low') AND stage = 'build'`],
    ['one cluster, resolved', SYSTEM_VIEWER, { cluster: 'c00000000002', status: 'resolved' }, `cluster_id = 'c00000000002' AND status = 'resolved'`],
    ['scoped viewer (a cluster or a subscription)', scoped, { status: 'all' }, inScope(scoped)],
    ['scoped viewer, open', scoped, {}, `status = 'open' AND ${inScope(scoped)}`],
    ['cluster-scoped viewer: its cluster and the registry CVEs of the image it runs', clusterOnly, { status: 'all' }, inScope(clusterOnly)],
    ['subscription-scoped viewer', subscriptionOnly, { status: 'all' }, inScope(subscriptionOnly)],
    ['two clusters, two severities', twoClusters, { severity: 'critical,medium' }, `status = 'open' AND severity IN ('critical','medium') AND ${inScope(twoClusters)}`],
    ['scoped viewer, one of its clusters', scoped, { cluster: CLUSTERS[0]!, status: 'all' }, `cluster_id = '${CLUSTERS[0]}'`],
    ['scoped viewer, a cluster outside its scope', clusterOnly, { cluster: CLUSTERS[1]!, status: 'all' }, 'FALSE'],
    ['scoped viewer, text search', scoped, { q: 'openssl', status: 'all' }, `title ILIKE '%openssl%' AND ${inScope(scoped)}`],
    ['text search with LIKE wildcards taken literally', SYSTEM_VIEWER, { q: '50%_OFF' }, `status = 'open' AND title LIKE '%50\\%\\_off%'`],
  ];
  it.each(cases)('%s', async (_name, viewer, params, where) => {
    const want = await expected(where);
    if (where !== 'FALSE') expect(want.length).toBeGreaterThan(3);
    for (const limit of [3, 7, 50]) {
      const got = await walk(viewer, params, limit);
      expect(got.ids).toEqual(want);
      expect(got.total).toBe(want.length);
    }
  });

  it('refuses a cursor the viewer cannot see instead of paging from somewhere else', async () => {
    const hidden = (await db.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE cluster_id = 'c00000000002' LIMIT 1`)).rows[0]!.id;
    await expect(listFindings(scoped, findingFiltersSchema.parse({ cursor: hidden }), prisma)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('says whether text search is indexed, and still answers when the trigram index is missing', async () => {
    const before = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ q: 'openssl' }), prisma);
    expect(before.searchIndexed).toBe(true);
    expect((await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({}), prisma)).searchIndexed).toBeNull();
    await db.pool.query('DROP INDEX findings_search_trgm_idx');
    const after = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ q: 'openssl' }), prisma);
    expect(after.searchIndexed).toBe(false);
    expect(after.items.map((f) => f.id)).toEqual(before.items.map((f) => f.id));
    expect(after.total).toBe(before.total);
  });

  it('a text search counts no further than the cap and says the figure is a lower bound', async () => {
    await db.pool.query(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, stage, control_id, first_seen_at, last_seen_at, last_run_id, raw)
       SELECT 'defender-vulnerability', 'bulk' || i, 'vulnerability', 'CVE-2027-' || i, 'bulk finding', 'low', 'open', 'res/bulk', 'build',
              'build-image-scanning', now(), now(), 1, '{}' FROM generate_series(1, $1::int) i`,
      [TOTAL_CAP + 5],
    );
    const page = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ q: 'bulk' }), prisma);
    expect(page).toMatchObject({ total: TOTAL_CAP, totalIsLowerBound: true });
    expect(page.items).toHaveLength(50);
    const exact = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({}), prisma);
    expect(exact.totalIsLowerBound).toBe(false);
    expect(exact.total).toBeGreaterThan(TOTAL_CAP);
  });
});

// A cluster's team from the group-to-scope mapping, against a real database: a tag wins; of two mappings the one naming
// the cluster wins over its subscription's; the effective team reaches triage at once, the snapshots from the next
// write (past days keep theirs), the team comparison, the digest's team cut and group scopes by team; a re-sync of the
// inventory keeps it; a removed mapping or a new tag takes it away.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteGroupScope, resolveScope, saveGroupScope } from '../auth/group-scopes';
import type { Viewer } from '../auth/viewer';
import { getTeamComparison } from '../data/team-comparison';
import { getWhatChangedForDigest } from '../data/what-changed';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { clusterRow, testCluster } from '../testing/rows';
import { resourceKeyOf } from './cluster-id';
import { refreshSnapshots } from './snapshots';
import { writeDirect } from './write-batch';

const admin: Viewer = { id: 'admin-1', name: 'Admin', email: null, roles: ['admin'], scope: { kind: 'all' } };
const S1 = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const G_PLATFORM = '9a000000-0000-4000-8000-000000000001';
const G_CHECKOUT = '9a000000-0000-4000-8000-000000000002';
const G_READERS = '9a000000-0000-4000-8000-000000000003';
const tagged = testCluster(S1, 'rg', 'aks-tagged');
const loose = testCluster(S1, 'rg', 'aks-loose');
const a = testCluster(S2, 'rg', 'aks-a');
const b = testCluster(S2, 'rg', 'aks-b');
const id = (c: { armId: string }) => resourceKeyOf(c.armId);
const SOURCE = 'defender-vulnerability';
const NOW = new Date('2026-11-30T10:00:00Z');

describe('teams from the group mapping', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let client: pg.PoolClient;
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
  const teams = async () =>
    Object.fromEntries((await q('SELECT name, team, team_from_mapping FROM clusters ORDER BY name')).rows.map((r: { name: string; team: string | null; team_from_mapping: boolean }) => [r.name, [r.team, r.team_from_mapping]]));
  const syncInventory = async (rows = [clusterRow(tagged), clusterRow(loose, { team: null, tags: {} }), clusterRow(a, { team: null, tags: {} }), clusterRow(b, { team: null, tags: {} })]) => {
    await client.query('BEGIN');
    await writeDirect({ client, runId: 1n, source: 'inventory', now: NOW }, { clusters: rows });
    await client.query('COMMIT');
  };
  const mapping = (groupId: string, over: Record<string, unknown>) => saveGroupScope(prisma, admin, { groupId, ...over }, null);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    client = await db.pool.connect();
    await syncInventory();
    // A critical on each cluster since 11-20, and a triage item for aks-a's.
    for (const c of [tagged, loose, a, b]) {
      await q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, last_run_id, raw)
         VALUES ($1, $2, 'vulnerability', 'CVE-1', $2, 'critical', 'open', '/r', $3, $4, 'operate', 'c', '2026-11-20T08:00:00Z', now(), 1, '{}')`,
        [SOURCE, `CVE-1 on ${c.name}`, c.subscriptionId, id(c)],
      );
    }
    await q(`INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, source_open)
             SELECT id, source, 'vulnerability', 'critical', 0, title, cluster_id, subscription_id, NULL, first_seen_at, first_seen_at + interval '7 days', true
               FROM findings WHERE cluster_id = $1`, [id(a)]);
  });

  afterAll(async () => {
    client.release();
    await prisma.$disconnect();
    await db.drop();
  });

  it('names the team of untagged clusters; a tag wins, and a cluster-level mapping wins over its subscription\'s', async () => {
    expect(await teams()).toEqual({ 'aks-a': [null, false], 'aks-b': [null, false], 'aks-loose': [null, false], 'aks-tagged': ['payments', false] });
    await mapping(G_PLATFORM, { displayName: 'Platform', subscriptionIds: [S2], clusterIds: [id(tagged)], ownerTeam: 'platform' });
    await mapping(G_CHECKOUT, { displayName: 'Checkout', clusterIds: [id(b)], ownerTeam: 'checkout' });
    const expected = { 'aks-a': ['platform', true], 'aks-b': ['checkout', true], 'aks-loose': [null, false], 'aks-tagged': ['payments', false] };
    expect(await teams()).toEqual(expected);
    expect((await q('SELECT team FROM triage_items')).rows).toEqual([{ team: 'platform' }]);
    // The inventory sync rewrites tag teams only: the mapped ones come back in the same transaction.
    await syncInventory();
    expect(await teams()).toEqual(expected);
  });

  it('is the team of snapshots, the team comparison, the digest\'s team cut and group scopes by team', async () => {
    await refreshSnapshots(client, SOURCE, NOW);
    const teamRows = await q(`SELECT scope, sum(open)::int AS open FROM posture_snapshots WHERE day = '2026-11-29' AND scope LIKE 'team:%' GROUP BY scope ORDER BY scope`);
    expect(teamRows.rows).toEqual([{ scope: 'team:checkout', open: 1 }, { scope: 'team:payments', open: 1 }, { scope: 'team:platform', open: 1 }]);
    expect((await getTeamComparison(admin, { days: 30, now: NOW }, prisma)).map((r) => [r.team, r.openCritical])).toEqual([['platform', 1], ['checkout', 1], ['payments', 1]]); // platform first: its breach (triage) counts
    const digest = await getWhatChangedForDigest({ weekStart: new Date('2026-11-16T00:00:00Z'), team: 'platform', now: NOW }, prisma);
    expect(digest.newFindings.map((f) => f.title)).toEqual(['CVE-1 on aks-a']);
    await mapping(G_READERS, { teams: ['platform'] });
    expect(await resolveScope(prisma, { roles: ['developer'], groups: [G_READERS], unscopedRoles: ['admin'] })).toEqual({ kind: 'limited', clusterIds: [id(a)], subscriptionIds: [] });
  });

  it('a changed mapping moves the clusters and their triage items at once, and the snapshots from the next write on', async () => {
    await mapping(G_PLATFORM, { displayName: 'Platform', subscriptionIds: [S2], clusterIds: [id(tagged)], ownerTeam: 'infra' });
    expect((await teams())['aks-a']).toEqual(['infra', true]);
    expect((await q('SELECT team FROM triage_items')).rows).toEqual([{ team: 'infra' }]);
    await refreshSnapshots(client, SOURCE, new Date('2026-12-01T10:00:00Z'));
    const byDay = await q(`SELECT day::text, scope FROM posture_snapshots WHERE scope IN ('team:platform', 'team:infra') AND day >= '2026-11-29' GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(byDay.rows).toEqual([
      { day: '2026-11-29', scope: 'team:platform' },
      { day: '2026-11-30', scope: 'team:platform' },
      { day: '2026-12-01', scope: 'team:infra' },
    ]);
  });

  it('a removed mapping or a new tag takes the mapped team away; a mapping of all clusters cannot name a team', async () => {
    // Without its own mapping aks-b falls back to its subscription's; without that one too, to no team.
    await deleteGroupScope(prisma, admin, G_CHECKOUT, null);
    expect((await teams())['aks-b']).toEqual(['infra', true]);
    await deleteGroupScope(prisma, admin, G_PLATFORM, null);
    expect(await teams()).toMatchObject({ 'aks-a': [null, false], 'aks-b': [null, false] });
    expect((await q('SELECT team FROM triage_items')).rows).toEqual([{ team: null }]);
    await mapping(G_CHECKOUT, { displayName: 'Checkout', clusterIds: [id(b)], ownerTeam: 'checkout' });
    await syncInventory([clusterRow(b, { team: 'storefront', tags: { team: 'storefront' } })]);
    expect((await teams())['aks-b']).toEqual(['storefront', false]);
    await expect(mapping('9a000000-0000-4000-8000-000000000009', { allClusters: true, ownerTeam: 'everyone' })).rejects.toThrow(/cannot name their team/);
  });
});

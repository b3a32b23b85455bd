import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { refreshSnapshots } from '../sync/snapshots';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { getScoreTrend } from './secure-score-trend';
import { getTeamComparison } from './team-comparison';
import { getTrendReport } from './trends';

// Two teams' findings over November, snapshots written by the sync code itself, then read back by the page's readers.
//   payments (ca): P1 critical 11-02 → fixed 11-04 (2 d); P2 critical 11-03 → fixed 11-13 (10 d); P3 critical 11-25 open
//   storefront (cb): S1 high 11-01 → fixed 11-02 (1 d); S2 critical 10-20 open (breached: due 10-27)
const NOW = new Date('2026-11-30T10:00:00Z');

describe('trend readers over snapshots', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await q(`INSERT INTO subscriptions (id, display_name) VALUES ('sa', 'Payments'), ('sb', 'Shop')`);
    await q(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at) VALUES
      ('aaaaaaaaaaaa', '/a', 'sa', 'rg', 'aks-pay', 'payments', '{}', now()), ('bbbbbbbbbbbb', '/b', 'sb', 'rg', 'aks-shop', 'storefront', '{}', now())`);
    const add = (key: string, cluster: string, sub: string, severity: string, first: string, resolved: string | null) =>
      q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
         VALUES ('defender-vulnerability', $1, 'vulnerability', $1, $1, $2::"Severity", $3::"FindingStatus", '/r', $4, $5, 'operate', 'c', $6, $6, $7, 1, '{}')`,
        [key, severity, resolved ? 'resolved' : 'open', sub, cluster, `${first}T08:00:00Z`, resolved ? `${resolved}T09:00:00Z` : null],
      );
    await add('P1', 'aaaaaaaaaaaa', 'sa', 'critical', '2026-11-02', '2026-11-04');
    await add('P2', 'aaaaaaaaaaaa', 'sa', 'critical', '2026-11-03', '2026-11-13');
    await add('P3', 'aaaaaaaaaaaa', 'sa', 'critical', '2026-11-25', null);
    await add('S1', 'bbbbbbbbbbbb', 'sb', 'high', '2026-11-01', '2026-11-02');
    await add('S2', 'bbbbbbbbbbbb', 'sb', 'critical', '2026-10-20', null);
    const s2 = (await q(`SELECT id FROM findings WHERE source_key = 'S2'`)).rows[0].id;
    await q(`INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, source_open)
             VALUES ($1, 'defender-vulnerability', 'vulnerability', 'critical', 0, 'S2', 'bbbbbbbbbbbb', 'sb', 'storefront', '2026-10-20T08:00:00Z', '2026-10-27T08:00:00Z', true)`, [s2]);
    const score = (day: string, sub: string, control: string, current: number, max: number) =>
      q(`INSERT INTO secure_score_history (day, subscription_id, control_id, display_name, current, max, percentage, unhealthy) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`, [
        day, sub, control, control || 'ASC score', current, max, current / max,
      ]);
    await score('2026-11-28', 'sa', '', 20, 40);
    await score('2026-11-28', 'sb', '', 30, 40);
    await score('2026-11-30', 'sa', '', 30, 40); // sb has no row on the 30th: its 28th carries forward
    await score('2026-11-01', 'sa', 'mfa', 0, 10);
    await score('2026-11-30', 'sa', 'mfa', 10, 10);
    const client = await db.pool.connect();
    try {
      await refreshSnapshots(client, 'defender-vulnerability', NOW);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('reads open, new vs fixed, time to remediate and breaches for the estate', async () => {
    const r = await getTrendReport(SYSTEM_VIEWER, { days: 30, now: NOW }, prisma);
    expect(r.range).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(r.open.at(-1)).toMatchObject({ day: '2026-11-30', critical: 2, high: 0 });
    expect(r.open.find((p) => p.day === '2026-11-03')).toMatchObject({ critical: 3, high: 0 });
    // Weeks from Monday 10-26: opened S1 (11-01); 11-02: P1, S1 fixed; 11-03: P2; 11-04 P1 fixed; 11-13 P2 fixed; 11-25 P3.
    expect(r.newVsFixed).toEqual([
      { weekStart: '2026-10-26', opened: 1, fixed: 0 },
      { weekStart: '2026-11-02', opened: 2, fixed: 2 },
      { weekStart: '2026-11-09', opened: 0, fixed: 1 },
      { weekStart: '2026-11-16', opened: 0, fixed: 0 }, // quiet weeks stay on the axis (open findings kept rows)
      { weekStart: '2026-11-23', opened: 1, fixed: 0 },
      { weekStart: '2026-11-30', opened: 0, fixed: 0 },
    ]);
    expect(r.ttrBySeverity.find((t) => t.key === 'critical')).toEqual({ key: 'critical', fixed: 2, meanDays: 6, medianDays: 6 });
    expect(r.ttrBySeverity.find((t) => t.key === 'high')).toEqual({ key: 'high', fixed: 1, meanDays: 1, medianDays: 1 });
    expect(r.ttrBySeverity.find((t) => t.key === 'low')).toEqual({ key: 'low', fixed: 0, meanDays: null, medianDays: null });
    expect(r.ttrByTeam).toEqual([
      { key: 'payments', fixed: 2, meanDays: 6, medianDays: 6 },
      { key: 'storefront', fixed: 1, meanDays: 1, medianDays: 1 },
    ]);
    expect(r.breaches.at(-1)).toMatchObject({ day: '2026-11-30', critical: 1 });
  });

  it('cuts by team, and a limited viewer reads only their clusters', async () => {
    const team = await getTrendReport(SYSTEM_VIEWER, { days: 30, team: 'storefront', now: NOW }, prisma);
    expect(team.open.at(-1)).toMatchObject({ critical: 1, high: 0 });
    expect(team.ttrByTeam.map((t) => t.key)).toEqual(['storefront']);
    const limited: Viewer = { id: 'v', name: 'V', email: null, roles: ['manager'], scope: { kind: 'limited', clusterIds: ['aaaaaaaaaaaa'], subscriptionIds: [] } };
    const mine = await getTrendReport(limited, { days: 30, now: NOW }, prisma);
    expect(mine.open.at(-1)).toMatchObject({ critical: 1 });
    expect(mine.breaches).toEqual([]);
    expect(mine.ttrByTeam.map((t) => t.key)).toEqual(['payments']);
    await expect(getTrendReport(limited, { days: 30, clusterId: 'bbbbbbbbbbbb', now: NOW }, prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('compares teams: open criticals now vs 30 days ago, breaches, time to remediate, a link to their clusters', async () => {
    const rows = await getTeamComparison(SYSTEM_VIEWER, { days: 365, now: NOW }, prisma);
    expect(rows).toEqual([
      { team: 'storefront', openCritical: 1, openCritical30dAgo: 1, trend: 'flat', openHigh: 0, breaches: 1, fixed: 1, meanTtrDays: 1, medianTtrDays: 1, clustersPath: '/clusters?team=storefront' },
      { team: 'payments', openCritical: 1, openCritical30dAgo: 0, trend: 'up', openHigh: 0, breaches: 0, fixed: 2, meanTtrDays: 6, medianTtrDays: 6, clustersPath: '/clusters?team=payments' },
    ]);
  });

  it('reads the secure score per subscription and for the estate, carrying a missed day forward', async () => {
    const s = await getScoreTrend(SYSTEM_VIEWER, { days: 30, now: NOW }, prisma);
    expect(s.points).toEqual([
      { day: '2026-11-28', estate: 62.5, sa: 50, sb: 75 },
      { day: '2026-11-29', estate: 62.5, sa: 50, sb: 75 },
      { day: '2026-11-30', estate: 75, sa: 75, sb: 75 },
    ]);
    expect(s.controls).toEqual([{ controlId: 'mfa', name: 'mfa', startPercent: 0, endPercent: 100, unhealthy: 1 }]);
    const limited: Viewer = { id: 'v', name: 'V', email: null, roles: ['manager'], scope: { kind: 'limited', clusterIds: [], subscriptionIds: ['sb'] } };
    expect((await getScoreTrend(limited, { days: 30, now: NOW }, prisma)).subscriptions).toEqual([{ id: 'sb', name: 'Shop' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { getWhatChanged, getWhatChangedForDigest, mondayOf, weekBounds } from './what-changed';

// A fixed week (Monday 2026-11-23 … Sunday 2026-11-29) and rows placed just inside and just outside it, so each
// section's boundaries, severity cut, team/cluster cut and scope are checked against hand-placed records.
const WEEK = new Date('2026-11-23T00:00:00Z');
const NOW = new Date('2026-12-01T12:00:00Z');
const SUB_A = 'sub-a';
const SUB_B = 'sub-b';

describe('what changed in a week', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
    await q(`INSERT INTO subscriptions (id, display_name) VALUES ($1, 'Payments prod'), ($2, 'Shop prod')`, [SUB_A, SUB_B]);
    await q(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at) VALUES
      ('ca', '/a', $1, 'rg', 'aks-pay', 'payments', '{}', now()), ('cb', '/b', $2, 'rg', 'aks-shop', 'storefront', '{}', now())`, [SUB_A, SUB_B]);
    const finding = async (key: string, cluster: string, sub: string, severity: string, firstSeen: string, status = 'open', resolved: string | null = null) => {
      const r = await q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
         VALUES ('defender-vulnerability', $1, 'vulnerability', $1, $1, $2::"Severity", $3::"FindingStatus", '/r', $4, $5, 'operate', 'c', $6, $6, $7, 1, '{}')
         RETURNING id`,
        [key, severity, status, sub, cluster, firstSeen, resolved],
      );
      ids[key] = String(r.rows[0].id);
    };
    await finding('new-crit-a', 'ca', SUB_A, 'critical', '2026-11-23T00:00:00Z');
    await finding('new-high-b', 'cb', SUB_B, 'high', '2026-11-29T23:59:59Z');
    await finding('new-medium-a', 'ca', SUB_A, 'medium', '2026-11-25T00:00:00Z');
    await finding('before-week', 'ca', SUB_A, 'critical', '2026-11-22T23:59:59Z');
    await finding('after-week', 'ca', SUB_A, 'critical', '2026-11-30T00:00:00Z');
    await finding('fixed-high-a', 'ca', SUB_A, 'high', '2026-10-01T00:00:00Z', 'resolved', '2026-11-26T10:00:00Z');
    await finding('fixed-after', 'cb', SUB_B, 'high', '2026-10-01T00:00:00Z', 'resolved', '2026-11-30T10:00:00Z');
    // Arrived resolved this week (a passing check, a healthy assessment): evidence, neither new nor fixed.
    await finding('arrived-resolved', 'ca', SUB_A, 'high', '2026-11-24T09:00:00Z', 'resolved', '2026-11-24T09:00:00Z');
    const item = async (key: string, cluster: string, sub: string, team: string, due: string, status = 'new', acceptedUntil: string | null = null) => {
      await q(
        `INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, status, accepted_until, source_open)
         VALUES ($1, 'defender-vulnerability', 'vulnerability', 'critical', 0, $2, $3, $4, $5, '2026-11-01T00:00:00Z', $6, $7::"TriageStatus", $8, true)`,
        [ids[key], key, cluster, sub, team, due, status, acceptedUntil],
      );
    };
    await item('before-week', 'ca', SUB_A, 'payments', '2026-11-24T00:00:00Z');
    await item('new-crit-a', 'ca', SUB_A, 'payments', '2026-11-28T00:00:00Z', 'resolved');
    await item('new-high-b', 'cb', SUB_B, 'storefront', '2026-11-25T00:00:00Z', 'risk_accepted', '2026-11-27T00:00:00Z');
    await item('after-week', 'ca', SUB_A, 'payments', '2026-11-30T00:00:00Z');
    const score = (day: string, sub: string, pct: number) =>
      q(`INSERT INTO secure_score_history (day, subscription_id, control_id, display_name, current, max, percentage) VALUES ($1, $2, '', 'ASC score', $3, 50, $4)`, [
        day, sub, pct * 50, pct,
      ]);
    await score('2026-11-20', SUB_A, 0.5);
    await score('2026-11-27', SUB_A, 0.5612);
    await score('2026-11-30', SUB_A, 0.9);
    await score('2026-11-22', SUB_B, 0.7);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('bounds a week by UTC days and finds the Monday of any day', () => {
    expect(weekBounds(new Date('2026-11-23T18:00:00Z'))).toEqual({ from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') });
    expect(mondayOf(new Date('2026-11-29T23:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(mondayOf(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('lists new critical/high findings of the week, fixed ones, breaches that fell due and score moves, each with its record', async () => {
    const w = await getWhatChanged(SYSTEM_VIEWER, { weekStart: WEEK, now: NOW }, prisma);
    expect(w.week).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(w.newFindings.map((f) => f.title)).toEqual(['new-crit-a', 'new-high-b']);
    expect(w.newFindings[0]).toMatchObject({ id: ids['new-crit-a'], path: `/findings/${ids['new-crit-a']}`, clusterName: 'aks-pay', team: 'payments' });
    expect(w.fixedFindings.map((f) => f.title)).toEqual(['fixed-high-a']);
    // Open and due in the week, and an expired risk acceptance; the resolved item and the one due next week are not.
    expect(w.newBreaches.map((b) => b.title).sort()).toEqual(['before-week', 'new-high-b']);
    expect(w.newBreaches.find((b) => b.title === 'before-week')?.path).toBe(`/triage/${ids['before-week']}`);
    expect(w.totals).toEqual({ newFindings: 2, fixedFindings: 1, newBreaches: 2 });
    // Start = last score before Monday; end = last score by Sunday (a later day is not read).
    expect(w.scoreChanges).toEqual([
      { subscriptionId: SUB_A, subscriptionName: 'Payments prod', path: '/trends?subscription=sub-a', startPercent: 50, startDay: '2026-11-20', endPercent: 56.12, endDay: '2026-11-27', delta: 6.12 },
      { subscriptionId: SUB_B, subscriptionName: 'Shop prod', path: '/trends?subscription=sub-b', startPercent: 70, startDay: '2026-11-22', endPercent: 70, endDay: '2026-11-22', delta: 0 },
    ]);
  });

  it('cuts every section by team or cluster', async () => {
    const t = await getWhatChangedForDigest({ weekStart: WEEK, team: 'storefront', now: NOW }, prisma);
    expect(t.newFindings.map((f) => f.title)).toEqual(['new-high-b']);
    expect(t.fixedFindings).toEqual([]);
    expect(t.newBreaches.map((b) => b.title)).toEqual(['new-high-b']);
    expect(t.scoreChanges.map((s) => s.subscriptionId)).toEqual([SUB_B]);
    const c = await getWhatChanged(SYSTEM_VIEWER, { weekStart: WEEK, clusterId: 'ca', now: NOW }, prisma);
    expect(c.newFindings.map((f) => f.title)).toEqual(['new-crit-a']);
    expect(c.scoreChanges.map((s) => s.subscriptionId)).toEqual([SUB_A]);
  });

  it('applies the viewer scope inside each query: another cluster is not found, its rows never appear', async () => {
    const limited: Viewer = { id: 'm', name: 'M', email: null, roles: ['manager'], scope: { kind: 'limited', clusterIds: ['cb'], subscriptionIds: [] } };
    const w = await getWhatChanged(limited, { weekStart: WEEK, now: NOW }, prisma);
    expect(w.newFindings.map((f) => f.title)).toEqual(['new-high-b']);
    expect(w.fixedFindings).toEqual([]);
    expect(w.newBreaches.map((b) => b.title)).toEqual(['new-high-b']);
    // A subscription-wide score is shown only to viewers the subscription is listed for.
    expect(w.scoreChanges).toEqual([]);
    await expect(getWhatChanged(limited, { weekStart: WEEK, clusterId: 'ca', now: NOW }, prisma)).rejects.toThrow(/not found/);
    const bySub: Viewer = { ...limited, scope: { kind: 'limited', clusterIds: [], subscriptionIds: [SUB_A] } };
    const s = await getWhatChanged(bySub, { weekStart: WEEK, now: NOW }, prisma);
    expect(s.scoreChanges.map((x) => x.subscriptionId)).toEqual([SUB_A]);
    expect(s.newFindings.map((f) => f.title)).toEqual(['new-crit-a']);
  });

  it('caps lines per section but still counts them all', async () => {
    const w = await getWhatChanged(SYSTEM_VIEWER, { weekStart: WEEK, now: NOW, limit: 1 }, prisma);
    expect(w.newFindings).toHaveLength(1);
    expect(w.totals.newFindings).toBe(2);
  });
});

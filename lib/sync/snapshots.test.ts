import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { HISTORY_DAYS, rebuildSnapshots, refreshSnapshots } from './snapshots';

// Hand-placed findings and the snapshot rows they must produce, worked out by hand:
//   A ca critical  first 11-20, open            (resolved 11-27 before run 2, reopened before run 3)
//   B ca high      first 11-21, resolved 11-24  → fixed after 3 days
//   C cb critical  first 11-22, resolved 11-22  → opened and fixed the same day (0 days)
//   D —  high      first 11-10, open            (no cluster: estate only)
//   E cb critical  first 11-25, dismissed       → never counted
//   F ca high      first 11-28 (arrives between run 1 and run 2)
const SOURCE = 'defender-vulnerability';
const at = (d: string) => new Date(`${d}T10:00:00Z`);

describe('trend snapshots', () => {
  let db: TestDatabase;
  let client: pg.PoolClient;
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
  const open = async (scope: string, day: string) =>
    (await q('SELECT coalesce(sum(open), 0)::int AS open, coalesce(sum(opened), 0)::int AS opened, coalesce(sum(fixed), 0)::int AS fixed FROM posture_snapshots WHERE scope = $1 AND day = $2', [scope, day])).rows[0] as { open: number; opened: number; fixed: number };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await db.pool.connect();
    await q(`INSERT INTO subscriptions (id) VALUES ('sub')`);
    await q(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at) VALUES
      ('ca', '/a', 'sub', 'rg', 'aks-pay', 'payments', '{}', now()), ('cb', '/b', 'sub', 'rg', 'aks-shop', 'storefront', '{}', now())`);
    const add = async (key: string, cluster: string | null, severity: string, first: string, status = 'open', resolved: string | null = null) => {
      const r = await q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
         VALUES ($1, $2, 'vulnerability', $2, $2, $3::"Severity", $4::"FindingStatus", '/r', 'sub', $5, 'operate', 'c', $6, $6, $7, 1, '{}') RETURNING id`,
        [SOURCE, key, severity, status, cluster, `${first}T08:00:00Z`, resolved ? `${resolved}T09:00:00Z` : null],
      );
      ids[key] = String(r.rows[0].id);
    };
    await add('A', 'ca', 'critical', '2026-11-20');
    await add('B', 'ca', 'high', '2026-11-21', 'resolved', '2026-11-24');
    await add('C', 'cb', 'critical', '2026-11-22', 'resolved', '2026-11-22');
    await add('D', null, 'high', '2026-11-10');
    await add('E', 'cb', 'critical', '2026-11-25', 'dismissed', '2026-11-25');
    // A's SLA fell due on 11-25 and it is still open: breached from that day on.
    await q(`INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, source_open)
             VALUES ($1, $2, 'vulnerability', 'critical', 0, 'A', 'ca', 'sub', 'payments', '2026-11-20T08:00:00Z', '2026-11-25T08:00:00Z', true)`, [ids.A, SOURCE]);
    await q(`INSERT INTO policy_compliance_summary (subscription_id, cluster_id, kubernetes, policy_assignment_id, policy_assignment_name, policy_set_definition_id,
             policy_definition_id, policy_title, compliant, non_compliant, exempt, other)
             VALUES ('sub', 'ca', true, '/asg/1', 'AKS baseline', '/init/1', '/def/1', 'No privileged', 3, 1, 0, 0),
                    ('sub', 'cb', true, '/asg/1', 'AKS baseline', '/init/1', '/def/2', 'Limits', 2, 2, 0, 0)`);
  });

  afterAll(async () => {
    client.release();
    await db.drop();
  });

  it('back-fills the whole window once from first-seen and resolved dates, per estate, team and cluster', async () => {
    const r = await refreshSnapshots(client, SOURCE, at('2026-11-26'));
    expect(r.backfilledDays).toBe(HISTORY_DAYS - 1);
    expect(await open('all', '2026-11-09')).toEqual({ open: 0, opened: 0, fixed: 0 });
    expect(await open('all', '2026-11-10')).toEqual({ open: 1, opened: 1, fixed: 0 });
    expect(await open('all', '2026-11-21')).toEqual({ open: 3, opened: 1, fixed: 0 });
    expect(await open('all', '2026-11-22')).toEqual({ open: 3, opened: 1, fixed: 1 }); // C came and went
    expect(await open('all', '2026-11-24')).toEqual({ open: 2, opened: 0, fixed: 1 });
    expect(await open('all', '2026-11-26')).toEqual({ open: 2, opened: 0, fixed: 0 }); // E dismissed: never counted
    expect(await open('team:payments', '2026-11-21')).toEqual({ open: 2, opened: 1, fixed: 0 });
    expect(await open('team:storefront', '2026-11-22')).toEqual({ open: 0, opened: 1, fixed: 1 });
    expect(await open('ca', '2026-11-24')).toEqual({ open: 1, opened: 0, fixed: 1 });
    const oldest = (await q(`SELECT min(day)::text AS d FROM posture_snapshots`)).rows[0].d;
    expect(oldest).toBe('2026-11-10');
    const ttr = (await q(`SELECT day::text, severity::text, ttr_days, fixed FROM remediation_snapshots WHERE scope = 'all' ORDER BY day`)).rows;
    expect(ttr).toEqual([
      { day: '2026-11-22', severity: 'critical', ttr_days: 0, fixed: 1 },
      { day: '2026-11-24', severity: 'high', ttr_days: 3, fixed: 1 },
    ]);
    const sla = (await q(`SELECT scope, day::text, breached FROM sla_breach_snapshots ORDER BY scope, day`)).rows;
    expect(sla).toEqual(['2026-11-25', '2026-11-26'].flatMap((day) => [{ scope: 'all', day, breached: 1 }]).concat(
      ['2026-11-25', '2026-11-26'].map((day) => ({ scope: 'ca', day, breached: 1 })),
      ['2026-11-25', '2026-11-26'].map((day) => ({ scope: 'team:payments', day, breached: 1 })),
    ));
    const policy = (await q(`SELECT scope, initiative, initiative_name, compliant, non_compliant FROM policy_compliance_snapshots WHERE day = '2026-11-26' ORDER BY scope`)).rows;
    expect(policy).toEqual([
      { scope: 'all', initiative: '/init/1', initiative_name: 'AKS baseline', compliant: 5, non_compliant: 3 },
      { scope: 'ca', initiative: '/init/1', initiative_name: 'AKS baseline', compliant: 3, non_compliant: 1 },
      { scope: 'cb', initiative: '/init/1', initiative_name: 'AKS baseline', compliant: 2, non_compliant: 2 },
      { scope: 'team:payments', initiative: '/init/1', initiative_name: 'AKS baseline', compliant: 3, non_compliant: 1 },
      { scope: 'team:storefront', initiative: '/init/1', initiative_name: 'AKS baseline', compliant: 2, non_compliant: 2 },
    ]);
  });

  it('after days without a sync, writes those days and today, and never rewrites an earlier day', async () => {
    // A marker on a past day: a rewrite would replace it.
    await q(`UPDATE posture_snapshots SET open = 99 WHERE scope = 'all' AND day = '2026-11-26' AND severity = 'critical'`);
    await q(`UPDATE findings SET status = 'resolved', resolved_at = '2026-11-27T12:00:00Z' WHERE id = $1`, [ids.A]);
    await q(`UPDATE triage_items SET status = 'resolved', updated_at = '2026-11-27T12:00:00Z' WHERE finding_id = $1`, [ids.A]);
    await q(`INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
             first_seen_at, last_seen_at, last_run_id, raw) VALUES ($1, 'F', 'vulnerability', 'F', 'F', 'high', 'open', '/r', 'sub', 'ca', 'operate', 'c', '2026-11-28T08:00:00Z', now(), 1, '{}')`, [SOURCE]);
    const r = await refreshSnapshots(client, SOURCE, at('2026-11-29'));
    expect(r.backfilledDays).toBe(2);
    expect((await open('all', '2026-11-26')).open).toBe(99 + 1); // untouched: 99 critical + D
    expect(await open('all', '2026-11-27')).toEqual({ open: 1, opened: 0, fixed: 1 });
    expect(await open('all', '2026-11-28')).toEqual({ open: 2, opened: 1, fixed: 0 });
    expect(await open('all', '2026-11-29')).toEqual({ open: 2, opened: 0, fixed: 0 });
    expect((await q(`SELECT ttr_days, fixed FROM remediation_snapshots WHERE scope = 'team:payments' AND day = '2026-11-27'`)).rows).toEqual([{ ttr_days: 7, fixed: 1 }]);
    // The breach ended when the item closed on the 27th.
    expect((await q(`SELECT day::text FROM sla_breach_snapshots WHERE scope = 'all' ORDER BY day`)).rows.map((x) => x.day)).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('counts a reopened finding as open again from the reopening day, keeping the day it was fixed', async () => {
    await q(`UPDATE findings SET status = 'open', resolved_at = NULL WHERE id = $1`, [ids.A]);
    await refreshSnapshots(client, SOURCE, at('2026-11-30'));
    expect(await open('all', '2026-11-30')).toEqual({ open: 3, opened: 0, fixed: 0 });
    expect(await open('all', '2026-11-27')).toEqual({ open: 1, opened: 0, fixed: 1 });
    // A second run the same day replaces today's rows only.
    await q(`UPDATE findings SET status = 'resolved', resolved_at = '2026-11-30T11:00:00Z' WHERE source_key = 'F'`);
    const again = await refreshSnapshots(client, SOURCE, new Date('2026-11-30T15:00:00Z'));
    expect(again.backfilledDays).toBe(0);
    expect(await open('all', '2026-11-30')).toEqual({ open: 2, opened: 0, fixed: 1 });
    expect(await open('all', '2026-11-27')).toEqual({ open: 1, opened: 0, fixed: 1 });
  });

  it('rewrites the past only on an explicit rebuild', async () => {
    const r = await rebuildSnapshots(client, at('2026-11-30'));
    expect(r.sources).toEqual([SOURCE]);
    expect(await open('all', '2026-11-26')).toEqual({ open: 2, opened: 0, fixed: 0 }); // the marker is gone
    // From today's dates alone, A looks open since 11-20: the reopening history is what the daily rows kept.
    expect(await open('all', '2026-11-27')).toEqual({ open: 2, opened: 0, fixed: 0 });
    expect((await q(`SELECT count(*)::int AS n FROM policy_compliance_snapshots`)).rows[0].n).toBeGreaterThan(0);
  });

  it('an item that arrived already closed at the source breaches until the source closed it, not until the sync saw it', async () => {
    const r = await q(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                             first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
       VALUES ($1, 'I', 'alert', 'I', 'I', 'critical', 'resolved', '/r', 'sub', 'cb', 'operate', 'c', '2026-10-01T08:00:00Z', now(), '2026-10-20T09:00:00Z', 1, '{}') RETURNING id`,
      [SOURCE],
    );
    // First synced on 11-30, already resolved: the item's last update is the sync's, the source closed it on 10-20.
    await q(`INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, status, source_open, updated_at)
             VALUES ($1, $2, 'alert', 'critical', 0, 'I', 'cb', 'sub', 'storefront', '2026-10-01T08:00:00Z', '2026-10-08T08:00:00Z', 'resolved', false, '2026-11-30T10:00:00Z')`, [r.rows[0].id, SOURCE]);
    await rebuildSnapshots(client, at('2026-11-30'));
    const days = (await q(`SELECT day::text FROM sla_breach_snapshots WHERE scope = 'team:storefront' ORDER BY day`)).rows.map((x) => x.day);
    expect(days).toEqual(Array.from({ length: 12 }, (_, i) => `2026-10-${String(8 + i).padStart(2, '0')}`));
  });

  it("adds a source's SLA history on its first run with items, once, without rewriting the days already written", async () => {
    const breaches = async () =>
      Object.fromEntries((await q(`SELECT day::text, sum(breached)::int AS breached FROM sla_breach_snapshots WHERE scope = 'team:storefront' GROUP BY day ORDER BY day`)).rows.map((x) => [x.day, x.breached]));
    /** An open high item of a storefront cluster, and its finding; returns the finding's id. */
    const queue = async (source: string, kind: string, key: string, detected: string, due: string): Promise<string> => {
      const f = await q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, last_run_id, raw)
         VALUES ($1, $2, $3::"FindingKind", $2, $2, 'high', 'open', '/r', 'sub', 'cb', 'operate', 'c', $4, now(), 1, '{}') RETURNING id`,
        [source, key, kind, `${detected}T08:00:00Z`],
      );
      await q(`INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, source_open)
               VALUES ($1, $2, $3::"FindingKind", 'high', 1, $4, 'cb', 'sub', 'storefront', $5, $6, true)`, [f.rows[0].id, source, kind, key, `${detected}T08:00:00Z`, `${due}T08:00:00Z`]);
      return String(f.rows[0].id);
    };
    const before = await breaches();
    const j = await queue('defender-alert', 'alert', 'J', '2026-10-10', '2026-10-15');
    // The alerts source's first run, on a day whose SLA rows (11-30) the other source already wrote.
    await refreshSnapshots(client, 'defender-alert', at('2026-11-30'));
    const after = await breaches();
    const expected = { ...before };
    for (let d = Date.parse('2026-10-15'); d <= Date.parse('2026-11-30'); d += 86_400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      expected[day] = (before[day] ?? 0) + 1;
    }
    expect(after).toEqual(expected);
    expect(after['2026-10-16']).toBe(2); // I (due 10-08, closed 10-20) and J
    await refreshSnapshots(client, 'defender-alert', new Date('2026-11-30T18:00:00Z'));
    expect(await breaches()).toEqual(expected);
    // An incident source's first run folds J under its incident K (due 10-20): past days lose J and gain K.
    const k = await queue('sentinel-incident', 'incident', 'K', '2026-10-12', '2026-10-20');
    await q(`UPDATE triage_items SET parent_id = $1 WHERE finding_id = $2`, [k, j]);
    await refreshSnapshots(client, 'sentinel-incident', at('2026-11-30'));
    for (const day of ['2026-10-15', '2026-10-16', '2026-10-17', '2026-10-18', '2026-10-19']) expected[day] = before[day] ?? 0;
    expect(Object.fromEntries(Object.entries(await breaches()).filter(([, n]) => n !== 0))).toEqual(expected);
    // A rebuild counts every item once.
    await rebuildSnapshots(client, at('2026-11-30'));
    expect(await breaches()).toEqual(expected);
  });

  it('a record that arrived resolved (fix dated at or before the first sighting) is evidence: never open, opened or fixed, never below zero', async () => {
    await q(`INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
             first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
             VALUES ($1, 'G', 'policy', 'G', 'G', 'low', 'resolved', '/r', 'sub', 'cb', 'operate', 'c', '2026-11-25T08:00:00Z', now(), '2026-11-20T08:00:00Z', 1, '{}'),
                    ($1, 'H', 'policy', 'H', 'H', 'low', 'resolved', '/r', 'sub', 'cb', 'operate', 'c', '2026-11-26T08:00:00Z', now(), '2026-11-26T08:00:00Z', 1, '{}')`, [SOURCE]);
    await rebuildSnapshots(client, at('2026-11-30'));
    expect((await q(`SELECT count(*)::int AS n FROM posture_snapshots WHERE open < 0`)).rows[0].n).toBe(0);
    expect((await q(`SELECT opened, fixed, open FROM posture_snapshots WHERE scope = 'cb' AND day IN ('2026-11-25', '2026-11-26') AND severity = 'low'`)).rows).toEqual([]);
    // Nor do they drag time to remediate towards zero days.
    expect((await q(`SELECT count(*)::int AS n FROM remediation_snapshots WHERE scope = 'cb' AND severity = 'low'`)).rows[0].n).toBe(0);
  });
  it('a first write over rows that have no state (written before snapshot_state) makes them what the back-fill gives, instead of failing on them', async () => {
    const now = at('2026-11-30');
    await rebuildSnapshots(client, now);
    const rows = async (table: string) => (await q(`SELECT * FROM ${table} WHERE source = $1 ORDER BY 1, 2, 3, 4, 5`, [SOURCE])).rows;
    const posture = await rows('posture_snapshots');
    const remediation = await rows('remediation_snapshots');
    expect(posture.length).toBeGreaterThan(0);
    expect(remediation.length).toBeGreaterThan(0);
    // Stale rows the back-fill no longer produces, one changed number, and no state: as an older version left them.
    await q(`INSERT INTO posture_snapshots (day, scope, source, stage, severity, open, opened, fixed) VALUES ('2026-11-01', 'gone', $1, 'operate', 'low', 4, 0, 0)`, [SOURCE]);
    await q(`INSERT INTO remediation_snapshots (day, scope, source, severity, ttr_days, fixed) VALUES ('2026-11-01', 'gone', $1, 'low', 3, 1)`, [SOURCE]);
    await q(`UPDATE posture_snapshots SET open = open + 5 WHERE source = $1 AND scope = 'all' AND day = '2026-11-26'`, [SOURCE]);
    await q(`DELETE FROM snapshot_state WHERE key = $1`, [`findings:${SOURCE}`]);
    const r = await refreshSnapshots(client, SOURCE, now);
    expect(r.backfilledDays).toBe(HISTORY_DAYS - 1);
    expect(await rows('posture_snapshots')).toEqual(posture);
    expect(await rows('remediation_snapshots')).toEqual(remediation);
  });
  it("raises work_mem for its own statements only: the transaction's setting is as it was afterwards", async () => {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL work_mem = '3MB'`);
      await refreshSnapshots(client, SOURCE, at('2026-11-30'));
      expect((await client.query(`SELECT current_setting('work_mem') AS w`)).rows[0].w).toBe('3MB');
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

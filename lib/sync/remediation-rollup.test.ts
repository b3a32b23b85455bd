import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../generated/prisma/client';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { remediationRowsSql, teamRemediationSql, wholeMonthsOf } from '../data/remediation-rows';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { rebuildSnapshots, refreshSnapshots } from './snapshots';
import { createRng } from '../demo/prng';

// The monthly rollup must always equal the daily rows it sums — after the back-fill, after daily writes (one crossing a
// month boundary after a pause), and after a rebuild — and the report's reader (months inside the range from the
// rollup, partial months from the days) must give the same (scope, severity, days open) counts as the days alone.
const SOURCES = ['defender-vulnerability', 'defender-assessment'] as const;
const DAY_MS = 86_400_000;

describe('remediation_monthly', () => {
  let db: TestDatabase;
  let client: pg.PoolClient;
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
  let n = 0;
  // Seeded (the demo's generator), so a failure can be replayed.
  const random = createRng(12).next;

  /** `count` findings of each source first seen in the year before `before`, about two thirds fixed before it. */
  async function addFindings(count: number, before: Date) {
    const rows: unknown[][] = [];
    for (const source of SOURCES) {
      for (let i = 0; i < count; i += 1) {
        n += 1;
        const first = new Date(before.getTime() - Math.floor(random() * 380) * DAY_MS - Math.floor(random() * DAY_MS));
        const fixedAt = random() < 0.66 ? new Date(first.getTime() + Math.floor(random() * (before.getTime() - first.getTime()))) : null;
        const cluster = ['ca', 'cb', 'cc', null][Math.floor(random() * 4)];
        const severity = ['critical', 'high', 'medium', 'low'][Math.floor(random() * 4)];
        rows.push([source, `k${n}`, severity, fixedAt ? 'resolved' : 'open', cluster, first, fixedAt]);
      }
    }
    for (const r of rows) {
      await q(
        `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                               first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
         VALUES ($1, $2, 'vulnerability', $2, $2, $3::"Severity", $4::"FindingStatus", '/r', 'sub', $5, 'operate', 'c', $6, $6, $7, 1, '{}')`,
        r,
      );
    }
  }

  async function refreshAll(now: Date) {
    for (const source of SOURCES) await refreshSnapshots(client, source, now);
  }

  /** Months whose rollup differs from the sum of their days (empty when they agree), and how many months were compared. */
  async function mismatches() {
    const r = await q(
      `WITH d AS (SELECT date_trunc('month', day)::date AS month, scope, severity, ttr_days, sum(fixed)::int AS fixed
                    FROM remediation_snapshots GROUP BY 1, 2, 3, 4)
       SELECT coalesce(d.month, m.month)::text AS month, coalesce(d.scope, m.scope) AS scope, d.fixed AS days, m.fixed AS rollup
         FROM d FULL JOIN remediation_monthly m USING (month, scope, severity, ttr_days)
        WHERE d.fixed IS DISTINCT FROM m.fixed`,
    );
    const months = (await q('SELECT count(DISTINCT month)::int AS n, count(*)::int AS rows FROM remediation_monthly')).rows[0] as { n: number; rows: number };
    return { wrong: r.rows, months: months.n, rows: months.rows };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await db.pool.connect();
    await q(`INSERT INTO subscriptions (id) VALUES ('sub')`);
    await q(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at) VALUES
      ('ca', '/a', 'sub', 'rg', 'a', 'payments', '{}', now()), ('cb', '/b', 'sub', 'rg', 'b', 'payments', '{}', now()),
      ('cc', '/c', 'sub', 'rg', 'c', 'storefront', '{}', now())`);
  });

  afterAll(async () => {
    client.release();
    await db.drop();
  });

  it('equals the daily rows after the back-fill, daily writes, a pause across a month end, and a rebuild', async () => {
    const t0 = new Date('2026-10-28T12:00:00Z');
    await addFindings(150, t0);
    await refreshAll(t0);
    const backfill = await mismatches();
    expect(backfill.wrong).toEqual([]);
    expect(backfill.months).toBeGreaterThanOrEqual(10);

    // Daily writes: findings fixed on the next days (today's rows rewritten, the month re-summed).
    for (const day of ['2026-10-29', '2026-10-30']) {
      const now = new Date(`${day}T15:00:00Z`);
      await q(`UPDATE findings SET status = 'resolved', resolved_at = $1 WHERE id IN (SELECT id FROM findings WHERE status = 'open' ORDER BY id LIMIT 7)`, [now]);
      await refreshAll(now);
      expect((await mismatches()).wrong).toEqual([]);
    }
    // A pause: the next sync writes 10-31 and November's first days, two months in one write.
    const t1 = new Date('2026-11-03T09:00:00Z');
    await q(`UPDATE findings SET status = 'resolved', resolved_at = $1 WHERE id IN (SELECT id FROM findings WHERE status = 'open' ORDER BY id DESC LIMIT 5)`, [new Date('2026-11-01T10:00:00Z')]);
    await refreshAll(t1);
    const afterPause = await mismatches();
    expect(afterPause.wrong).toEqual([]);
    expect((await q(`SELECT sum(fixed)::int AS n FROM remediation_monthly WHERE month = '2026-11-01' AND scope = 'all'`)).rows[0].n).toBe(5);

    await addFindings(40, t1);
    await rebuildSnapshots(client, t1);
    const rebuilt = await mismatches();
    expect(rebuilt.wrong).toEqual([]);
    expect(rebuilt.rows).toBeGreaterThan(backfill.rows);
  });

  it('reads the same counts as the daily rows over any range: months inside from the rollup, partial ones from the days', async () => {
    const ranges: [string, string][] = [
      ['2025-11-04', '2026-11-03'], // the trends page's 365 days: two partial months, eleven whole ones
      ['2026-10-01', '2026-10-31'], // exactly one month
      ['2026-10-05', '2026-10-20'], // inside one month: days only
      ['2026-08-31', '2026-10-01'], // a day either side of two whole months
    ];
    for (const [from, to] of ranges) {
      for (const where of [Prisma.sql`s.scope = 'all'`, Prisma.sql`s.scope LIKE 'team:%'`, Prisma.sql`s.scope IN ('ca', 'cc')`]) {
        const viaRollup = Prisma.sql`SELECT r.scope, r.severity::text AS severity, r.ttr_days, sum(r.fixed)::int AS fixed FROM (${remediationRowsSql(where, from, to)}) r
                                     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
        const daily = await q(
          `SELECT s.scope, s.severity::text AS severity, s.ttr_days, sum(s.fixed)::int AS fixed FROM remediation_snapshots s
            WHERE ${where.text} AND s.day BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          [from, to],
        );
        const rolled = await q(viaRollup.text, viaRollup.values as unknown[]);
        expect(daily.rows.length).toBeGreaterThan(0);
        expect(rolled.rows).toEqual(daily.rows);
      }
      // The team column's rows (an index range instead of LIKE) are every team's, and only those.
      const teams = Prisma.sql`SELECT t.team, t.ttr_days, sum(t.fixed)::int AS fixed FROM (${teamRemediationSql(SYSTEM_VIEWER, from, to)}) t GROUP BY 1, 2 ORDER BY 1, 2`;
      const dailyTeams = await q(
        `SELECT substr(s.scope, 6) AS team, s.ttr_days, sum(s.fixed)::int AS fixed FROM remediation_snapshots s
          WHERE s.scope LIKE 'team:%' AND s.day BETWEEN $1::date AND $2::date GROUP BY 1, 2 ORDER BY 1, 2`,
        [from, to],
      );
      expect(new Set(dailyTeams.rows.map((r: { team: string }) => r.team))).toEqual(new Set(['payments', 'storefront']));
      expect((await q(teams.text, teams.values as unknown[])).rows).toEqual(dailyTeams.rows);
    }
  });

  it('finds the whole months inside a range', () => {
    expect(wholeMonthsOf('2025-11-04', '2026-11-03')).toEqual({ first: '2025-12-01', end: '2026-11-01' });
    expect(wholeMonthsOf('2026-10-01', '2026-10-31')).toEqual({ first: '2026-10-01', end: '2026-11-01' });
    expect(wholeMonthsOf('2026-10-05', '2026-10-20')).toBeNull();
    expect(wholeMonthsOf('2026-12-31', '2027-01-31')).toEqual({ first: '2027-01-01', end: '2027-02-01' });
    expect(wholeMonthsOf('2026-02-01', '2026-02-27')).toBeNull();
  });
});

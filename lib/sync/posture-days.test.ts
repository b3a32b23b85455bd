import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { HISTORY_DAYS, refreshSnapshots } from './snapshots';
import { createRng } from '../demo/prng';

// posture_snapshots against its definition, counted finding by finding for every day and scope: random findings over
// every stage and severity, clusters of two teams, one without a team and none, some first seen before the window,
// some dismissed, some that arrived resolved. The set-based writer (event sums per scope, rows only where something
// is open, opened or fixed) must give exactly these rows — on the back-fill and on a later daily write.
const SOURCE = 'defender-assessment';
const DAY_MS = 86_400_000;
const STAGES = ['plan', 'develop', 'build', 'deploy', 'operate'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
const CLUSTERS: Record<string, string | null> = { ca: 'payments', cb: 'payments', cc: 'storefront', cd: null };
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Finding {
  cluster: string | null;
  stage: string;
  severity: string;
  status: 'open' | 'resolved' | 'dismissed';
  first: Date;
  resolved: Date | null;
}

type Row = { day: string; scope: string; stage: string; severity: string; open: number; opened: number; fixed: number };

/** The rows for days [from, to], counted from the definition one finding and one day at a time. */
function expected(findings: Finding[], from: string, to: string): Row[] {
  const rows = new Map<string, Row>();
  for (const f of findings) {
    // Dismissed: never counted. Resolved no later than first seen: evidence, never open.
    if (f.status === 'dismissed' || (f.resolved && f.resolved <= f.first)) continue;
    const firstDay = isoDay(f.first.getTime());
    const fixedDay = f.resolved ? isoDay(f.resolved.getTime()) : null;
    // Dated before the first sighting: fixed on the day it was first seen.
    const resolvedDay = fixedDay === null ? null : fixedDay > firstDay ? fixedDay : firstDay;
    const scopes = f.cluster === null ? ['all'] : ['all', f.cluster, ...(CLUSTERS[f.cluster] ? [`team:${CLUSTERS[f.cluster]}`] : [])];
    for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
      const day = isoDay(t);
      const open = firstDay <= day && (resolvedDay === null || resolvedDay > day) ? 1 : 0;
      const opened = firstDay === day ? 1 : 0;
      const fixed = resolvedDay === day ? 1 : 0;
      if (open + opened + fixed === 0) continue;
      for (const scope of scopes) {
        const key = [day, scope, f.stage, f.severity].join('|');
        const row = rows.get(key) ?? { day, scope, stage: f.stage, severity: f.severity, open: 0, opened: 0, fixed: 0 };
        row.open += open;
        row.opened += opened;
        row.fixed += fixed;
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()].sort((a, b) => [a.day, a.scope, a.stage, a.severity].join('|').localeCompare([b.day, b.scope, b.stage, b.severity].join('|')));
}

describe('posture_snapshots against a finding-by-finding count', () => {
  let db: TestDatabase;
  let client: pg.PoolClient;
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
  // Seeded (the demo's generator), so a failure can be replayed.
  const random = createRng(7).next;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const findings: Finding[] = [];
  const byId = new Map<string, Finding>();

  async function add(f: Finding): Promise<void> {
    const n = findings.push(f);
    const r = await q(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                             first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
       VALUES ($1, $2, 'recommendation', $2, $2, $3::"Severity", $4::"FindingStatus", '/r', 'sub', $5, $6::"Stage", 'c', $7, $7, $8, 1, '{}') RETURNING id`,
      [SOURCE, `k${n}`, f.severity, f.status, f.cluster, f.stage, f.first, f.resolved],
    );
    byId.set(String(r.rows[0].id), f);
  }

  /** A finding first seen in the `span` days before `now` (some before the window), about half of them fixed by then. */
  function randomFinding(now: number, span: number): Finding {
    const first = new Date(now - Math.floor(random() * span * DAY_MS));
    const r = random();
    // Most fixed after first seen, a few dated at or before it (arrived resolved), some dismissed.
    const resolved = r < 0.45 ? new Date(first.getTime() + Math.floor(random() * (now - first.getTime()))) : r < 0.55 ? new Date(first.getTime() - Math.floor(random() * 3 * DAY_MS)) : null;
    const status = r >= 0.55 && r < 0.62 ? 'dismissed' : resolved ? 'resolved' : 'open';
    return { cluster: pick([...Object.keys(CLUSTERS), null]), stage: pick(STAGES), severity: pick(SEVERITIES), status, first, resolved };
  }

  const read = async (from: string, to: string): Promise<Row[]> =>
    (await q(
      `SELECT day::text, scope, stage::text, severity::text, open, opened, fixed FROM posture_snapshots
        WHERE source = $1 AND day BETWEEN $2::date AND $3::date`,
      [SOURCE, from, to],
    )).rows.sort((a: Row, b: Row) => [a.day, a.scope, a.stage, a.severity].join('|').localeCompare([b.day, b.scope, b.stage, b.severity].join('|')));

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await db.pool.connect();
    await q(`INSERT INTO subscriptions (id) VALUES ('sub')`);
    for (const [id, team] of Object.entries(CLUSTERS)) {
      await q(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at) VALUES ($1, $2, 'sub', 'rg', $1, $3, '{}', now())`, [id, `/${id}`, team]);
    }
  });

  afterAll(async () => {
    client.release();
    await db.drop();
  });

  it('back-fills exactly the counted rows, then writes the next days exactly too', async () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    for (let i = 0; i < 400; i += 1) await add(randomFinding(now, HISTORY_DAYS + 60));
    await refreshSnapshots(client, SOURCE, new Date(now));
    const from = isoDay(now - (HISTORY_DAYS - 1) * DAY_MS);
    const backfill = expected(findings, from, isoDay(now));
    expect(backfill.length).toBeGreaterThan(10_000);
    expect(await read(from, isoDay(now))).toEqual(backfill);

    // Two days later: some fixed since, some new; the sync writes the two days it missed and today.
    const later = now + 2 * DAY_MS;
    const open = (await q(`SELECT id FROM findings WHERE status = 'open' ORDER BY id LIMIT 15`)).rows.map((r: { id: string }) => r.id);
    const fixedAt = new Date(now + DAY_MS + 3_600_000);
    await q(`UPDATE findings SET status = 'resolved', resolved_at = $1 WHERE id = ANY($2::bigint[])`, [fixedAt, open]);
    expect(open).toHaveLength(15);
    for (const id of open) Object.assign(byId.get(String(id)) ?? {}, { status: 'resolved', resolved: fixedAt });
    for (let i = 0; i < 20; i += 1) await add({ ...randomFinding(later, 2), status: 'open', resolved: null });
    await refreshSnapshots(client, SOURCE, new Date(later));
    const days = [isoDay(now + DAY_MS), isoDay(later)];
    expect(await read(days[0] as string, days[1] as string)).toEqual(expected(findings, days[0] as string, days[1] as string));
  });
});

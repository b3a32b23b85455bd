import 'server-only';
// Trends read from the daily snapshot tables (lib/sync/snapshots.ts), never from the findings table: open findings per
// day and severity (the overview's chart), and the trends page's report. A limited viewer sees the sum over their
// clusters' snapshots (findings not attached to a cluster are counted only in the estate view).
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { SEVERITIES, type Severity } from '../domain/model';
import { newVsFixedPerWeek, ttrStats, type TtrBucket, type TtrStats, type WeekCounts } from '../trends/metrics';
import { emptyCounts, type SeverityCounts } from './posture';
import { clusterScopeSql, notFound } from './scope';
import { remediationRowsSql, teamRemediationSql } from './remediation-rows';
import { snapshotScopeSql, type TrendCut } from './trend-scope';

export interface TrendPoint extends SeverityCounts {
  day: string;
}

export async function getOpenTrend(
  viewer: Viewer,
  input: { clusterId?: string; days?: number },
  db: PrismaClient = getPrisma(),
): Promise<TrendPoint[]> {
  const days = input.days ?? 90;
  let scopes: Prisma.Sql;
  if (input.clusterId) {
    const visible = await db.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM clusters c WHERE c.id = ${input.clusterId} AND ${clusterScopeSql(viewer)}`;
    if (visible.length === 0) throw notFound('That cluster');
    scopes = Prisma.sql`scope = ${input.clusterId}`;
  } else if (viewer.scope.kind === 'all') {
    scopes = Prisma.sql`scope = 'all'`;
  } else {
    scopes = Prisma.sql`scope IN (SELECT c.id FROM clusters c WHERE ${clusterScopeSql(viewer)})`;
  }
  const rows = await db.$queryRaw<{ day: Date; severity: Severity; open: number }[]>`
    SELECT day, severity::text AS severity, sum(open)::int AS open FROM posture_snapshots
     WHERE ${scopes} AND day > current_date - ${days}::int
     GROUP BY day, severity ORDER BY day`;
  const byDay = new Map<string, TrendPoint>();
  for (const r of rows) {
    const key = r.day.toISOString().slice(0, 10);
    const point = byDay.get(key) ?? { day: key, ...emptyCounts() };
    point[r.severity] += r.open;
    byDay.set(key, point);
  }
  return [...byDay.values()];
}

// ---- The trends page (issue 12): every series read from the snapshot tables, cut by team or cluster ----

export interface TrendReportInput extends TrendCut {
  days: number;
  /** The clock (tests pass a fixed one). */
  now?: Date;
}

export interface TtrRow extends TtrStats {
  key: string;
}

export interface PolicySeries {
  initiatives: { id: string; name: string }[];
  /** Per day: compliance % per initiative id (absent when not recorded that day). */
  points: ({ day: string } & Record<string, number | string>)[];
}

export interface TrendReport {
  range: { from: string; to: string; days: number };
  open: TrendPoint[];
  newVsFixed: WeekCounts[];
  ttrBySeverity: TtrRow[];
  ttrByTeam: TtrRow[];
  breaches: TrendPoint[];
  policy: PolicySeries;
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Every day from `from` to `to` (YYYY-MM-DD, inclusive). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(isoDay(new Date(t)));
  return out;
}

/** Severity counts per day, zero-filled from the first day with data (a day after that without rows had none). */
function severitySeries(rows: { day: Date; severity: Severity; n: number }[], to: string): TrendPoint[] {
  if (rows.length === 0) return [];
  const byDay = new Map<string, TrendPoint>();
  for (const r of rows) {
    const key = isoDay(r.day);
    const point = byDay.get(key) ?? { day: key, ...emptyCounts() };
    point[r.severity] += r.n;
    byDay.set(key, point);
  }
  const first = [...byDay.keys()].sort()[0]!;
  return daysBetween(first, to).map((day) => byDay.get(day) ?? { day, ...emptyCounts() });
}

function ttrRows(rows: { key: string; ttr_days: number; fixed: number }[], keys: readonly string[]): TtrRow[] {
  const groups = new Map<string, TtrBucket[]>(keys.map((k) => [k, []]));
  for (const r of rows) {
    const list = groups.get(r.key) ?? [];
    list.push({ ttrDays: r.ttr_days, fixed: r.fixed });
    groups.set(r.key, list);
  }
  return [...groups.entries()].map(([key, buckets]) => ({ key, ...ttrStats(buckets) }));
}

export async function getTrendReport(viewer: Viewer, input: TrendReportInput, db: PrismaClient = getPrisma()): Promise<TrendReport> {
  const now = input.now ?? new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = isoDay(today);
  const from = isoDay(new Date(today.getTime() - (input.days - 1) * DAY_MS));
  const scope = await snapshotScopeSql(viewer, input, db);
  const inRange = Prisma.sql`s.day BETWEEN ${from}::date AND ${to}::date`;
  // One pass over the scope's posture rows gives the open series and the new/fixed counts.
  const [open, ttrSev, ttrTeam, breaches, policy] = await Promise.all([
    db.$queryRaw<{ day: Date; severity: Severity; n: number; opened: number; fixed: number }[]>`
      SELECT s.day, s.severity::text AS severity, sum(s.open)::int AS n, sum(s.opened)::int AS opened, sum(s.fixed)::int AS fixed
        FROM posture_snapshots s WHERE ${scope} AND ${inRange} GROUP BY s.day, s.severity`,
    // Time to remediate from the monthly rollup plus the partial months' days (remediation-rows.ts).
    db.$queryRaw<{ key: string; ttr_days: number; fixed: number }[]>`
      SELECT r.severity::text AS key, r.ttr_days, sum(r.fixed)::int AS fixed FROM (${remediationRowsSql(scope, from, to)}) r GROUP BY r.severity, r.ttr_days`,
    db.$queryRaw<{ key: string; ttr_days: number; fixed: number }[]>`
      SELECT t.team AS key, t.ttr_days, sum(t.fixed)::int AS fixed
        FROM (${teamRemediationSql(viewer, from, to, input.team)}) t
       GROUP BY t.team, t.ttr_days ORDER BY t.team`,
    db.$queryRaw<{ day: Date; severity: Severity; n: number }[]>`
      SELECT s.day, s.severity::text AS severity, sum(s.breached)::int AS n FROM sla_breach_snapshots s WHERE ${scope} AND ${inRange} GROUP BY s.day, s.severity`,
    db.$queryRaw<{ day: Date; initiative: string; name: string; compliant: number; non_compliant: number }[]>`
      SELECT s.day, s.initiative, max(s.initiative_name) AS name, sum(s.compliant)::int AS compliant, sum(s.non_compliant)::int AS non_compliant
        FROM policy_compliance_snapshots s WHERE ${scope} AND ${inRange} GROUP BY s.day, s.initiative ORDER BY s.day`,
  ]);
  const initiatives = new Map<string, string>();
  const policyDays = new Map<string, { day: string } & Record<string, number | string>>();
  for (const r of policy) {
    initiatives.set(r.initiative, r.name);
    const key = isoDay(r.day);
    const point = policyDays.get(key) ?? { day: key };
    const total = r.compliant + r.non_compliant;
    if (total > 0) point[r.initiative] = Math.round((r.compliant / total) * 1000) / 10;
    policyDays.set(key, point);
  }
  const teams = [...new Set(ttrTeam.map((r) => r.key))];
  return {
    range: { from, to, days: input.days },
    open: severitySeries(open, to),
    newVsFixed: newVsFixedPerWeek(open.map((r) => ({ day: isoDay(r.day), opened: r.opened, fixed: r.fixed }))),
    ttrBySeverity: ttrRows(ttrSev, SEVERITIES),
    ttrByTeam: ttrRows(ttrTeam, teams),
    breaches: severitySeries(breaches, to),
    policy: { initiatives: [...initiatives].map(([id, name]) => ({ id, name })), points: [...policyDays.values()] },
  };
}

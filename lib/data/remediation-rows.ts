import 'server-only';
// Time-to-remediate rows over a day range, from remediation_monthly for the months wholly inside the range and from
// the daily remediation_snapshots for the partial months at its ends — the same sums as reading every day (a month
// row is the sum of its days, lib/sync/remediation-rollup.ts), from ~12 + 60 rows per key instead of 365.
import { Prisma } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { clusterScopeSql } from './scope';

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const firstOfMonth = (t: number) => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/** The whole calendar months inside [from, to] (YYYY-MM-DD, inclusive) as [first, end) month starts; null if none. */
export function wholeMonthsOf(from: string, to: string): { first: string; end: string } | null {
  const f = Date.parse(`${from}T00:00:00Z`);
  const t = Date.parse(`${to}T00:00:00Z`);
  const first = firstOfMonth(f) === f ? f : firstOfMonth(firstOfMonth(f) + 32 * DAY_MS);
  const end = firstOfMonth(t + DAY_MS);
  return first < end ? { first: isoDay(first), end: isoDay(end) } : null;
}

/**
 * `scope, severity, ttr_days, fixed` rows of [from, to] whose `s.scope` meets `where`. Each branch is one contiguous
 * range of its covering index (scope, day|month, severity, ttr_days, fixed), so nothing outside the range is read.
 */
export function remediationRowsSql(where: Prisma.Sql, from: string, to: string): Prisma.Sql {
  const cols = Prisma.sql`s.scope, s.severity, s.ttr_days, s.fixed`;
  const days = (a: string, b: string) => Prisma.sql`SELECT ${cols} FROM remediation_snapshots s WHERE ${where} AND s.day >= ${a}::date AND s.day < ${b}::date`;
  const toEnd = isoDay(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const months = wholeMonthsOf(from, to);
  if (!months) return days(from, toEnd);
  return Prisma.sql`${days(from, months.first)}
    UNION ALL SELECT ${cols} FROM remediation_monthly s WHERE ${where} AND s.month >= ${months.first}::date AND s.month < ${months.end}::date
    UNION ALL ${days(months.end, toEnd)}`;
}

/**
 * `team, ttr_days, fixed` per row of [from, to], optionally one team. A viewer who sees every cluster reads the
 * 'team:' rows (one team: its own rows only); a limited viewer their clusters' rows, labelled with each cluster's team.
 */
export function teamRemediationSql(viewer: Viewer, from: string, to: string, team?: string | null): Prisma.Sql {
  if (viewer.scope.kind === 'all') {
    // Not LIKE 'team:%': that is an index range only under the C collation (under C.UTF-8 it scanned the whole table,
    // 60 ms at a million findings), and its poor row estimate chose a parallel plan. A scope is 'all', a cluster id
    // (12 hex digits) or 'team:<team>' (snapshots.ts), so the range ['team', 'ten') holds exactly the team scopes
    // under any collation, punctuation ignored or not.
    const where = team ? Prisma.sql`s.scope = ${`team:${team}`}` : Prisma.sql`s.scope >= 'team' AND s.scope < 'ten'`;
    return Prisma.sql`SELECT substr(r.scope, 6) AS team, r.ttr_days, r.fixed FROM (${remediationRowsSql(where, from, to)}) r`;
  }
  const mine = Prisma.sql`s.scope IN (SELECT c.id FROM clusters c WHERE c.team IS NOT NULL AND ${clusterScopeSql(viewer)} ${team ? Prisma.sql`AND c.team = ${team}` : Prisma.empty})`;
  return Prisma.sql`SELECT c.team, r.ttr_days, r.fixed FROM (${remediationRowsSql(mine, from, to)}) r JOIN clusters c ON c.id = r.scope`;
}

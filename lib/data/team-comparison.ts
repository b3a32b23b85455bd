import 'server-only';
// The team comparison on the trends page: per team, open criticals now and 30 days ago (the trend arrow), SLA breaches
// now, and time to remediate over the chosen range. Read from the snapshot tables only (team rows, or a limited
// viewer's cluster rows labelled with their team), so its cost does not grow with the findings table.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { directionOf, ttrStats, type TrendDirection, type TtrBucket } from '../trends/metrics';
import { teamRemediationSql } from './remediation-rows';
import { teamRowsSql } from './trend-scope';

export interface TeamComparisonRow {
  team: string;
  openCritical: number;
  openCritical30dAgo: number;
  /** Open criticals now against 30 days ago ("up" is worse). */
  trend: TrendDirection;
  openHigh: number;
  breaches: number;
  fixed: number;
  meanTtrDays: number | null;
  medianTtrDays: number | null;
  /** Where the team's clusters are listed. */
  clustersPath: string;
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function getTeamComparison(viewer: Viewer, input: { days: number; now?: Date }, db: PrismaClient = getPrisma()): Promise<TeamComparisonRow[]> {
  const now = input.now ?? new Date();
  const today = isoDay(now);
  const monthAgo = isoDay(new Date(now.getTime() - 30 * DAY_MS));
  const from = isoDay(new Date(now.getTime() - (input.days - 1) * DAY_MS));
  const [open, breaches, ttr] = await Promise.all([
    db.$queryRaw<{ team: string; day: Date; critical: number; high: number }[]>`
      SELECT t.team, t.day, sum(t.open) FILTER (WHERE t.severity = 'critical')::int AS critical, sum(t.open) FILTER (WHERE t.severity = 'high')::int AS high
        FROM (${teamRowsSql(viewer, 'posture_snapshots', Prisma.sql`s.day IN (${today}::date, ${monthAgo}::date) AND s.severity IN ('critical', 'high')`)}) t
       GROUP BY t.team, t.day`,
    db.$queryRaw<{ team: string; n: number }[]>`
      SELECT t.team, sum(t.breached)::int AS n FROM (${teamRowsSql(viewer, 'sla_breach_snapshots', Prisma.sql`s.day = ${today}::date`)}) t GROUP BY t.team`,
    db.$queryRaw<{ team: string; ttr_days: number; fixed: number }[]>`
      SELECT t.team, t.ttr_days, sum(t.fixed)::int AS fixed
        FROM (${teamRemediationSql(viewer, from, today)}) t GROUP BY t.team, t.ttr_days`,
  ]);
  const teams = new Map<string, { critical: number; critical30: number; high: number; breaches: number; ttr: TtrBucket[] }>();
  const team = (name: string) => {
    const t = teams.get(name) ?? { critical: 0, critical30: 0, high: 0, breaches: 0, ttr: [] };
    teams.set(name, t);
    return t;
  };
  for (const r of open) {
    if (isoDay(r.day) === today) Object.assign(team(r.team), { critical: team(r.team).critical + r.critical, high: team(r.team).high + r.high });
    else team(r.team).critical30 += r.critical;
  }
  for (const r of breaches) team(r.team).breaches += r.n;
  for (const r of ttr) team(r.team).ttr.push({ ttrDays: r.ttr_days, fixed: r.fixed });
  return [...teams.entries()]
    .map(([name, t]) => {
      const stats = ttrStats(t.ttr);
      return {
        team: name,
        openCritical: t.critical,
        openCritical30dAgo: t.critical30,
        trend: directionOf(t.critical, t.critical30),
        openHigh: t.high,
        breaches: t.breaches,
        fixed: stats.fixed,
        meanTtrDays: stats.meanDays,
        medianTtrDays: stats.medianDays,
        clustersPath: `/clusters?team=${encodeURIComponent(name)}`,
      };
    })
    .sort((a, b) => b.openCritical - a.openCritical || b.breaches - a.breaches || a.team.localeCompare(b.team));
}

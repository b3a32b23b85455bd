import 'server-only';
// Open findings per day and severity over the snapshot window, for the trend chart. A limited viewer sees the
// sum over their clusters' snapshots (findings not attached to a cluster are counted only in the estate view).
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { Severity } from '../domain/model';
import { emptyCounts, type SeverityCounts } from './posture';
import { clusterScopeSql, notFound } from './scope';

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

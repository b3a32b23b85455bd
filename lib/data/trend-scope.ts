import 'server-only';
// Which snapshot rows a viewer's trend reads. Snapshots carry a `scope` of 'all', 'team:<team>' or a cluster id; a
// viewer who sees every cluster reads the estate or team rows, a limited viewer the sum of their clusters' rows (so
// nothing outside their clusters is ever counted — findings on no cluster appear only in the estate rows). The rule
// sits on the cluster scope from scope.ts, and an unseen cluster answers "not found".
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { clusterScopeSql, notFound } from './scope';

export interface TrendCut {
  team?: string | null;
  clusterId?: string | null;
}

/** A condition on `<alias>.scope` selecting the rows that add up to the viewer's view of the cut. */
export async function snapshotScopeSql(viewer: Viewer, cut: TrendCut, db: PrismaClient, alias = 's'): Promise<Prisma.Sql> {
  const col = Prisma.raw(`${alias}.scope`);
  if (cut.clusterId) {
    const visible = await db.$queryRaw<{ id: string }[]>`SELECT c.id FROM clusters c WHERE c.id = ${cut.clusterId} AND ${clusterScopeSql(viewer)}`;
    if (visible.length === 0) throw notFound('That cluster');
    return Prisma.sql`${col} = ${cut.clusterId}`;
  }
  if (viewer.scope.kind === 'all') return cut.team ? Prisma.sql`${col} = ${`team:${cut.team}`}` : Prisma.sql`${col} = 'all'`;
  const team = cut.team ? Prisma.sql`AND c.team = ${cut.team}` : Prisma.empty;
  return Prisma.sql`${col} IN (SELECT c.id FROM clusters c WHERE ${clusterScopeSql(viewer)} ${team})`;
}

/**
 * Snapshot rows per team: `team` and the row's other columns. For a viewer who sees everything the 'team:' rows; for a
 * limited viewer their clusters' rows labelled with each cluster's team.
 */
export function teamRowsSql(viewer: Viewer, table: 'posture_snapshots' | 'sla_breach_snapshots', where: Prisma.Sql): Prisma.Sql {
  const t = Prisma.raw(table);
  if (viewer.scope.kind === 'all') {
    // LIKE with a fixed prefix: an index range under the C collation the embedded database uses, and still correct
    // (if slower) under a linguistic collation, where a hand-written range could skip punctuation.
    return Prisma.sql`SELECT substr(s.scope, 6) AS team, s.* FROM ${t} s WHERE s.scope LIKE 'team:%' AND ${where}`;
  }
  return Prisma.sql`SELECT c.team, s.* FROM ${t} s JOIN clusters c ON c.id = s.scope
                     WHERE c.team IS NOT NULL AND ${clusterScopeSql(viewer)} AND ${where}`;
}

/** Subscriptions whose secure score the viewer may read within the cut (a score is subscription-wide). */
export function scoreSubscriptionsSql(viewer: Viewer, cut: TrendCut & { subscriptionId?: string | null }): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (viewer.scope.kind === 'limited') parts.push(Prisma.sql`h.subscription_id = ANY(${[...viewer.scope.subscriptionIds]}::text[])`);
  if (cut.clusterId) parts.push(Prisma.sql`h.subscription_id IN (SELECT c.subscription_id FROM clusters c WHERE c.id = ${cut.clusterId})`);
  if (cut.team) parts.push(Prisma.sql`h.subscription_id IN (SELECT c.subscription_id FROM clusters c WHERE c.team = ${cut.team} AND c.deleted_at IS NULL)`);
  if (cut.subscriptionId) parts.push(Prisma.sql`h.subscription_id = ${cut.subscriptionId}`);
  return Prisma.join(parts, ' AND ');
}

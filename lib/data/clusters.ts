import 'server-only';
// Cluster inventory with open-finding counts, for the clusters list and the per-cluster page. Counts come from
// `cluster_open_counts`, a summary the findings triggers keep current, never from the findings table.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { ClusterListQuery, ClusterSort } from '../validation/clusters';
import { defaultDirection } from '../validation/clusters';
import type { SeverityCounts } from './posture';
import { containsPattern } from './like-pattern';
import { clusterScope, clusterScopeSql, notFound } from './scope';

export interface ClusterListItem {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string | null;
  kubernetesVersion: string | null;
  team: string | null;
  networkPolicy: string | null;
  rbacEnabled: boolean | null;
  open: SeverityCounts;
  openTotal: number;
  lastSeenAt: string;
}

interface ClusterRowSql {
  id: string; name: string; resource_group: string; subscription_id: string; location: string | null;
  kubernetes_version: string | null; team: string | null; network_policy: string | null; rbac_enabled: boolean | null;
  last_seen_at: Date; critical: number; high: number; medium: number; low: number; informational: number; total: number;
}

const listColumns = Prisma.sql`c.id, c.name, c.resource_group, c.subscription_id, c.location, c.kubernetes_version, c.team,
  c.network_policy, c.rbac_enabled, c.last_seen_at, COALESCE(o.critical, 0) AS critical, COALESCE(o.high, 0) AS high,
  COALESCE(o.medium, 0) AS medium, COALESCE(o.low, 0) AS low, COALESCE(o.informational, 0) AS informational,
  COALESCE(o.total, 0) AS total`;

const toItem = (r: ClusterRowSql): ClusterListItem => ({
  id: r.id, name: r.name, resourceGroup: r.resource_group, subscriptionId: r.subscription_id, location: r.location,
  kubernetesVersion: r.kubernetes_version, team: r.team, networkPolicy: r.network_policy, rbacEnabled: r.rbac_enabled,
  open: { critical: r.critical, high: r.high, medium: r.medium, low: r.low, informational: r.informational },
  openTotal: r.total,
  lastSeenAt: r.last_seen_at.toISOString(),
});

/** Every cluster in scope, by team and name (CLI, small callers). The page uses `listClusterPage`. */
export async function listClusters(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<ClusterListItem[]> {
  const rows = await db.$queryRaw<ClusterRowSql[]>`
    SELECT ${listColumns} FROM clusters c LEFT JOIN cluster_open_counts o ON o.cluster_id = c.id
     WHERE c.deleted_at IS NULL AND ${clusterScopeSql(viewer)}
     ORDER BY c.team ASC NULLS LAST, c.name ASC`;
  return rows.map(toItem);
}

export interface ClusterPage {
  items: ClusterListItem[];
  /** Clusters matching the filters (the clusters table is thousands of rows at most, so this count is cheap). */
  total: number;
  /** Teams in the viewer's scope, for the filter. */
  teams: string[];
}

// Sort keys are fixed SQL from this table, never from input; the cluster name and id break ties so pages are stable.
const SORT_SQL: Record<ClusterSort, string> = {
  name: 'c.name',
  team: 'c.team',
  kubernetes: 'c.kubernetes_version',
  open: 'COALESCE(o.total, 0)',
  critical: 'COALESCE(o.critical, 0)',
  'last-seen': 'c.last_seen_at',
};

/** One page of the clusters list: filtered, sorted and paged in the database. */
export async function listClusterPage(viewer: Viewer, query: ClusterListQuery, db: PrismaClient = getPrisma()): Promise<ClusterPage> {
  const conditions: Prisma.Sql[] = [Prisma.sql`c.deleted_at IS NULL`, clusterScopeSql(viewer)];
  if (query.team) conditions.push(Prisma.sql`c.team = ${query.team}`);
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(Prisma.sql`(c.name ILIKE ${pattern} OR c.resource_group ILIKE ${pattern})`);
  }
  const where = Prisma.join(conditions, ' AND ');
  const dir = (query.dir ?? defaultDirection(query.sort)) === 'asc' ? 'ASC' : 'DESC';
  const then = query.sort === 'critical' ? `, COALESCE(o.high, 0) ${dir}` : '';
  const order = Prisma.raw(`${SORT_SQL[query.sort]} ${dir} NULLS LAST${then}, c.name ASC, c.id ASC`);
  // Offset paging is fine here: a scan of a few thousand cluster rows, not of the findings table.
  const [rows, count, teams] = await Promise.all([
    db.$queryRaw<ClusterRowSql[]>`
      SELECT ${listColumns} FROM clusters c LEFT JOIN cluster_open_counts o ON o.cluster_id = c.id
       WHERE ${where} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM clusters c WHERE ${where}`,
    db.$queryRaw<{ team: string }[]>`
      SELECT DISTINCT c.team FROM clusters c WHERE c.deleted_at IS NULL AND ${clusterScopeSql(viewer)} AND c.team IS NOT NULL ORDER BY c.team`,
  ]);
  return { items: rows.map(toItem), total: count[0]?.n ?? 0, teams: teams.map((t) => t.team) };
}

export interface ClusterDetail extends Omit<ClusterListItem, 'open' | 'openTotal'> {
  armId: string;
  fqdn: string | null;
  provisioningState: string | null;
  tags: Record<string, string>;
  workloads: number;
  images: number;
}

export async function getCluster(viewer: Viewer, id: string, db: PrismaClient = getPrisma()): Promise<ClusterDetail> {
  const c = await db.cluster.findFirst({
    where: { AND: [{ id }, clusterScope(viewer)] },
    select: {
      id: true, armId: true, name: true, resourceGroup: true, subscriptionId: true, location: true, kubernetesVersion: true,
      team: true, networkPolicy: true, rbacEnabled: true, lastSeenAt: true, fqdn: true, provisioningState: true, tags: true,
      _count: { select: { workloads: true } },
    },
  });
  if (!c) throw notFound('That cluster');
  const images = await db.workload.findMany({ where: { clusterId: id }, distinct: ['imageDigest'], select: { imageDigest: true } });
  const { _count, tags, ...rest } = c;
  return {
    ...rest,
    tags: (tags ?? {}) as Record<string, string>,
    lastSeenAt: c.lastSeenAt.toISOString(),
    workloads: _count.workloads,
    images: images.length,
  };
}

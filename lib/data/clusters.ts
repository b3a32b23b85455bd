import 'server-only';
// Cluster inventory with open-finding counts, for the clusters list and the per-cluster page.
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { Severity } from '../domain/model';
import { emptyCounts, type SeverityCounts } from './posture';
import { clusterScope, notFound } from './scope';

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

export async function listClusters(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<ClusterListItem[]> {
  const clusters = await db.cluster.findMany({
    where: clusterScope(viewer),
    select: {
      id: true, name: true, resourceGroup: true, subscriptionId: true, location: true, kubernetesVersion: true,
      team: true, networkPolicy: true, rbacEnabled: true, lastSeenAt: true,
    },
    orderBy: [{ team: 'asc' }, { name: 'asc' }],
  });
  const counts = clusters.length
    ? await db.finding.groupBy({
        by: ['clusterId', 'severity'],
        where: { status: 'open', clusterId: { in: clusters.map((c) => c.id) } },
        _count: { _all: true },
      })
    : [];
  return clusters.map((c) => {
    const open = emptyCounts();
    for (const g of counts) if (g.clusterId === c.id) open[g.severity as Severity] += g._count._all;
    return { ...c, open, openTotal: Object.values(open).reduce((a, b) => a + b, 0), lastSeenAt: c.lastSeenAt.toISOString() };
  });
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

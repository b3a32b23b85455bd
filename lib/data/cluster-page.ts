import 'server-only';
// The cluster page: the cluster behind a readable address, the clusters to switch to, and open findings per
// source for the cluster's view (its own findings plus the registry CVEs of the images it runs). Scope from the
// one helper; another team's cluster is "not found".
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { armIdOfAddress, type ClusterAddress } from '../clusters/cluster-address';
import { getPrisma } from '../db/prisma';
import { SEVERITIES, type Severity } from '../domain/model';
import { matchingFindingsSql } from './cluster-findings';
import { emptyCounts, type SeverityCounts } from './posture';
import { clusterScope, notFound } from './scope';

export async function resolveClusterId(viewer: Viewer, address: ClusterAddress, db: PrismaClient = getPrisma()): Promise<string> {
  const found = await db.cluster.findFirst({
    // The store keeps arm_id lower-cased; `insensitive` also matches rows written with ARM's own casing.
    where: { AND: [{ armId: { equals: armIdOfAddress(address), mode: 'insensitive' } }, clusterScope(viewer)] },
    select: { id: true },
  });
  if (!found) throw notFound('That cluster');
  return found.id;
}

export interface SwitcherCluster {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  team: string | null;
}

export async function listSwitcherClusters(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<SwitcherCluster[]> {
  return db.cluster.findMany({
    where: clusterScope(viewer),
    select: { id: true, name: true, subscriptionId: true, resourceGroup: true, team: true },
    orderBy: [{ name: 'asc' }],
    take: 500,
  });
}

export interface SourceOpenCounts {
  source: string;
  /** Registry-scan CVEs of images the cluster runs (they carry the registry, not the cluster). */
  viaRunningImages: boolean;
  open: SeverityCounts;
  total: number;
}

export async function getClusterOpenCounts(viewer: Viewer, clusterId: string, db: PrismaClient = getPrisma()): Promise<SourceOpenCounts[]> {
  const matching = matchingFindingsSql(viewer, { status: 'open', severity: [], cluster: clusterId, includeRunningImages: true },
    (where) => Prisma.sql`SELECT f.source, f.cluster_id, f.severity FROM findings f WHERE ${where}`);
  const rows = await db.$queryRaw<{ source: string; via: boolean; severity: Severity; n: number }[]>`
    SELECT m.source, (m.cluster_id IS NULL) AS via, m.severity::text AS severity, count(*)::int AS n
      FROM (${matching}) m GROUP BY 1, 2, 3`;
  const out = new Map<string, SourceOpenCounts>();
  for (const r of rows) {
    const key = `${r.source}|${r.via}`;
    const entry = out.get(key) ?? { source: r.source, viaRunningImages: r.via, open: emptyCounts(), total: 0 };
    entry.open[r.severity] += r.n;
    entry.total += r.n;
    out.set(key, entry);
  }
  return [...out.values()].sort((a, b) => a.source.localeCompare(b.source) || Number(a.viaRunningImages) - Number(b.viaRunningImages));
}

export const severityTotal = (c: SeverityCounts): number => SEVERITIES.reduce((n, s) => n + c[s], 0);

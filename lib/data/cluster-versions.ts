import 'server-only';
// Kubernetes version support, upgrade channels and node image age per cluster, from the managed-cluster resource
// the inventory stores and the versions AKS lists for the cluster's region. Scope from the one helper.
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { versionSupportOf, type VersionSupport } from '../clusters/version-support';
import { clusterFactsOf, type ClusterFacts } from '../connectors/inventory/cluster-facts';
import { getPrisma } from '../db/prisma';
import { clusterScope } from './scope';

export interface ClusterVersionDto {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  kubernetesVersion: string | null;
  support: VersionSupport;
  oldestSupported: string | null;
  latest: string | null;
  upgradeChannel: string | null;
  nodeOsUpgradeChannel: string | null;
  nodeImageVersions: string[];
  /** Days since the oldest node image was built; null when unknown. */
  nodeImageAgeDays: number | null;
}

export interface ClusterSettingsDto extends ClusterVersionDto {
  facts: Omit<ClusterFacts, 'oldestNodeImageAt'>;
}

function toDto(
  c: { id: string; name: string; subscriptionId: string; resourceGroup: string; location: string | null; kubernetesVersion: string | null; raw: unknown },
  regions: Map<string, { version: string; isPreview: boolean; supportPlans: string[] }[]>,
  now: Date,
): ClusterSettingsDto {
  const facts = clusterFactsOf(c.raw);
  const version = facts.kubernetesVersion ?? c.kubernetesVersion;
  const support = versionSupportOf(version, regions.get((c.location ?? '').toLowerCase()) ?? []);
  const { oldestNodeImageAt, ...rest } = facts;
  return {
    id: c.id,
    name: c.name,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
    location: c.location,
    kubernetesVersion: version,
    ...support,
    upgradeChannel: facts.upgradeChannel,
    nodeOsUpgradeChannel: facts.nodeOsUpgradeChannel,
    nodeImageVersions: facts.nodeImageVersions,
    nodeImageAgeDays: oldestNodeImageAt ? Math.max(0, Math.floor((now.getTime() - oldestNodeImageAt.getTime()) / 86_400_000)) : null,
    facts: rest,
  };
}

async function regionVersions(db: PrismaClient, locations: (string | null)[]) {
  const wanted = [...new Set(locations.flatMap((l) => (l ? [l.toLowerCase()] : [])))];
  const rows = wanted.length ? await db.kubernetesVersion.findMany({ where: { location: { in: wanted } } }) : [];
  const map = new Map<string, { version: string; isPreview: boolean; supportPlans: string[] }[]>();
  for (const r of rows) map.set(r.location, [...(map.get(r.location) ?? []), { version: r.version, isPreview: r.isPreview, supportPlans: r.supportPlans }]);
  return map;
}

const SELECT = { id: true, name: true, subscriptionId: true, resourceGroup: true, location: true, kubernetesVersion: true, raw: true } as const;

/** Every cluster in scope (optionally one), with version support and settings. */
export async function listClusterSettings(viewer: Viewer, input: { cluster?: string } = {}, db: PrismaClient = getPrisma(), now = new Date()): Promise<ClusterSettingsDto[]> {
  const clusters = await db.cluster.findMany({
    where: { AND: [clusterScope(viewer), input.cluster ? { id: input.cluster } : {}] },
    select: SELECT,
    orderBy: [{ name: 'asc' }],
    take: 2000,
  });
  const regions = await regionVersions(db, clusters.map((c) => c.location));
  return clusters.map((c) => toDto(c, regions, now));
}

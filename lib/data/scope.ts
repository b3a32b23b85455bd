import 'server-only';
// Cluster scope as query fragments. Every data-access function builds its WHERE from these, so a viewer
// limited to some clusters cannot read another cluster's rows by guessing an id: the row is simply not found.
// The rule — "a cluster listed for the viewer, or anything in a subscription listed for them" — lives in
// `scopeSql` alone; the other helpers only say which columns of which table it applies to.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../errors';

/** Prisma `where` for findings visible to the viewer. */
export function findingScope(viewer: Viewer): Prisma.FindingWhereInput {
  if (viewer.scope.kind === 'all') return {};
  return {
    OR: [
      { clusterId: { in: [...viewer.scope.clusterIds] } },
      { subscriptionId: { in: [...viewer.scope.subscriptionIds] } },
    ],
  };
}

/** Prisma `where` for clusters visible to the viewer (deleted clusters are history, not inventory). */
export function clusterScope(viewer: Viewer): Prisma.ClusterWhereInput {
  if (viewer.scope.kind === 'all') return { deletedAt: null };
  return {
    deletedAt: null,
    OR: [{ id: { in: [...viewer.scope.clusterIds] } }, { subscriptionId: { in: [...viewer.scope.subscriptionIds] } }],
  };
}

/**
 * The scope rule as a raw SQL condition over a table's cluster and subscription columns. Written as an OR of two
 * `= ANY` arms so that, with an index on each column, Postgres answers it with a BitmapOr of two index scans
 * (checked with EXPLAIN at a million findings; see scripts/bench/README.md). Column names come from this file.
 */
function scopeSql(viewer: Viewer, clusterColumn: string, subscriptionColumn: string): Prisma.Sql {
  if (viewer.scope.kind === 'all') return Prisma.sql`TRUE`;
  const clusters = [...viewer.scope.clusterIds];
  const subs = [...viewer.scope.subscriptionIds];
  return Prisma.sql`(${Prisma.raw(clusterColumn)} = ANY(${clusters}::text[]) OR ${Prisma.raw(subscriptionColumn)} = ANY(${subs}::text[]))`;
}

/** Scope on the findings table aliased `f`. */
export function findingScopeSql(viewer: Viewer): Prisma.Sql {
  if (viewer.scope.kind === 'all') return Prisma.sql`TRUE`;
  // Registry-scan CVEs carry the registry, not a cluster: they belong to whoever runs that image (issue 11), so a
  // finding about an image digest is also in scope when one of the viewer's clusters runs it (workloads_image_digest_idx).
  // Only findings attached to no cluster: another team's runtime CVE on the same image stays theirs.
  return Prisma.sql`(${scopeSql(viewer, 'f.cluster_id', 'f.subscription_id')} OR (f.cluster_id IS NULL AND f.image_digest IN (${runningImagesSql(viewer)})))`;
}

/** Digests of the images the viewer's clusters run (optionally one cluster): the join from registry CVEs to clusters. */
export function runningImagesSql(viewer: Viewer, clusterId?: string): Prisma.Sql {
  const one = clusterId ? Prisma.sql`AND c.id = ${clusterId}` : Prisma.empty;
  return Prisma.sql`SELECT w.image_digest FROM workloads w JOIN clusters c ON c.id = w.cluster_id
                     WHERE c.deleted_at IS NULL AND ${clusterScopeSql(viewer)} ${one}`;
}

/**
 * The Prisma form of the findings rule, registry CVEs included. Prisma cannot express the workload join, so the
 * digests running on the viewer's clusters are read first (a short list: the images of their clusters).
 */
export async function findingScopeWithImages(viewer: Viewer, db: PrismaClient): Promise<Prisma.FindingWhereInput> {
  if (viewer.scope.kind === 'all') return {};
  const running = await db.workload.findMany({ where: { cluster: clusterScope(viewer) }, distinct: ['imageDigest'], select: { imageDigest: true } });
  const base = findingScope(viewer);
  return { OR: [...(base.OR ?? []), { clusterId: null, imageDigest: { in: running.map((w) => w.imageDigest) } }] };
}

/** Scope on a policy table (policy_states, policy_exemptions, policy_compliance_summary) under `alias`. */
export function clusterOrSubscriptionScopeSql(viewer: Viewer, alias: 'p' | 'e' | 's'): Prisma.Sql {
  return scopeSql(viewer, `${alias}.cluster_id`, `${alias}.subscription_id`);
}

/** Scope on the `finding_counts` summary aliased `s` ('' never matches a listed id, like NULL on findings). */
export function summaryScopeSql(viewer: Viewer): Prisma.Sql {
  return scopeSql(viewer, 's.cluster_id', 's.subscription_id');
}

/** Scope on the clusters table aliased `c` (deleted clusters included: callers decide). */
export function clusterScopeSql(viewer: Viewer): Prisma.Sql {
  return scopeSql(viewer, 'c.id', 'c.subscription_id');
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);
}

/** Scope on the triage queue table aliased `f` (its cluster and subscription columns; the same rule as everywhere). */
export function triageScopeSql(viewer: Viewer): Prisma.Sql {
  return scopeSql(viewer, 'f.cluster_id', 'f.subscription_id');
}

import 'server-only';
// Cluster scope as query fragments. Every data-access function builds its WHERE from these, so a viewer
// limited to some clusters cannot read another cluster's rows by guessing an id: the row is simply not found.
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

/** The same scope as a raw SQL condition on a table aliased `f` (findings) for aggregate queries. */
export function findingScopeSql(viewer: Viewer): Prisma.Sql {
  if (viewer.scope.kind === 'all') return Prisma.sql`TRUE`;
  const clusters = [...viewer.scope.clusterIds];
  const subs = [...viewer.scope.subscriptionIds];
  // Registry-scan CVEs carry the registry, not a cluster: they belong to whoever runs that image (issue 11), so a
  // finding about an image digest is in scope when one of the viewer's clusters runs it (workloads_image_digest_idx).
  return Prisma.sql`(f.cluster_id = ANY(${clusters}::text[]) OR f.subscription_id = ANY(${subs}::text[])
    OR (f.image_digest IS NOT NULL AND EXISTS (
      SELECT 1 FROM workloads w JOIN clusters wc ON wc.id = w.cluster_id
       WHERE w.image_digest = f.image_digest AND wc.deleted_at IS NULL
         AND (wc.id = ANY(${clusters}::text[]) OR wc.subscription_id = ANY(${subs}::text[])))))`;
}

/**
 * The Prisma form of the same rule, registry CVEs included. Prisma cannot express the workload join, so the digests
 * running on the viewer's clusters are read first (a short list: the images of their clusters) and matched by value.
 */
export async function findingScopeWithImages(viewer: Viewer, db: PrismaClient): Promise<Prisma.FindingWhereInput> {
  if (viewer.scope.kind === 'all') return {};
  const running = await db.workload.findMany({ where: { cluster: clusterScope(viewer) }, distinct: ['imageDigest'], select: { imageDigest: true } });
  const base = findingScope(viewer);
  return { OR: [...(base.OR ?? []), { imageDigest: { in: running.map((w) => w.imageDigest) } }] };
}

/** The scope of any table with `cluster_id` and `subscription_id` columns under `alias` (policy states, summaries). */
export function clusterOrSubscriptionScopeSql(viewer: Viewer, alias: string): Prisma.Sql {
  if (viewer.scope.kind === 'all') return Prisma.sql`TRUE`;
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`scope: bad table alias "${alias}"`);
  const t = Prisma.raw(alias);
  return Prisma.sql`(${t}.cluster_id = ANY(${[...viewer.scope.clusterIds]}::text[]) OR ${t}.subscription_id = ANY(${[...viewer.scope.subscriptionIds]}::text[]))`;
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);
}

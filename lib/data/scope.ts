import 'server-only';
// Cluster scope as query fragments. Every data-access function builds its WHERE from these, so a viewer
// limited to some clusters cannot read another cluster's rows by guessing an id: the row is simply not found.
import { Prisma } from '../generated/prisma/client';
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
  return Prisma.sql`(f.cluster_id = ANY(${clusters}::text[]) OR f.subscription_id = ANY(${subs}::text[]))`;
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);
}

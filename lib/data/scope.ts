import 'server-only';
// Cluster scope as query fragments. Every data-access function builds its WHERE from these, so a viewer
// limited to some clusters cannot read another cluster's rows by guessing an id: the row is simply not found.
// The rule — "a cluster listed for the viewer, or anything in a subscription listed for them" — lives in
// `scopeSql` alone; the other helpers only say which columns of which table it applies to.
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
  return scopeSql(viewer, 'f.cluster_id', 'f.subscription_id');
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

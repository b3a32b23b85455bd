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

/**
 * The rule of `findingScopeSql` for a query that wants the first rows of findings in an index order (the findings
 * list, the cluster page's table) or a capped count of them. For a viewer of hundreds of clusters, that OR leaves
 * the planner two bad plans: walk an index in list order discarding every row outside the scope (1.4 s at a million
 * findings when the viewer's are not the newest), or gather all of the viewer's rows and sort them. Here the rule
 * is split into disjoint arms, so each finding in scope matches exactly one and the union holds it once:
 *   - on a listed cluster;
 *   - in a listed subscription, on no listed cluster;
 *   - a registry-scan CVE (no cluster) of an image a visible cluster runs, outside the listed subscriptions.
 * `select(arm)` returns a complete SELECT over `findings f` with `arm` in its WHERE (typically ORDER BY … LIMIT n);
 * the result is the UNION ALL of those SELECTs, to be ordered and limited again by the caller.
 * `perKey` gives the first two arms as one SELECT per cluster and per subscription (`unnest` + LATERAL): each an
 * index range on (cluster_id | subscription_id, status, severity, id DESC) that stops after n rows, whatever the
 * ids of the viewer's findings. Without it they are `= ANY` conditions, for a text search: there the trigram bitmap
 * is the selective part, and the planner ANDs it with the cluster index's bitmap.
 * A viewer who sees everything gets `select(TRUE)`: one query, today's plan.
 */
export function findingScopeArmsSql(viewer: Viewer, select: (arm: Prisma.Sql) => Prisma.Sql, options: { perKey: boolean }): Prisma.Sql {
  if (viewer.scope.kind === 'all') return select(Prisma.sql`TRUE`);
  const clusters = [...new Set(viewer.scope.clusterIds)];
  const subs = [...new Set(viewer.scope.subscriptionIds)];
  const arms: Prisma.Sql[] = [];
  const perKey = (ids: string[], arm: (key: Prisma.Sql) => Prisma.Sql) =>
    Prisma.sql`SELECT a.* FROM unnest(${ids}::text[]) AS k(id) CROSS JOIN LATERAL (${select(arm(Prisma.sql`k.id`))}) a`;
  if (clusters.length) {
    arms.push(options.perKey ? perKey(clusters, (k) => Prisma.sql`f.cluster_id = ${k}`) : select(Prisma.sql`f.cluster_id = ANY(${clusters}::text[])`));
  }
  if (subs.length) {
    const offListedClusters = Prisma.sql`(f.cluster_id IS NULL OR f.cluster_id <> ALL(${clusters}::text[]))`;
    arms.push(
      options.perKey
        ? perKey(subs, (k) => Prisma.sql`f.subscription_id = ${k} AND ${offListedClusters}`)
        : select(Prisma.sql`f.subscription_id = ANY(${subs}::text[]) AND ${offListedClusters}`),
    );
  }
  // A semi-join on the running digests: with a text search the planner filters the trigram hits by it; without one it
  // walks findings_registry_cve_idx (cluster-less findings only, digest included) in list order, filtering.
  arms.push(select(Prisma.sql`f.cluster_id IS NULL AND f.image_digest IN (${runningImagesSql(viewer)})
    AND (f.subscription_id IS NULL OR f.subscription_id <> ALL(${subs}::text[]))`));
  return Prisma.join(arms.map((a) => Prisma.sql`(${a})`), ' UNION ALL ');
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

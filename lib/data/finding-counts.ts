import 'server-only';
// Reads of the finding summaries (migration 20261202020000_finding_summaries), never of the findings table:
// the overview, `posture stats`, cluster pages and the findings list's total all count from here. Triggers on
// `findings` keep the summaries current in the same transaction as every write, so they agree with a direct count.
import { Prisma } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import type { FindingStatus, Severity, SourceId, Stage } from '../domain/model';
import { runningImagesSql, summaryScopeSql } from './scope';

export interface SummaryFilter {
  clusterId?: string;
  status?: FindingStatus;
  severity?: readonly Severity[];
  stage?: Stage;
  source?: SourceId;
  control?: string;
  /** With clusterId: also count the registry-scan CVEs of the images that cluster runs (the cluster page's view). */
  includeRunningImages?: boolean;
}

/**
 * `FROM … s WHERE …` over the summary that answers this viewer and filter with the fewest rows: the estate
 * totals (tens of rows) for an unscoped viewer looking at the whole estate, otherwise the per-cluster counts
 * under the viewer's scope. Both expose source, control_id, stage, severity, status and n.
 */
export function summarySource(viewer: Viewer, filter: SummaryFilter = {}): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.status) conditions.push(Prisma.sql`s.status = ${filter.status}::"FindingStatus"`);
  if (filter.severity?.length) conditions.push(Prisma.sql`s.severity = ANY(${[...filter.severity]}::"Severity"[])`);
  if (filter.stage) conditions.push(Prisma.sql`s.stage = ${filter.stage}::"Stage"`);
  if (filter.source) conditions.push(Prisma.sql`s.source = ${filter.source}`);
  if (filter.control) conditions.push(Prisma.sql`s.control_id = ${filter.control}`);
  if (viewer.scope.kind === 'all' && !filter.clusterId) {
    return Prisma.sql`FROM finding_totals s WHERE ${conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`}`;
  }
  if (filter.clusterId && filter.includeRunningImages) {
    // One cluster's view: its own findings plus the registry-scan CVEs of the images it runs (they carry the
    // registry, not the cluster) — bounded by that cluster's running images, read by the image-digest index.
    const clusterId = filter.clusterId;
    return Prisma.sql`FROM (
        SELECT s.source, s.control_id, s.stage, s.severity, s.status, s.n FROM finding_counts s
         WHERE ${summaryScopeSql(viewer)} AND s.cluster_id = ${clusterId}
        UNION ALL
        SELECT f.source, f.control_id, f.stage, f.severity, f.status, count(*)::int AS n FROM findings f
         WHERE f.cluster_id IS NULL AND f.image_digest IN (${runningImagesSql(viewer, clusterId)})
         GROUP BY f.source, f.control_id, f.stage, f.severity, f.status
      ) s WHERE ${conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`}`;
  }
  if (filter.clusterId || viewer.scope.kind === 'all') {
    conditions.unshift(summaryScopeSql(viewer));
    if (filter.clusterId) conditions.push(Prisma.sql`s.cluster_id = ${filter.clusterId}`);
    return Prisma.sql`FROM finding_counts s WHERE ${Prisma.join(conditions, ' AND ')}`;
  }
  // A scoped viewer's estate also holds the registry-scan CVEs of the images their clusters run (findingScopeSql):
  // those carry no cluster, so they are counted from findings — bounded by the viewer's running images — unless
  // their subscription is in scope, where the summary already has them.
  const subs = [...viewer.scope.subscriptionIds];
  return Prisma.sql`FROM (
      SELECT s.source, s.control_id, s.stage, s.severity, s.status, s.n FROM finding_counts s WHERE ${summaryScopeSql(viewer)}
      UNION ALL
      SELECT f.source, f.control_id, f.stage, f.severity, f.status, count(*)::int AS n FROM findings f
       WHERE f.cluster_id IS NULL AND f.image_digest IN (${runningImagesSql(viewer)}) AND COALESCE(f.subscription_id, '') <> ALL(${subs}::text[])
       GROUP BY f.source, f.control_id, f.stage, f.severity, f.status
    ) s WHERE ${conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`}`;
}

import 'server-only';
// The overview: every catalog control with its status and open findings by severity, within the viewer's
// scope and optionally one cluster. One grouped query over the finding summaries (never the findings table);
// the catalog supplies the rest.
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { CONTROLS, computeControlStatus } from '../catalog';
import { getPrisma } from '../db/prisma';
import { SEVERITIES, STAGES, type ControlStatus, type Severity, type Stage, type TeamRole } from '../domain/model';
import { summarySource } from './finding-counts';
import { clusterScopeSql, notFound } from './scope';
import { listSourceFreshness } from './sources';

export type SeverityCounts = Record<Severity, number>;

export interface ControlSummary {
  id: string;
  stage: Stage;
  title: string;
  summary: string;
  ownerRoles: readonly TeamRole[];
  manual: boolean;
  status: ControlStatus;
  open: SeverityCounts;
  openTotal: number;
  evidenceRecords: number;
}

export interface StageSummary {
  stage: Stage;
  controls: ControlSummary[];
  open: SeverityCounts;
  tally: Record<ControlStatus, number>;
}

export interface PostureOverview {
  stages: StageSummary[];
  open: SeverityCounts;
  openTotal: number;
  cluster: { id: string; name: string } | null;
}

export const emptyCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, informational: 0 });

export async function getPostureOverview(
  viewer: Viewer,
  input: { clusterId?: string; role?: TeamRole },
  db: PrismaClient = getPrisma(),
): Promise<PostureOverview> {
  let cluster: PostureOverview['cluster'] = null;
  if (input.clusterId) {
    const found = await db.$queryRaw<{ id: string; name: string }[]>`
      SELECT c.id, c.name FROM clusters c WHERE c.id = ${input.clusterId} AND c.deleted_at IS NULL AND ${clusterScopeSql(viewer)}`;
    if (found.length === 0) throw notFound('That cluster');
    cluster = found[0]!;
  }
  const rows = await db.$queryRaw<{ control_id: string; severity: Severity; open: number; total: number }[]>`
    SELECT s.control_id, s.severity::text AS severity,
           COALESCE(sum(s.n) FILTER (WHERE s.status = 'open'), 0)::int AS open, sum(s.n)::int AS total
      ${summarySource(viewer, { clusterId: input.clusterId, includeRunningImages: true })}
     GROUP BY s.control_id, s.severity`;

  // A source whose latest run failed after its last success cannot vouch for a passing control.
  const freshness = await listSourceFreshness(viewer, db);
  const sourcesFailing = freshness
    .filter((f) => f.lastFailure && (!f.lastSuccessAt || f.lastFailure.at > f.lastSuccessAt))
    .map((f) => f.source);
  const byControl = new Map<string, { open: SeverityCounts; total: number }>();
  for (const r of rows) {
    const entry = byControl.get(r.control_id) ?? { open: emptyCounts(), total: 0 };
    entry.open[r.severity] += r.open;
    entry.total += r.total;
    byControl.set(r.control_id, entry);
  }
  const open = emptyCounts();
  const stages: StageSummary[] = STAGES.map((stage) => {
    const controls = CONTROLS.filter((c) => c.stage === stage && (!input.role || (c.ownerRoles as readonly TeamRole[]).includes(input.role))).map(
      (c): ControlSummary => {
        const facts = byControl.get(c.id) ?? { open: emptyCounts(), total: 0 };
        const openTotal = SEVERITIES.reduce((n, s) => n + facts.open[s], 0);
        return {
          id: c.id,
          stage: c.stage,
          title: c.title,
          summary: c.summary,
          ownerRoles: c.ownerRoles,
          manual: c.manual,
          status: computeControlStatus(c, { evidenceRecords: facts.total, openBySeverity: facts.open, sourcesFailing }),
          open: facts.open,
          openTotal,
          evidenceRecords: facts.total,
        };
      },
    );
    const stageOpen = emptyCounts();
    for (const c of controls) for (const s of SEVERITIES) stageOpen[s] += c.open[s];
    const tally: Record<ControlStatus, number> = { pass: 0, fail: 0, 'no-evidence': 0 };
    for (const c of controls) tally[c.status] += 1;
    return { stage, controls, open: stageOpen, tally };
  });
  // Totals count every open finding in scope, including those of controls hidden by the role filter.
  for (const entry of byControl.values()) for (const s of SEVERITIES) open[s] += entry.open[s];
  return { stages, open, openTotal: SEVERITIES.reduce((n, s) => n + open[s], 0), cluster };
}

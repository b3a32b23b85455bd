import 'server-only';
// The numbers behind `posture stats --json`; the same scope rules and the same counting as the overview, so
// the CLI and the page agree. Read from the finding summaries, like the overview.
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { SEVERITIES, STAGES, type Severity, type Stage } from '../domain/model';
import { emptyCounts, type SeverityCounts } from './posture';
import { summarySource } from './finding-counts';

export interface FindingStats {
  findings: {
    total: number;
    open: number;
    bySource: Record<string, { open: number; bySeverity: SeverityCounts }>;
    byStage: Record<Stage, { open: number }>;
  };
}

export async function getFindingStats(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<FindingStats> {
  const rows = await db.$queryRaw<{ source: string; stage: Stage; severity: Severity; open: number; total: number }[]>`
    SELECT s.source, s.stage::text AS stage, s.severity::text AS severity,
           COALESCE(sum(s.n) FILTER (WHERE s.status = 'open'), 0)::int AS open, sum(s.n)::int AS total
      ${summarySource(viewer)}
     GROUP BY s.source, s.stage, s.severity
    HAVING sum(s.n) > 0`;
  const stats: FindingStats = {
    findings: {
      total: 0,
      open: 0,
      bySource: {},
      byStage: Object.fromEntries(STAGES.map((s) => [s, { open: 0 }])) as Record<Stage, { open: number }>,
    },
  };
  for (const r of rows) {
    stats.findings.total += r.total;
    stats.findings.open += r.open;
    const src = (stats.findings.bySource[r.source] ??= { open: 0, bySeverity: emptyCounts() });
    src.open += r.open;
    src.bySeverity[r.severity] += r.open;
    stats.findings.byStage[r.stage].open += r.open;
  }
  // Keep the severity keys in their documented order for readers of the JSON.
  for (const src of Object.values(stats.findings.bySource)) {
    src.bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, src.bySeverity[s]])) as SeverityCounts;
  }
  return stats;
}

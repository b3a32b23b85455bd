// Pure shaping of chart DTOs: zero-filling, ordering and the plain-language summaries that stand in for the picture
// for screen-reader users. Kept apart from the Recharts components so they can be unit-tested in Node.
import { SEVERITIES, STAGE_LABELS, STAGES, type Severity, type Stage } from '@/lib/domain/model';
import { formatCount, formatDay } from '@/components/ui/format';
import { SEVERITY_LABELS, totalSeverityCount, type SeverityCountMap } from '@/components/posture/severity';

/** One day of the trend: open findings per severity at the end of that day. `day` is a calendar date, `YYYY-MM-DD`. */
export type TrendPoint = { day: string } & SeverityCountMap;

/** Open findings of one lifecycle stage, per severity. */
export type StageBarDatum = { stage: Stage } & SeverityCountMap;

export type FullSeverityCounts = Record<Severity, number>;

export type TrendRow = { day: string; total: number } & FullSeverityCounts;
export type StageRow = { stage: Stage; label: string; total: number } & FullSeverityCounts;

function fillSeverities(counts: SeverityCountMap): FullSeverityCounts {
  return {
    critical: counts.critical ?? 0,
    high: counts.high ?? 0,
    medium: counts.medium ?? 0,
    low: counts.low ?? 0,
    informational: counts.informational ?? 0,
  };
}

/** Zero-filled and sorted by day, so a missing level never breaks the stack and the x axis always runs forward. */
export function toTrendRows(points: readonly TrendPoint[]): TrendRow[] {
  return [...points]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map((point) => ({ day: point.day, ...fillSeverities(point), total: totalSeverityCount(point) }));
}

/** One row per stage in lifecycle order, including stages the DTO left out, so the bars keep their positions. */
export function toStageRows(data: readonly StageBarDatum[]): StageRow[] {
  return STAGES.map((stage) => {
    const found = data.find((datum) => datum.stage === stage) ?? {};
    return { stage, label: STAGE_LABELS[stage], ...fillSeverities(found), total: totalSeverityCount(found) };
  });
}

/** "3 critical, 12 high and 40 low" — non-zero levels only, most severe first; "none" when all are zero. */
export function describeSeverityCounts(counts: SeverityCountMap): string {
  const parts = SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0).map(
    (severity) => `${formatCount(counts[severity] ?? 0)} ${SEVERITY_LABELS[severity].toLowerCase()}`,
  );
  if (parts.length === 0) return 'none';
  if (parts.length === 1) return parts[0] ?? 'none';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

export function summariseTrend(points: readonly TrendPoint[]): string {
  const rows = toTrendRows(points);
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return 'No trend data for this period.';
  const latest = `On ${formatDay(last.day)}: ${formatCount(last.total)} open findings (${describeSeverityCounts(last)}).`;
  if (rows.length === 1) return latest;
  const change = last.total - first.total;
  const direction =
    change === 0 ? 'unchanged' : `${change > 0 ? 'up' : 'down'} ${formatCount(Math.abs(change))}`;
  const peak = rows.reduce((max, row) => (row.total > max.total ? row : max), first);
  return (
    `Open findings went from ${formatCount(first.total)} on ${formatDay(first.day)} to ${formatCount(last.total)} on ` +
    `${formatDay(last.day)} (${direction}), peaking at ${formatCount(peak.total)} on ${formatDay(peak.day)}. ${latest}`
  );
}

export function summariseSeverityCounts(counts: SeverityCountMap): string {
  const total = totalSeverityCount(counts);
  if (total === 0) return 'No open findings.';
  return `${formatCount(total)} open findings: ${describeSeverityCounts(counts)}.`;
}

export function summariseStages(data: readonly StageBarDatum[]): string {
  const rows = toStageRows(data);
  const withFindings = rows.filter((row) => row.total > 0);
  if (withFindings.length === 0) return 'No open findings in any stage.';
  return `Open findings by stage: ${withFindings
    .map((row) => `${row.label} ${formatCount(row.total)} (${describeSeverityCounts(row)})`)
    .join('; ')}.`;
}

// The trends page's charts: report DTOs shaped into rows and series for SeriesChart (server side, so the client
// receives plain numbers). Each chart has a table of the same rows and a CSV of that table.
import { SeriesChart } from '@/components/charts/series-chart';
import { SERIES_COLORS } from '@/components/charts/series-colors';
import { SEVERITY_CHART_COLORS, SEVERITY_LABELS } from '@/components/posture/severity';
import type { ScoreTrend } from '@/lib/data/secure-score-trend';
import type { TrendReport, TtrRow } from '@/lib/data/trends';
import { SEVERITIES, type Severity } from '@/lib/domain/model';

const SEVERITY_SERIES = SEVERITIES.map((s) => ({ key: s, label: SEVERITY_LABELS[s], color: SEVERITY_CHART_COLORS[s] }));
const DAY = { key: 'day', label: 'Day' };

const severityRows = (points: TrendReport['open']) =>
  points.map((p) => ({ day: p.day, critical: p.critical, high: p.high, medium: p.medium, low: p.low, informational: p.informational }));

function moveSummary(what: string, points: { day: string; total: number }[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${what} recorded in this period.`;
  return `${what}: ${first.total} on ${first.day}, ${last.total} on ${last.day}.`;
}
const totals = (points: TrendReport['open']) => points.map((p) => ({ day: p.day, total: SEVERITIES.reduce((n, s) => n + p[s], 0) }));

export function ScoreChart({ score }: { score: ScoreTrend }) {
  const series = [
    { key: 'estate', label: 'All subscriptions', color: SERIES_COLORS[0] },
    ...score.subscriptions.map((s, i) => ({ key: s.id, label: s.name, color: SERIES_COLORS[(i + 1) % SERIES_COLORS.length]! })),
  ];
  const first = score.points[0];
  const last = score.points.at(-1);
  return (
    <SeriesChart
      label="Secure score over time"
      summary={first && last ? `Secure score went from ${first.estate}% on ${first.day} to ${last.estate}% on ${last.day}.` : 'No secure score recorded in this period.'}
      kind="line"
      x={DAY}
      series={series}
      rows={score.points}
      unit="percent"
      empty="No secure score recorded yet: it appears after the first Defender sync."
    />
  );
}

/** Counts per day by severity, stacked (open findings; SLA breaches). */
function SeverityOverTime({ label, what, points, empty, height }: { label: string; what: string; points: TrendReport['open']; empty?: string; height?: number }) {
  return (
    <SeriesChart label={label} summary={moveSummary(what, totals(points))} kind="stacked-area" x={DAY} series={SEVERITY_SERIES} rows={severityRows(points)} unit="count" empty={empty} height={height} />
  );
}

export function OpenFindingsChart({ report }: { report: TrendReport }) {
  return <SeverityOverTime label="Open findings by severity" what="Open findings" points={report.open} height={260} />;
}

export function NewVsFixedChart({ report }: { report: TrendReport }) {
  const opened = report.newVsFixed.reduce((n, w) => n + w.opened, 0);
  const fixed = report.newVsFixed.reduce((n, w) => n + w.fixed, 0);
  return (
    <SeriesChart
      label="New vs fixed per week"
      summary={`${opened} findings new and ${fixed} fixed over ${report.newVsFixed.length} weeks.`}
      kind="bar"
      x={{ key: 'week', label: 'Week of' }}
      series={[
        { key: 'opened', label: 'New', color: 'var(--color-high)' },
        { key: 'fixed', label: 'Fixed', color: 'var(--color-pass)' },
      ]}
      rows={report.newVsFixed.map((w) => ({ week: w.weekStart, opened: w.opened, fixed: w.fixed }))}
      unit="count"
    />
  );
}

export function BreachesChart({ report }: { report: TrendReport }) {
  return <SeverityOverTime label="SLA breaches over time" what="Triage items past their SLA" points={report.breaches} empty="No triage item was past its SLA in this period." />;
}

export function PolicyChart({ report }: { report: TrendReport }) {
  const series = report.policy.initiatives.map((i, n) => ({ key: i.id, label: i.name, color: SERIES_COLORS[n % SERIES_COLORS.length]! }));
  return (
    <SeriesChart
      label="Policy compliance over time"
      summary={`Compliance per initiative on ${report.policy.points.length} days.`}
      kind="line"
      x={DAY}
      series={series}
      rows={report.policy.points}
      unit="percent"
      empty="No policy compliance recorded yet: it starts with the first Azure Policy sync."
    />
  );
}

function ttrChartRows(rows: TtrRow[], label: (key: string) => string) {
  return rows.map((r) => ({ group: label(r.key), mean: r.meanDays, median: r.medianDays, fixed: r.fixed }));
}
const TTR_SERIES = [
  { key: 'mean', label: 'Mean days', color: SERIES_COLORS[0] },
  { key: 'median', label: 'Median days', color: SERIES_COLORS[2] },
];

export function TtrCharts({ report }: { report: TrendReport }) {
  const crit = report.ttrBySeverity.find((r) => r.key === 'critical');
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <SeriesChart
        label="Time to remediate by severity"
        summary={crit?.meanDays != null ? `Criticals were fixed in ${crit.meanDays} days on average (median ${crit.medianDays}).` : 'No critical finding was fixed in this period.'}
        kind="bar"
        x={{ key: 'group', label: 'Severity' }}
        series={TTR_SERIES}
        extraColumns={[{ key: 'fixed', label: 'Fixed' }]}
        rows={ttrChartRows(report.ttrBySeverity, (k) => SEVERITY_LABELS[k as Severity])}
        unit="days"
      />
      <SeriesChart
        label="Time to remediate by team"
        summary={report.ttrByTeam.map((t) => `${t.key}: mean ${t.meanDays ?? '–'} days`).join('; ') || 'No finding was fixed in this period.'}
        kind="bar"
        x={{ key: 'group', label: 'Team' }}
        series={TTR_SERIES}
        extraColumns={[{ key: 'fixed', label: 'Fixed' }]}
        rows={ttrChartRows(report.ttrByTeam, (k) => k)}
        unit="days"
        empty="No finding of a team's cluster was fixed in this period."
      />
    </div>
  );
}

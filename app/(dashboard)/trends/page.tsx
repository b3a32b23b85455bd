import type { Metadata } from 'next';
import Link from 'next/link';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionCard } from '@/components/layout/section-card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { getScoreTrend } from '@/lib/data/secure-score-trend';
import { getTeamComparison } from '@/lib/data/team-comparison';
import { listTriageFilterOptions } from '@/lib/data/triage';
import { getTrendReport } from '@/lib/data/trends';
import { dropEmptyParams, toQueryString } from '@/lib/validation/query-string';
import { trendFiltersSchema } from '@/lib/validation/trends';
import { BreachesChart, NewVsFixedChart, OpenFindingsChart, PolicyChart, ScoreChart, TtrCharts } from './_components/trend-charts';
import { TeamTable } from './_components/team-table';
import { TrendFiltersBar } from './_components/trend-filters';

export const metadata: Metadata = { title: 'Trends' };

// Trends for managers (issue 12): every number comes from the daily snapshot tables the sync keeps, cut by team or
// cluster and by the viewer's scope inside each query.
export default async function TrendsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('posture.view');
  const parsed = trendFiltersSchema.safeParse(dropEmptyParams(await searchParams));
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/trends" />;
  const params = parsed.data;
  const days = Number(params.range);
  const cut = { team: params.team, clusterId: params.cluster };
  const [report, score, teams, options] = await Promise.all([
    getTrendReport(viewer, { ...cut, days }),
    getScoreTrend(viewer, { ...cut, days, subscriptionId: params.subscription }),
    getTeamComparison(viewer, { days }),
    listTriageFilterOptions(viewer),
  ]);
  const where = params.team ? `team ${params.team}` : params.cluster ? (options.clusters.find((c) => c.id === params.cluster)?.name ?? 'one cluster') : 'all clusters you can see';
  const changes = `/trends/changes${toQueryString({ team: params.team, cluster: params.cluster })}`;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Trends"
        description={
          <>
            Where we stand and whether we are getting better, over the last {days} days for {where}.{' '}
            <Link href={changes} className="underline">What changed last week</Link> · <Link href="/?role=all" className="underline">Posture overview</Link>
          </>
        }
      />
      <TrendFiltersBar params={params} teams={options.teams} basePath="/trends" />
      <SectionCard title="Secure score" description="Microsoft Defender for Cloud secure score per day: all subscriptions together and each one. Kept here beyond Defender's own three months.">
        <ScoreChart score={score} />
        {score.controls.length ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Security controls ({score.controls.length})</summary>
            <Table className="mt-2" data-testid="score-controls">
              <TableHeader>
                <TableRow>
                  <TableHead>Control</TableHead>
                  <TableHead className="text-right">{days} days ago</TableHead>
                  <TableHead className="text-right">Now</TableHead>
                  <TableHead className="text-right">Unhealthy resources</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {score.controls.map((c) => (
                  <TableRow key={c.controlId}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell className="text-right tabular-nums">{c.startPercent === null ? '–' : `${c.startPercent}%`}</TableCell>
                    <TableCell className="text-right tabular-nums">{c.endPercent}%</TableCell>
                    <TableCell className="text-right tabular-nums">{c.unhealthy}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        ) : null}
      </SectionCard>
      <div className="grid gap-4 xl:grid-cols-2">
        <SectionCard title="Open findings" description="Open at the end of each day, by severity, across every source.">
          <OpenFindingsChart report={report} />
        </SectionCard>
        <SectionCard title="New vs fixed" description="Findings first seen and fixed per week (Monday to Sunday).">
          <NewVsFixedChart report={report} />
        </SectionCard>
      </div>
      <SectionCard title="Time to remediate" description="Days from first seen to fixed, for findings fixed in this period.">
        <TtrCharts report={report} />
      </SectionCard>
      <div className="grid gap-4 xl:grid-cols-2">
        <SectionCard title="SLA breaches" description="Triage items past their due date at the end of each day.">
          <BreachesChart report={report} />
        </SectionCard>
        <SectionCard title="Policy compliance" description="Compliant share of evaluated resources per initiative, per day.">
          <PolicyChart report={report} />
        </SectionCard>
      </div>
      <SectionCard title="Teams" description="Which team needs help: open criticals now and against 30 days ago, SLA breaches now, time to remediate in this period.">
        <TeamTable rows={teams} params={params} />
      </SectionCard>
    </div>
  );
}

// The posture of the whole estate or of one cluster: summary, source freshness and the stage board, each
// section loading and failing on its own.
import { Suspense } from 'react';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { ControlStatusPill } from '@/components/posture/control-status-pill';
import { FreshnessLine } from '@/components/posture/freshness-line';
import { SeverityCounts } from '@/components/posture/severity-counts';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { Viewer } from '@/lib/auth/viewer';
import { getPostureOverview } from '@/lib/data/posture';
import { listSourceFreshness } from '@/lib/data/sources';
import { SEVERITIES, type TeamRole, type Severity, CONTROL_STATUSES } from '@/lib/domain/model';
import { StageBoard } from './stage-board';
import { TrendSection } from './trend-section';

export interface PostureViewProps {
  viewer: Viewer;
  role: TeamRole | 'all';
  clusterId?: string;
}

async function Freshness({ viewer }: { viewer: Viewer }) {
  const sources = await listSourceFreshness(viewer);
  return <FreshnessLine sources={sources} now={new Date()} />;
}

async function Board({ viewer, role, clusterId }: PostureViewProps) {
  const overview = await getPostureOverview(viewer, { clusterId, role: role === 'all' ? undefined : role });
  const hrefs = Object.fromEntries(
    SEVERITIES.map((s) => [s, `/findings?severity=${s}${clusterId ? `&cluster=${clusterId}` : ''}`]),
  ) as Record<Severity, string>;
  const tally = { pass: 0, fail: 0, 'no-evidence': 0 };
  for (const st of overview.stages) for (const k of CONTROL_STATUSES) tally[k] += st.tally[k];
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader className="pb-2">
            <CardTitle as="h2" className="text-sm font-medium text-muted-foreground">Open findings</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
            <span className="text-3xl font-semibold tabular-nums" data-testid="open-total">
              {overview.openTotal.toLocaleString('en-US')}
            </span>
            <SeverityCounts counts={overview.open} hrefs={hrefs} aria-label="Open findings by severity" data-testid="open-by-severity" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="pb-2">
            <CardTitle as="h2" className="text-sm font-medium text-muted-foreground">
              Controls{role === 'all' ? '' : ' owned by this role'}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center gap-4">
            {CONTROL_STATUSES.map((s) => (
              <span key={s} className="flex items-center gap-2" data-testid={`controls-${s}`}>
                <span className="text-2xl font-semibold tabular-nums">{tally[s]}</span>
                <ControlStatusPill status={s} />
              </span>
            ))}
          </CardContent>
        </Card>
      </div>
      <StageBoard stages={overview.stages} clusterId={clusterId} />
    </div>
  );
}

function BoardSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading posture">
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-96" />
        ))}
      </div>
    </div>
  );
}

export function PostureView(props: PostureViewProps) {
  return (
    <div className="flex flex-col gap-6">
      <SectionBoundary title="Source freshness">
        <Suspense fallback={<Skeleton className="h-6 w-2/3" />}>
          <Freshness viewer={props.viewer} />
        </Suspense>
      </SectionBoundary>
      <SectionBoundary title="Posture by stage">
        <Suspense fallback={<BoardSkeleton />}>
          <Board {...props} />
        </Suspense>
      </SectionBoundary>
      <SectionBoundary title="Trend">
        <Suspense fallback={<Skeleton className="h-72" />}>
          <TrendSection viewer={props.viewer} clusterId={props.clusterId} />
        </Suspense>
      </SectionBoundary>
    </div>
  );
}

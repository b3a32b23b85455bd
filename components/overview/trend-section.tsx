// Open findings over the snapshot window — what a manager opens the dashboard for.
import { TrendChart } from '@/components/charts/trend-chart';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { Viewer } from '@/lib/auth/viewer';
import { getOpenTrend } from '@/lib/data/trends';

export async function TrendSection({ viewer, clusterId }: { viewer: Viewer; clusterId?: string }) {
  const points = await getOpenTrend(viewer, { clusterId, days: 90 });
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Open findings, last 90 days</CardTitle>
        <CardDescription>Daily snapshots by severity, across every source{clusterId ? ' for this cluster' : ''}.</CardDescription>
      </CardHeader>
      <CardContent>
        <TrendChart data={points} height={260} />
      </CardContent>
    </Card>
  );
}

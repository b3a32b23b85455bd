import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { SeverityCounts } from '@/components/posture/severity-counts';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { clusterPath } from '@/lib/clusters/cluster-address';
import type { Viewer } from '@/lib/auth/viewer';
import { listClusters } from '@/lib/data/clusters';
import { SEVERITIES, type Severity } from '@/lib/domain/model';

export const metadata: Metadata = { title: 'Clusters' };

async function ClusterTable({ viewer }: { viewer: Viewer }) {
  const clusters = await listClusters(viewer);
  if (clusters.length === 0) {
    return <EmptyState title="No clusters yet" description="No AKS cluster in your scope has been synced. Check the inventory source on the overview." />;
  }
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Cluster</TableHead>
            <TableHead>Team</TableHead>
            <TableHead>Kubernetes</TableHead>
            <TableHead>Network policy</TableHead>
            <TableHead>Open findings</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {clusters.map((c) => {
            const hrefs = Object.fromEntries(SEVERITIES.map((s) => [s, `/findings?cluster=${c.id}&severity=${s}`])) as Record<Severity, string>;
            return (
              <TableRow key={c.id} data-cluster={c.id}>
                <TableCell>
                  <Link href={clusterPath(c)} className="font-medium hover:underline">{c.name}</Link>
                  <div className="text-xs text-muted-foreground">{c.resourceGroup} · {c.location ?? 'unknown region'}</div>
                </TableCell>
                <TableCell>{c.team ?? <span className="text-muted-foreground">untagged</span>}</TableCell>
                <TableCell className="tabular-nums">{c.kubernetesVersion ?? '—'}</TableCell>
                <TableCell>{c.networkPolicy ?? <span className="text-muted-foreground">none</span>}</TableCell>
                <TableCell><SeverityCounts counts={c.open} hrefs={hrefs} compact aria-label={`Open findings on ${c.name}`} /></TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

export default async function ClustersPage() {
  const viewer = await requirePermission('posture.view');
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Clusters" description="The AKS clusters you can see, with their open findings. Open one for its own posture page — bookmark it." />
      <SectionBoundary title="Clusters">
        <Suspense fallback={<Skeleton className="h-80" />}>
          <ClusterTable viewer={viewer} />
        </Suspense>
      </SectionBoundary>
    </div>
  );
}

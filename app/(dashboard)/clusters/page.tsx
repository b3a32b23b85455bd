import type { Metadata } from 'next';
import { Suspense } from 'react';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePermission } from '@/lib/auth/session';
import { clusterListSchema } from '@/lib/validation/clusters';
import { ClusterTable } from './_components/cluster-table';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('posture.view');
  const parsed = clusterListSchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/clusters" />;
  const query = parsed.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Clusters" description="The AKS clusters you can see, with their open findings. Open one for its own posture page — bookmark it." />
      <SectionBoundary title="Clusters">
        <Suspense key={JSON.stringify(query)} fallback={<Skeleton className="h-80" />}>
          <ClusterTable viewer={viewer} query={query} />
        </Suspense>
      </SectionBoundary>
    </div>
  );
}

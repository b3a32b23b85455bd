import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { PostureView } from '@/components/overview/posture-view';
import { RoleSwitcher } from '@/components/overview/role-switcher';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { ClusterTriagePanel } from '@/components/triage/cluster-triage-panel';
import { defaultRoleFocus } from '@/lib/auth/role-focus';
import { requirePermission } from '@/lib/auth/session';
import { getCluster } from '@/lib/data/clusters';
import { isAppError } from '@/lib/errors';
import { clusterIdSchema } from '@/lib/validation/findings';
import { overviewParamsSchema } from '@/lib/validation/overview';

export const metadata: Metadata = { title: 'Cluster' };

export default async function ClusterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission('posture.view');
  const id = clusterIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const parsed = overviewParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref={`/clusters/${id.data}`} />;
  let cluster;
  try {
    cluster = await getCluster(viewer, id.data);
  } catch (e) {
    // Another team's cluster answers exactly like a cluster that does not exist.
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const role = parsed.data.role ?? defaultRoleFocus(viewer);
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/clusters" className="hover:underline">Clusters</Link> / {cluster.name}
      </nav>
      <PageHeader
        title={cluster.name}
        description={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <span>Team: {cluster.team ?? 'untagged'}</span>
            <span>Kubernetes {cluster.kubernetesVersion ?? '—'}</span>
            <span>{cluster.location ?? 'unknown region'}</span>
            <span>Network policy: {cluster.networkPolicy ?? 'none'}</span>
            <span>{cluster.workloads} workloads · {cluster.images} images</span>
          </span>
        }
        actions={<RoleSwitcher basePath={`/clusters/${cluster.id}`} active={role} />}
      />
      <PostureView viewer={viewer} role={role} clusterId={cluster.id} />
      <SectionBoundary title="Security alerts and incidents">
        <ClusterTriagePanel viewer={viewer} clusterId={cluster.id} />
      </SectionBoundary>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClusterSwitcher } from '@/components/clusters/cluster-switcher';
import { CopyLinkButton } from '@/components/clusters/copy-link-button';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { SectionCard } from '@/components/layout/section-card';
import { PostureView } from '@/components/overview/posture-view';
import { RoleSwitcher } from '@/components/overview/role-switcher';
import { ClusterTriagePanel } from '@/components/triage/cluster-triage-panel';
import { defaultRoleFocus } from '@/lib/auth/role-focus';
import { requirePermission } from '@/lib/auth/session';
import { clusterPath, parseClusterAddress } from '@/lib/clusters/cluster-address';
import { resolveClusterId, listSwitcherClusters } from '@/lib/data/cluster-page';
import { getCluster } from '@/lib/data/clusters';
import { isAppError } from '@/lib/errors';
import { clusterPageParamsSchema } from '@/lib/validation/cluster-page';
import { dropEmptyParams } from '@/lib/validation/query-string';
import { ClusterFilters } from './_components/cluster-filters';
import { ClusterFindingsTable } from './_components/cluster-findings-table';
import { PolicySection, SettingsSection, SourceCounts } from './_components/cluster-sections';

export const metadata: Metadata = { title: 'Cluster' };


/** One cluster at its readable address: every source for it, each section with its own freshness and errors. */
export default async function ClusterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; rg: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission('posture.view');
  const { id: subscriptionId, rg, name } = await params;
  const address = parseClusterAddress([subscriptionId, rg, name]);
  if (!address) notFound();
  const parsed = clusterPageParamsSchema.safeParse(dropEmptyParams(await searchParams));
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref={clusterPath(address)} />;
  let cluster;
  try {
    cluster = await getCluster(viewer, await resolveClusterId(viewer, address));
  } catch (e) {
    // Another team's cluster answers exactly like a cluster that does not exist.
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const path = clusterPath(cluster);
  const p = parsed.data;
  const role = p.role ?? defaultRoleFocus(viewer);
  const switcher = await listSwitcherClusters(viewer);
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
            <span>{cluster.resourceGroup}</span>
            <span>{cluster.location ?? 'unknown region'}</span>
            <span>Kubernetes {cluster.kubernetesVersion ?? '—'}</span>
            <span>{cluster.workloads} workloads · {cluster.images} images</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ClusterSwitcher current={path} options={switcher.map((c) => ({ path: clusterPath(c), label: c.team ? `${c.name} (${c.team})` : c.name }))} />
            <CopyLinkButton />
          </div>
        }
      />
      <SectionCard title="Version and upgrade status" description="From the managed-cluster resource (inventory) and the versions AKS offers in its region.">
        <SettingsSection viewer={viewer} clusterId={cluster.id} />
      </SectionCard>
      <section aria-labelledby="board-title" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="board-title" className="text-base font-semibold">Controls by stage</h2>
          <RoleSwitcher basePath={path} active={role} />
        </div>
        <PostureView viewer={viewer} role={role} clusterId={cluster.id} />
      </section>
      <SectionCard title="Open findings by source" description="Defender recommendations, image CVEs of what runs here (runtime and registry scans), Azure Policy.">
        <SourceCounts viewer={viewer} clusterId={cluster.id} path={path} />
      </SectionCard>
      <SectionCard title="Policy and Gatekeeper compliance" description="Azure Policy results of the cluster resource and of its Kubernetes objects.">
        <PolicySection viewer={viewer} clusterId={cluster.id} />
      </SectionCard>
      <SectionBoundary title="Security alerts and incidents">
        <ClusterTriagePanel viewer={viewer} clusterId={cluster.id} />
      </SectionBoundary>
      <SectionCard id="findings" title="Findings" description="This cluster's findings and the registry CVEs of the images it runs. The filters are in the address: copy the link or bookmark it.">
        <div className="flex flex-col gap-4">
          <ClusterFilters path={path} params={p} />
          <ClusterFindingsTable viewer={viewer} clusterId={cluster.id} path={path} params={p} />
        </div>
      </SectionCard>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { formatPercent } from '@/components/compliance/compliance-bar';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionCard } from '@/components/layout/section-card';
import { FreshnessLine } from '@/components/posture/freshness-line';
import { requirePermission } from '@/lib/auth/session';
import { getComplianceOverview } from '@/lib/data/compliance';
import { listSourceFreshness } from '@/lib/data/sources';
import { complianceParamsSchema } from '@/lib/validation/compliance';
import { dropEmptyParams, toQueryString } from '@/lib/validation/query-string';
import { ComplianceFilters } from './_components/compliance-filters';
import {
  ComplianceGroups,
  Exemptions,
  KubernetesResults,
  PolicyCountsTable,
  PolicyResources,
  ResourcePolicies,
  VersionSupport,
} from './_components/compliance-sections';

export const metadata: Metadata = { title: 'Compliance' };


export default async function CompliancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('posture.view');
  const parsed = complianceParamsSchema.safeParse(dropEmptyParams(await searchParams));
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/compliance" />;
  const params = parsed.data;
  const filters = { initiative: params.initiative, assignment: params.assignment, cluster: params.cluster };
  const filtered = Boolean(filters.initiative || filters.assignment || filters.cluster);
  const [overview, options, freshness] = await Promise.all([
    getComplianceOverview(viewer, filters),
    filtered ? getComplianceOverview(viewer, {}) : null,
    listSourceFreshness(viewer),
  ]);
  const policyTitle = params.policy ? (overview.policies.find((p) => p.definitionId === params.policy?.toLowerCase())?.title ?? params.policy) : null;
  const close = `/compliance${toQueryString({ ...params, policy: undefined, resource: undefined })}`;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Compliance"
        description="Azure Policy and Gatekeeper results for your clusters and registries, exemptions, and Kubernetes version support. Filters live in the address bar — bookmark any view."
        actions={
          <div className="text-right" data-testid="compliance-total">
            <div className="text-2xl font-semibold tabular-nums">{formatPercent(overview.total.percent)}</div>
            <div className="text-xs text-muted-foreground tabular-nums">
              {overview.total.nonCompliant.toLocaleString('en-US')} non-compliant of {(overview.total.compliant + overview.total.nonCompliant).toLocaleString('en-US')} evaluated
            </div>
          </div>
        }
      >
        <FreshnessLine className="mt-2" sources={freshness.filter((f) => f.source === 'policy-state' || f.source === 'inventory')} />
      </PageHeader>
      <ComplianceFilters params={params} options={options ?? overview} />
      <ComplianceGroups overview={overview} params={params} />
      {params.policy ? (
        <SectionCard id="policy" title={`Resources of “${policyTitle}”`} description={<>Non-compliant first. Follow a resource to all its policies, or a cluster to its page. <Link href={close} className="underline">Close</Link></>}>
          <PolicyResources viewer={viewer} params={{ ...params, policy: params.policy }} />
        </SectionCard>
      ) : null}
      {params.resource ? (
        <SectionCard id="resource" title="Policies of one resource" description={<><span className="font-mono text-xs break-all">{params.resource}</span> · <Link href={close} className="underline">Close</Link></>}>
          <ResourcePolicies viewer={viewer} resource={params.resource} />
        </SectionCard>
      ) : null}
      <SectionCard title="Non-compliant resources per policy" description="Follow a policy to the resources it judged.">
        <PolicyCountsTable overview={overview} params={params} />
      </SectionCard>
      <SectionCard title="Kubernetes policy results" description="Gatekeeper results of the Azure Policy add-on, per cluster, namespace and workload (most violations first).">
        <KubernetesResults viewer={viewer} cluster={params.cluster} />
      </SectionCard>
      <SectionCard title="Exemptions" description="Waivers and mitigations, with their expiry. An expired exemption no longer exempts anything.">
        <Exemptions viewer={viewer} cluster={params.cluster} />
      </SectionCard>
      <SectionCard title="Kubernetes version support" description="Per cluster: version against the region's supported versions, upgrade channels, node image age.">
        <VersionSupport viewer={viewer} cluster={params.cluster} />
      </SectionCard>
      {overview.azureSummaries.length ? (
        <p className="text-xs text-muted-foreground" data-testid="azure-summary">
          Azure Policy&apos;s own summary:{' '}
          {overview.azureSummaries.map((s) => `${s.nonCompliantResources} non-compliant resources, ${s.nonCompliantPolicies} policies in ${s.subscriptionId}`).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}

// The data sections of the compliance page. Each is an async server component rendered inside its own Suspense and
// SectionBoundary, so a failing query shows that section's error, never a zero.
import Link from 'next/link';
import { ComplianceBar, formatPercent } from '@/components/compliance/compliance-bar';
import { ExemptionsTable } from '@/components/compliance/exemptions-table';
import { KubernetesResultsTable } from '@/components/compliance/kubernetes-results-table';
import { PolicyStatesTable } from '@/components/compliance/policy-states-table';
import { VersionTable } from '@/components/compliance/version-table';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Viewer } from '@/lib/auth/viewer';
import { clusterPath } from '@/lib/clusters/cluster-address';
import { listClusterSettings } from '@/lib/data/cluster-versions';
import { listExemptions, listKubernetesResults, listPolicyResources, listResourcePolicies, type ComplianceGroup, type ComplianceOverview } from '@/lib/data/compliance';
import type { ComplianceParams } from '@/lib/validation/compliance';
import { toQueryString } from '@/lib/validation/query-string';

function GroupCard({ title, description, groups, href, testId }: { title: string; description: string; groups: ComplianceGroup[]; href: (g: ComplianceGroup) => string | undefined; testId: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {groups.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing evaluated.</p>
        ) : (
          <ul className="flex flex-col gap-4" data-testid={testId}>
            {groups.map((g) => (
              <ComplianceBar key={g.key} label={g.label} href={href(g)} counts={g} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export function ComplianceGroups({ overview, params }: { overview: ComplianceOverview; params: ComplianceParams }) {
  const q = (over: Partial<ComplianceParams>) => `/compliance${toQueryString({ ...params, policy: undefined, resource: undefined, ...over })}`;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <GroupCard title="By initiative" description="Built-in initiatives and single policies" groups={overview.byInitiative} href={(g) => q({ initiative: g.key })} testId="by-initiative" />
      <GroupCard title="By assignment" description="Where each policy set is assigned" groups={overview.byAssignment} href={(g) => q({ assignment: g.key })} testId="by-assignment" />
      <GroupCard title="By cluster" description="Cluster resources and their Kubernetes objects" groups={overview.byCluster} href={(g) => (g.cluster ? clusterPath(g.cluster) : undefined)} testId="by-cluster" />
    </div>
  );
}

export function PolicyCountsTable({ overview, params }: { overview: ComplianceOverview; params: ComplianceParams }) {
  const rows = overview.policies.filter((p) => p.nonCompliant + p.compliant + p.exempt > 0);
  if (rows.length === 0) return <EmptyState title="No policy results yet" description="The Azure Policy source has not reported any policy state in your scope." />;
  return (
    <Table data-testid="policy-counts">
      <TableHeader>
        <TableRow>
          <TableHead>Policy</TableHead>
          <TableHead className="text-right">Non-compliant resources</TableHead>
          <TableHead className="text-right">Compliant</TableHead>
          <TableHead className="text-right">Exempt</TableHead>
          <TableHead className="text-right">Compliance</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((p) => (
          <TableRow key={p.definitionId} data-noncompliant={p.nonCompliant}>
            <TableCell className="max-w-lg">
              <Link href={`/compliance${toQueryString({ ...params, resource: undefined, policy: p.definitionId })}`} className="font-medium hover:underline" data-testid="policy-link">
                {p.title}
              </Link>
              {p.kubernetes ? <Badge variant="muted" className="ml-2">Kubernetes</Badge> : null}
            </TableCell>
            <TableCell className={`text-right tabular-nums ${p.nonCompliant ? 'font-semibold text-fail' : ''}`}>{p.nonCompliant.toLocaleString('en-US')}</TableCell>
            <TableCell className="text-right tabular-nums">{p.compliant.toLocaleString('en-US')}</TableCell>
            <TableCell className="text-right tabular-nums">{p.exempt.toLocaleString('en-US')}</TableCell>
            <TableCell className="text-right tabular-nums">{formatPercent(p.percent)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export async function PolicyResources({ viewer, params }: { viewer: Viewer; params: ComplianceParams & { policy: string } }) {
  const rows = await listPolicyResources(viewer, { definitionId: params.policy, cluster: params.cluster });
  return <PolicyStatesTable rows={rows} by="policy" />;
}

export async function ResourcePolicies({ viewer, resource }: { viewer: Viewer; resource: string }) {
  const rows = await listResourcePolicies(viewer, resource);
  const first = rows[0];
  const k = first?.kubernetesObject;
  return (
    <div className="flex flex-col gap-3">
      {first?.cluster ? (
        <p className="text-sm">
          {k ? `${k.kind} ${k.namespace ? `${k.namespace}/` : ''}${k.name}` : 'Resource'} on cluster{' '}
          <Link href={clusterPath(first.cluster)} className="font-medium underline" data-testid="resource-cluster-link">{first.cluster.name}</Link>
          {k && !first.knownWorkload ? <Badge variant="muted" className="ml-2">not in inventory</Badge> : null}
        </p>
      ) : null}
      <PolicyStatesTable rows={rows} by="resource" />
    </div>
  );
}

export async function KubernetesResults({ viewer, cluster }: { viewer: Viewer; cluster?: string }) {
  const rows = await listKubernetesResults(viewer, { cluster, onlyNonCompliant: true, limit: 50 });
  return <KubernetesResultsTable rows={rows} />;
}

export async function Exemptions({ viewer, cluster }: { viewer: Viewer; cluster?: string }) {
  return <ExemptionsTable rows={await listExemptions(viewer, { cluster })} />;
}

export async function VersionSupport({ viewer, cluster }: { viewer: Viewer; cluster?: string }) {
  return <VersionTable rows={await listClusterSettings(viewer, { cluster })} />;
}

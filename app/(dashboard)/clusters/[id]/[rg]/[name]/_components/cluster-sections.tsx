// Data sections of the cluster page; each loads and fails on its own (Suspense + SectionBoundary in the page).
import Link from 'next/link';
import { ComplianceBar } from '@/components/compliance/compliance-bar';
import { ExemptionsTable } from '@/components/compliance/exemptions-table';
import { KubernetesResultsTable } from '@/components/compliance/kubernetes-results-table';
import { SeverityCounts } from '@/components/posture/severity-counts';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Viewer } from '@/lib/auth/viewer';
import { getClusterOpenCounts } from '@/lib/data/cluster-page';
import { listClusterSettings } from '@/lib/data/cluster-versions';
import { getComplianceOverview, listExemptions, listKubernetesResults } from '@/lib/data/compliance';
import { SEVERITIES, SOURCE_LABELS, type Severity, type SourceId } from '@/lib/domain/model';
import { toQueryString } from '@/lib/validation/query-string';
import { ClusterSettings } from './cluster-settings';

export async function SettingsSection({ viewer, clusterId }: { viewer: Viewer; clusterId: string }) {
  const [c] = await listClusterSettings(viewer, { cluster: clusterId });
  return c ? <ClusterSettings c={c} /> : null;
}

/** Open findings per source for this cluster — Defender, image CVEs (runtime and registry), policy, alerts. */
export async function SourceCounts({ viewer, clusterId, path }: { viewer: Viewer; clusterId: string; path: string }) {
  const rows = await getClusterOpenCounts(viewer, clusterId);
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No open findings on this cluster.</p>;
  return (
    <Table data-testid="source-counts">
      <TableHeader>
        <TableRow>
          <TableHead>Source</TableHead>
          <TableHead>Open by severity</TableHead>
          <TableHead className="text-right">Open</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const hrefs = Object.fromEntries(SEVERITIES.map((s) => [s, `${path}${toQueryString({ source: r.source, severity: s })}#findings`])) as Record<Severity, string>;
          return (
            <TableRow key={`${r.source}-${r.viaRunningImages}`} data-source={r.source} data-via-images={r.viaRunningImages}>
              <TableCell>
                <Link href={`${path}${toQueryString({ source: r.source })}#findings`} className="font-medium hover:underline">{SOURCE_LABELS[r.source as SourceId] ?? r.source}</Link>
                <div className="text-xs text-muted-foreground">{r.viaRunningImages ? 'registry scan of the images this cluster runs' : r.source === 'defender-vulnerability' ? 'running images on this cluster' : 'on this cluster'}</div>
              </TableCell>
              <TableCell><SeverityCounts counts={r.open} hrefs={hrefs} compact aria-label={`Open ${r.source} findings by severity`} /></TableCell>
              <TableCell className="text-right font-semibold tabular-nums">{r.total.toLocaleString('en-US')}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export async function PolicySection({ viewer, clusterId }: { viewer: Viewer; clusterId: string }) {
  const [overview, k8s, exemptions] = await Promise.all([
    getComplianceOverview(viewer, { cluster: clusterId }),
    listKubernetesResults(viewer, { cluster: clusterId, onlyNonCompliant: true, limit: 25 }),
    listExemptions(viewer, { cluster: clusterId }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-6 md:grid-cols-[1fr_2fr]">
        <ul className="flex flex-col gap-4" data-testid="cluster-compliance">
          <ComplianceBar label="All policies" counts={overview.total} href={`/compliance?cluster=${clusterId}`} />
          {overview.byInitiative.map((i) => <ComplianceBar key={i.key} label={i.label} counts={i} />)}
        </ul>
        <div>
          <h3 className="mb-2 text-sm font-semibold">Most violated policies</h3>
          <ul className="flex flex-col gap-1 text-sm">
            {overview.policies.filter((p) => p.nonCompliant > 0).slice(0, 6).map((p) => (
              <li key={p.definitionId} className="flex justify-between gap-3">
                <Link href={`/compliance?cluster=${clusterId}&policy=${encodeURIComponent(p.definitionId)}#policy`} className="min-w-0 truncate hover:underline">{p.title}</Link>
                <span className="shrink-0 font-semibold tabular-nums text-fail">{p.nonCompliant}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Kubernetes objects with violations</h3>
        <KubernetesResultsTable rows={k8s} showCluster={false} />
      </div>
      {exemptions.length ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Exemptions</h3>
          <ExemptionsTable rows={exemptions} />
        </div>
      ) : null}
    </div>
  );
}

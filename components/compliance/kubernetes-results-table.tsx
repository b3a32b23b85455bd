import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { clusterPath } from '@/lib/clusters/cluster-address';
import type { KubernetesResultGroup } from '@/lib/data/compliance';

/** Gatekeeper results per Kubernetes object: cluster, namespace, workload, and the policies it violates. */
export function KubernetesResultsTable({ rows, showCluster = true }: { rows: KubernetesResultGroup[]; showCluster?: boolean }) {
  if (rows.length === 0) {
    return <EmptyState title="No Kubernetes policy violations" description="Every Kubernetes object Azure Policy evaluated here is compliant, or the Azure Policy add-on reports none." />;
  }
  return (
    <Table data-testid="kubernetes-results">
      <TableHeader>
        <TableRow>
          {showCluster ? <TableHead>Cluster</TableHead> : null}
          <TableHead>Namespace</TableHead>
          <TableHead>Workload</TableHead>
          <TableHead>Violated policies</TableHead>
          <TableHead className="text-right">Non-compliant</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.cluster.id}/${r.namespace}/${r.kind}/${r.name}`} data-workload={`${r.namespace ?? ''}/${r.name}`}>
            {showCluster ? (
              <TableCell>
                <Link href={clusterPath(r.cluster)} className="font-medium hover:underline">{r.cluster.name}</Link>
              </TableCell>
            ) : null}
            <TableCell className="font-mono text-xs">{r.namespace ?? '(cluster-wide)'}</TableCell>
            <TableCell>
              <Link href={`/compliance?resource=${encodeURIComponent(r.resourceId)}`} className="font-medium hover:underline" data-testid="workload-link">
                {r.name}
              </Link>
              <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
                {r.kind}
                {r.knownWorkload ? null : <Badge variant="muted">not in inventory</Badge>}
                {r.exempt ? <Badge variant="outline">{r.exempt} exempt</Badge> : null}
              </div>
            </TableCell>
            <TableCell className="max-w-md text-xs" title={r.policies.join('\n')}>
              {r.policies.length === 0 ? (
                <span className="text-muted-foreground">none</span>
              ) : (
                <ul className="flex flex-col gap-0.5">
                  {r.policies.slice(0, 2).map((p) => <li key={p} className="truncate">{p}</li>)}
                  {r.policies.length > 2 ? <li className="text-muted-foreground">and {r.policies.length - 2} more</li> : null}
                </ul>
              )}
            </TableCell>
            <TableCell className="text-right font-semibold tabular-nums">{r.nonCompliant}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

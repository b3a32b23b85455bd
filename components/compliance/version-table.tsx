import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { clusterPath } from '@/lib/clusters/cluster-address';
import type { ClusterVersionDto } from '@/lib/data/cluster-versions';
import { VERSION_SUPPORT_HELP, VersionSupportBadge } from './version-support-badge';

export function VersionTable({ rows }: { rows: ClusterVersionDto[] }) {
  if (rows.length === 0) return <EmptyState title="No clusters" description="No AKS cluster in your scope has been synced yet." />;
  return (
    <div className="flex flex-col gap-2">
      <Table data-testid="version-support">
        <TableHeader>
          <TableRow>
            <TableHead>Cluster</TableHead>
            <TableHead>Kubernetes</TableHead>
            <TableHead>Support</TableHead>
            <TableHead>Upgrade channels</TableHead>
            <TableHead className="text-right">Node image age</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((c) => (
            <TableRow key={c.id} data-support={c.support}>
              <TableCell>
                <Link href={clusterPath(c)} className="font-medium hover:underline">{c.name}</Link>
                <div className="text-xs text-muted-foreground">{c.location ?? 'unknown region'}</div>
              </TableCell>
              <TableCell className="tabular-nums">
                {c.kubernetesVersion ?? '—'}
                {c.oldestSupported ? <div className="text-xs text-muted-foreground">region: {c.oldestSupported}–{c.latest}</div> : null}
              </TableCell>
              <TableCell><VersionSupportBadge support={c.support} /></TableCell>
              <TableCell className="text-xs">
                <div>Cluster: <span className="font-medium">{c.upgradeChannel ?? 'unknown'}</span></div>
                <div>Node OS: <span className="font-medium">{c.nodeOsUpgradeChannel ?? 'unknown'}</span></div>
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {c.nodeImageAgeDays === null ? '—' : (
                  <span className={c.nodeImageAgeDays > 90 ? 'font-semibold text-fail' : c.nodeImageAgeDays > 30 ? 'text-warning' : undefined}>
                    {c.nodeImageAgeDays} days
                  </span>
                )}
                <div className="max-w-56 truncate text-xs text-muted-foreground" title={c.nodeImageVersions.join(', ')}>{c.nodeImageVersions[0] ?? ''}</div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="text-xs text-muted-foreground">{VERSION_SUPPORT_HELP}</p>
    </div>
  );
}

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { clusterPath } from '@/lib/clusters/cluster-address';
import type { ExemptionDto } from '@/lib/data/compliance';

export function ExemptionsTable({ rows }: { rows: ExemptionDto[] }) {
  if (rows.length === 0) return <EmptyState title="No policy exemptions" description="No waiver or mitigation applies to the resources in your scope." />;
  return (
    <Table data-testid="exemptions">
      <TableHeader>
        <TableRow>
          <TableHead>Exemption</TableHead>
          <TableHead>Category</TableHead>
          <TableHead>Applies to</TableHead>
          <TableHead>Assignment</TableHead>
          <TableHead className="text-right">Exempt states</TableHead>
          <TableHead className="text-right">Expires</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((e) => (
          <TableRow key={e.id} data-expired={e.expired}>
            <TableCell className="max-w-sm">
              <div className="font-medium">{e.name}</div>
              {e.displayName ? <div className="truncate text-xs text-muted-foreground" title={e.displayName}>{e.displayName}</div> : null}
            </TableCell>
            <TableCell><Badge variant="outline" className="capitalize">{e.category}</Badge></TableCell>
            <TableCell>
              {e.cluster ? <Link href={clusterPath(e.cluster)} className="hover:underline">{e.cluster.name}</Link> : <span className="font-mono text-xs">{e.scope}</span>}
            </TableCell>
            <TableCell className="font-mono text-xs">{e.assignment}</TableCell>
            <TableCell className="text-right tabular-nums">{e.exemptStates}</TableCell>
            <TableCell className="text-right">
              {e.expiresAt ? <time dateTime={e.expiresAt} className="tabular-nums">{e.expiresAt.slice(0, 10)}</time> : <span className="text-muted-foreground">never</span>}
              {e.expired ? (
                <Badge variant="destructive" className="ml-2">Expired</Badge>
              ) : e.expiringSoon ? (
                <Badge variant="outline" className="ml-2 border-warning/40 text-warning">Expires soon</Badge>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

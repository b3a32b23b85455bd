import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { clusterPath } from '@/lib/clusters/cluster-address';
import type { PolicyStateDto } from '@/lib/data/compliance';
import { ComplianceStateBadge } from './compliance-state-badge';

const shortId = (id: string) => id.split('/').slice(-2).join('/');

function Resource({ s }: { s: PolicyStateDto }) {
  const k = s.kubernetesObject;
  return (
    <>
      <Link href={`/compliance?resource=${encodeURIComponent(s.resourceId)}`} className="font-medium hover:underline" data-testid="resource-link">
        {k ? `${k.namespace ? `${k.namespace}/` : ''}${k.name}` : shortId(s.resourceId)}
      </Link>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        {k ? k.kind : (s.resourceType ?? '')}
        {s.cluster ? (
          <>
            {' · '}
            <Link href={clusterPath(s.cluster)} className="hover:underline" data-testid="cluster-link">{s.cluster.name}</Link>
          </>
        ) : null}
        {k && !s.knownWorkload ? <Badge variant="muted">not in inventory</Badge> : null}
      </div>
    </>
  );
}

function Exemption({ s }: { s: PolicyStateDto }) {
  if (!s.exemption) return null;
  return (
    <div className="mt-1 text-xs text-muted-foreground">
      {s.exemption.category} exemption {s.exemption.name}
      {s.exemption.expiresAt ? `, until ${s.exemption.expiresAt.slice(0, 10)}` : ''}
      {s.exemption.expired ? <Badge variant="destructive" className="ml-1">Expired</Badge> : null}
    </div>
  );
}

/** Policy states, either one policy's resources (`by: 'policy'`) or one resource's policies (`by: 'resource'`). */
export function PolicyStatesTable({ rows, by }: { rows: PolicyStateDto[]; by: 'policy' | 'resource' }) {
  if (rows.length === 0) return <EmptyState title="No policy results" description="Azure Policy reports nothing here within your scope." />;
  return (
    <Table data-testid={by === 'policy' ? 'policy-resources' : 'resource-policies'}>
      <TableHeader>
        <TableRow>
          <TableHead>{by === 'policy' ? 'Resource' : 'Policy'}</TableHead>
          <TableHead>Assignment</TableHead>
          <TableHead>State</TableHead>
          <TableHead className="text-right">Evaluated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((s) => (
          <TableRow key={s.key} data-state={s.state}>
            <TableCell className="max-w-md">
              {by === 'policy' ? (
                <Resource s={s} />
              ) : (
                <>
                  <Link href={`/compliance?policy=${encodeURIComponent(s.definitionId)}`} className="font-medium hover:underline">{s.title}</Link>
                  <div className="text-xs text-muted-foreground">{s.effect ? `effect: ${s.effect}` : ''}</div>
                </>
              )}
            </TableCell>
            <TableCell className="text-xs">
              <div className="font-mono">{s.assignmentName ?? '—'}</div>
              <div className="text-muted-foreground">{s.initiative}</div>
            </TableCell>
            <TableCell>
              <ComplianceStateBadge state={s.state} />
              <Exemption s={s} />
            </TableCell>
            <TableCell className="text-right text-xs tabular-nums">{s.evaluatedAt ? <time dateTime={s.evaluatedAt}>{s.evaluatedAt.slice(0, 16).replace('T', ' ')}</time> : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

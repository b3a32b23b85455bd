import Link from 'next/link';
import { LeadingFindingCells, TrailingFindingCells } from '@/components/findings/finding-cells';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Viewer } from '@/lib/auth/viewer';
import { listFindings } from '@/lib/data/findings';
import type { FindingFilters } from '@/lib/validation/findings';
import { toQueryString } from '@/lib/validation/query-string';

function shortResource(id: string): string {
  const parts = id.split('/');
  return parts.slice(-2).join('/');
}

export async function FindingsTable({ viewer, filters }: { viewer: Viewer; filters: FindingFilters }) {
  const page = await listFindings(viewer, filters);
  // pg_trgm is an allow-listed extension on Azure Database for PostgreSQL; without it search still works, slowly.
  const unindexed = page.searchIndexed === false ? (
    <p className="text-sm text-muted-foreground" data-testid="search-unindexed">
      Text search is not indexed on this database (the pg_trgm extension is not enabled), so searches read every finding and may be slow.
    </p>
  ) : null;
  if (page.items.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <EmptyState title="No findings match these filters" description="Widen the filters, or check the sources' freshness on the overview." />
        {unindexed}
      </div>
    );
  }
  const next = page.nextCursor ? `/findings${toQueryString({ ...filters, cursor: page.nextCursor, limit: filters.limit === 50 ? undefined : filters.limit })}` : null;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground" data-testid="findings-total">
        {page.total.toLocaleString('en-US')}{page.totalIsLowerBound ? '+' : ''} finding{page.total === 1 && !page.totalIsLowerBound ? '' : 's'}
        {filters.cursor ? ' (continued)' : ''}
      </p>
      {unindexed}
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-24">Severity</TableHead>
              <TableHead>Finding</TableHead>
              <TableHead>Resource</TableHead>
              <TableHead>Stage · control</TableHead>
              <TableHead>Source</TableHead>
              <TableHead className="text-right">Last seen</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((f) => (
              <TableRow key={f.id} data-status={f.status}>
                <LeadingFindingCells f={f} />
                <TableCell className="max-w-xs">
                  {f.cluster ? (
                    <Link href={`/clusters/${f.cluster.id}`} className="hover:underline">{f.cluster.name}</Link>
                  ) : null}
                  {f.image ? <div className="truncate font-mono text-xs" title={f.imageDigest ?? undefined}>{f.image}</div> : null}
                  <div className="truncate font-mono text-xs text-muted-foreground" title={f.resourceId}>{shortResource(f.resourceId)}</div>
                </TableCell>
                <TrailingFindingCells f={f} />
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {filters.cursor ? <Link href={`/findings${toQueryString({ ...filters, cursor: undefined })}`} className="underline">First page</Link> : <span />}
        {next ? <Link href={next} className="underline" rel="next">Next page</Link> : null}
      </nav>
    </div>
  );
}

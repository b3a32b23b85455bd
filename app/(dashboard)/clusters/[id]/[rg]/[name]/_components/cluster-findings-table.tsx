import Link from 'next/link';
import { Download } from 'lucide-react';
import { LeadingFindingCells, TrailingFindingCells } from '@/components/findings/finding-cells';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Viewer } from '@/lib/auth/viewer';
import { countFindingRows, listFindingRows } from '@/lib/data/cluster-findings';
import type { ClusterPageParams } from '@/lib/validation/cluster-page';
import { toQueryString } from '@/lib/validation/query-string';

/** The cluster's findings with the page's filters: its own, plus the registry CVEs of the images it runs. */
export async function ClusterFindingsTable({ viewer, clusterId, path, params }: { viewer: Viewer; clusterId: string; path: string; params: ClusterPageParams }) {
  const query = { severity: params.severity, status: params.status, stage: params.stage, source: params.source, cluster: clusterId, includeRunningImages: true };
  const [page, total] = await Promise.all([listFindingRows(viewer, query, { cursor: params.cursor, limit: 50 }), countFindingRows(viewer, query)]);
  const filters = { severity: params.severity, status: params.status === 'open' ? undefined : params.status, stage: params.stage, source: params.source, role: params.role };
  const csv = `/api/findings/export${toQueryString({ view: 'cluster', cluster: clusterId, severity: params.severity, status: params.status, stage: params.stage, source: params.source })}`;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground" data-testid="cluster-findings-total" data-total={total}>
          {total.toLocaleString('en-US')} finding{total === 1 ? '' : 's'}
          {params.cursor ? ' (continued)' : ''}
        </p>
        <a href={csv} download className="inline-flex items-center gap-1.5 text-sm font-medium underline" data-testid="export-csv">
          <Download aria-hidden="true" className="size-4" /> Download CSV
        </a>
      </div>
      {page.items.length === 0 ? (
        <EmptyState title="No findings match these filters" description="Widen the filters, or check the sources' freshness above." />
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table data-testid="cluster-findings">
            <TableHeader>
              <TableRow>
                <TableHead className="w-24">Severity</TableHead>
                <TableHead>Finding</TableHead>
                <TableHead>Where</TableHead>
                <TableHead>Stage · control</TableHead>
                <TableHead>Source</TableHead>
                <TableHead className="text-right">Last seen</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((f) => (
                <TableRow key={f.id} data-severity={f.severity}>
                  <LeadingFindingCells f={f} />
                  <TableCell className="max-w-xs text-xs">
                    {f.image ? <div className="truncate font-mono">{f.image}</div> : null}
                    <div className="truncate text-muted-foreground" title={f.resourceId}>{f.clusterName ? 'this cluster' : 'registry scan of an image it runs'}</div>
                  </TableCell>
                  <TrailingFindingCells f={f} nowrap />
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {params.cursor ? <Link href={`${path}${toQueryString(filters)}#findings`} className="underline">First page</Link> : <span />}
        {page.nextCursor ? <Link href={`${path}${toQueryString({ ...filters, cursor: page.nextCursor })}#findings`} className="underline" rel="next">Next page</Link> : null}
      </nav>
    </div>
  );
}

// One page of the clusters list. Column headers are links that sort on the server (the sort lives in the URL);
// the pager moves by page number, which is cheap here because it pages the clusters table, not findings.
import Link from 'next/link';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Viewer } from '@/lib/auth/viewer';
import { clusterPath } from '@/lib/clusters/cluster-address';
import { listClusterPage } from '@/lib/data/clusters';
import { defaultDirection, type ClusterListQuery, type ClusterSort } from '@/lib/validation/clusters';
import { toQueryString } from '@/lib/validation/query-string';
import { ClusterFiltersBar } from './cluster-filters-bar';
import { ClusterRows } from './cluster-rows';

const href = (query: ClusterListQuery, change: Partial<ClusterListQuery>) => {
  const next = { ...query, ...change };
  return `/clusters${toQueryString({
    q: next.q,
    team: next.team,
    sort: next.sort === 'name' ? undefined : next.sort,
    dir: next.dir,
    page: next.page === 1 ? undefined : next.page,
    limit: next.limit === 50 ? undefined : next.limit,
  })}`;
};

function SortHeader({ query, sort, children, className }: { query: ClusterListQuery; sort: ClusterSort; children: React.ReactNode; className?: string }) {
  const active = query.sort === sort;
  const dir = query.dir ?? defaultDirection(query.sort);
  // Clicking the active column flips it; another column starts in its natural direction.
  const nextDir = active ? (dir === 'asc' ? 'desc' : 'asc') : undefined;
  const Icon = dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <TableHead className={className} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={href(query, { sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:text-foreground" scroll={false}>
        {children}
        {active ? <Icon className="size-3" aria-hidden /> : null}
      </Link>
    </TableHead>
  );
}

export async function ClusterTable({ viewer, query }: { viewer: Viewer; query: ClusterListQuery }) {
  const { items, total, teams } = await listClusterPage(viewer, query);
  const first = (query.page - 1) * query.limit + 1;
  const last = first + items.length - 1;
  const filtered = Boolean(query.q || query.team);
  return (
    <div className="flex flex-col gap-3">
      <ClusterFiltersBar query={query} teams={teams} />
      {items.length === 0 ? (
        filtered || query.page > 1 ? (
          <EmptyState title="No clusters match" description="Widen the search or pick another team." />
        ) : (
          <EmptyState title="No clusters yet" description="No AKS cluster in your scope has been synced. Check the inventory source on the overview." />
        )
      ) : (
        <>
          <p className="text-sm text-muted-foreground" data-testid="clusters-total">
            {total === items.length ? `${total.toLocaleString('en-US')} cluster${total === 1 ? '' : 's'}` : `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} clusters`}
          </p>
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <SortHeader query={query} sort="name">Cluster</SortHeader>
                  <SortHeader query={query} sort="team">Team</SortHeader>
                  <SortHeader query={query} sort="kubernetes">Kubernetes</SortHeader>
                  <TableHead>Network policy</TableHead>
                  <SortHeader query={query} sort={query.sort === 'critical' ? 'critical' : 'open'}>Open findings</SortHeader>
                </TableRow>
              </TableHeader>
              <TableBody>
                <ClusterRows rows={items.map((c) => ({
                  id: c.id, name: c.name, href: clusterPath(c), resourceGroup: c.resourceGroup, location: c.location, team: c.team,
                  kubernetesVersion: c.kubernetesVersion, networkPolicy: c.networkPolicy, open: c.open,
                }))} />
              </TableBody>
            </Table>
          </div>
        </>
      )}
      {total > query.limit ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {query.page > 1 ? <Link href={href(query, { page: query.page - 1 })} className="underline" rel="prev">Previous page</Link> : <span />}
          <span className="text-muted-foreground">Page {query.page} of {Math.max(1, Math.ceil(total / query.limit))}</span>
          {last < total ? <Link href={href(query, { page: query.page + 1 })} className="underline" rel="next">Next page</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}

'use client';
// The queue an analyst works in all day: most urgent first, j/k to move, x to select, Enter to open, "." for the
// action menu, a to assign to yourself. Status and owner changes show at once (optimistic, rolled back with the
// server's message on error); the queue refreshes every minute, so items a new sync brings in appear by themselves.
import { useQuery } from '@tanstack/react-query';
import { MoreHorizontal } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import * as React from 'react';
import { SeverityBadge } from '@/components/posture/severity-badge';
import { SlaDue } from '@/components/triage/sla-due';
import { TriageStatusBadge } from '@/components/triage/triage-status-badge';
import { WriteBackBadge } from '@/components/triage/write-back-badge';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { EmptyState } from '@/components/ui/empty-state';
import { formatRelativeTime } from '@/components/ui/format';
import { Kbd } from '@/components/ui/kbd';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { TriageQueueItem, TriageQueuePage } from '@/lib/data/triage';
import { SOURCE_LABELS, type SourceId } from '@/lib/domain/model';
import type { TriageStatus } from '@/lib/domain/triage-status';
import { fetchTriageQueue } from '@/lib/queries/triage/api';
import { triageKeys } from '@/lib/queries/triage/keys';
import { useTriageMutation } from '@/lib/queries/triage/use-triage-mutation';
import type { TriageAction } from '@/lib/validation/triage';

export interface TriageQueueProps {
  initialPage: TriageQueuePage;
  /** The URL's filters and cursor, as sent to GET /api/triage/items. */
  params: Record<string, string | readonly string[] | undefined>;
  canTriage: boolean;
  me: { id: string; name: string };
}

const STATUS_ACTIONS: { status: Exclude<TriageStatus, 'risk_accepted'>; label: string; key?: string }[] = [
  { status: 'acknowledged', label: 'Acknowledge', key: 'e' },
  { status: 'in_progress', label: 'Start work (in progress)', key: 'p' },
  { status: 'resolved', label: 'Resolve', key: 'r' },
  { status: 'false_positive', label: 'False positive', key: 'f' },
  { status: 'new', label: 'Reopen (new)' },
];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function targetLabel(item: TriageQueueItem): string | null {
  if (!item.target) return null;
  if (item.target.kind === 'cluster') return null;
  const kind = { workload: 'Workload', registry: 'Registry', 'key-vault': 'Key vault', image: 'Image', other: 'Resource' }[item.target.kind] ?? 'Resource';
  return item.target.name ? `${kind} · ${item.target.name}` : kind;
}

export function TriageQueue({ initialPage, params, canTriage, me }: TriageQueueProps) {
  const router = useRouter();
  const query = useQuery({
    queryKey: triageKeys.queue(params),
    queryFn: () => fetchTriageQueue(params),
    initialData: initialPage,
    refetchInterval: 60_000,
  });
  const mutation = useTriageMutation(me);
  const items = query.data.items;
  const [focus, setFocus] = React.useState(0);
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [menuFor, setMenuFor] = React.useState<string | null>(null);
  const rowRefs = React.useRef(new Map<string, HTMLTableRowElement>());

  const run = React.useCallback(
    (ids: string[], action: TriageAction) => {
      const versions = ids.length === 1 ? items.find((i) => i.id === ids[0])?.version : undefined;
      mutation.mutate({ ids, action, expectedVersion: versions });
    },
    [items, mutation],
  );

  const focused = items[Math.min(focus, items.length - 1)];
  React.useEffect(() => {
    if (focused) rowRefs.current.get(focused.id)?.scrollIntoView({ block: 'nearest' });
  }, [focused]);

  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || menuFor) return;
      const current = items[Math.min(focus, items.length - 1)];
      if (e.key === 'j') setFocus((f) => Math.min(items.length - 1, f + 1));
      else if (e.key === 'k') setFocus((f) => Math.max(0, f - 1));
      else if ((e.key === 'Enter' || e.key === 'o') && current) router.push(`/triage/${current.id}`);
      else if (e.key === 'x' && current && canTriage) {
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(current.id)) n.delete(current.id);
          else n.add(current.id);
          return n;
        });
      } else if (e.key === '.' && current && canTriage) setMenuFor(current.id);
      else if (e.key === 'a' && current && canTriage) run([current.id], { type: 'assign', ownerId: me.id });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, focus, canTriage, menuFor, router, run, me.id]);

  if (items.length === 0) {
    return <EmptyState title="Nothing in this queue" description="No alert, incident or new critical or high finding matches these filters. Widen them, or check the sources' freshness on the overview." />;
  }

  const selectedIds = [...selected].filter((id) => items.some((i) => i.id === id));
  const allSelected = selectedIds.length === items.length;
  return (
    <div className="flex flex-col gap-3">
      {mutation.isError ? (
        <Alert variant="error" title="The change was not saved" description={`${mutation.error.message} The queue shows what is stored.`} data-testid="triage-error" />
      ) : null}
      {canTriage && selectedIds.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 px-3 py-2 text-sm" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
          <span className="font-medium">{selectedIds.length} selected</span>
          <Button size="sm" variant="outline" onClick={() => run(selectedIds, { type: 'assign', ownerId: me.id })}>Assign to me</Button>
          {STATUS_ACTIONS.slice(0, 4).map((a) => (
            <Button key={a.status} size="sm" variant="outline" onClick={() => run(selectedIds, { type: 'status', status: a.status })}>
              {a.label}
            </Button>
          ))}
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>Clear</Button>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg border">
        <Table aria-label="Triage queue" data-testid="triage-queue">
          <TableHeader>
            <TableRow>
              {canTriage ? (
                <TableHead className="w-8">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
                    className="size-4 accent-primary"
                  />
                </TableHead>
              ) : null}
              <TableHead className="w-24">Severity</TableHead>
              <TableHead>Item</TableHead>
              <TableHead>Hit</TableHead>
              <TableHead>Detected</TableHead>
              <TableHead>Owner</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>SLA due</TableHead>
              {canTriage ? <TableHead className="w-10"><span className="sr-only">Actions</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item, index) => {
              const isFocused = index === Math.min(focus, items.length - 1);
              return (
                <TableRow
                  key={item.id}
                  ref={(el) => {
                    if (el) rowRefs.current.set(item.id, el);
                    else rowRefs.current.delete(item.id);
                  }}
                  data-testid="triage-row"
                  data-id={item.id}
                  data-focused={isFocused || undefined}
                  aria-selected={selected.has(item.id)}
                  onClick={() => setFocus(index)}
                  className={cn(isFocused && 'bg-muted/60 outline-2 -outline-offset-2 outline-ring/60', item.sla === 'breached' && 'border-l-2 border-l-critical')}
                >
                  {canTriage ? (
                    <TableCell>
                      <input
                        type="checkbox"
                        aria-label={`Select ${item.title}`}
                        checked={selected.has(item.id)}
                        onChange={() =>
                          setSelected((s) => {
                            const n = new Set(s);
                            if (n.has(item.id)) n.delete(item.id);
                            else n.add(item.id);
                            return n;
                          })
                        }
                        className="size-4 accent-primary"
                      />
                    </TableCell>
                  ) : null}
                  <TableCell><SeverityBadge severity={item.severity} /></TableCell>
                  <TableCell className="max-w-md">
                    <Link href={`/triage/${item.id}`} className="font-medium hover:underline">{item.title}</Link>
                    <div className="truncate text-xs text-muted-foreground">
                      {SOURCE_LABELS[item.source as SourceId] ?? item.source}
                      {item.alertCount > 0 ? ` · ${item.alertCount} alert${item.alertCount === 1 ? '' : 's'} grouped` : ''}
                      {!item.sourceOpen ? ' · closed at source' : ''}
                    </div>
                  </TableCell>
                  <TableCell className="max-w-xs text-sm">
                    {item.cluster ? <Link href={`/clusters/${item.cluster.id}`} className="hover:underline">{item.cluster.name}</Link> : null}
                    {targetLabel(item) ? <div className="truncate text-xs text-muted-foreground">{targetLabel(item)}</div> : null}
                    {!item.cluster && !targetLabel(item) ? <span className="text-muted-foreground">—</span> : null}
                    {item.team ? <div className="text-xs text-muted-foreground">Team {item.team}</div> : null}
                  </TableCell>
                  <TableCell className="text-sm">
                    <time dateTime={item.detectedAt} title={item.detectedAt}>{formatRelativeTime(item.detectedAt, query.data.readAt)}</time>
                  </TableCell>
                  <TableCell className="text-sm" data-testid="owner">{item.owner ? (item.owner.name ?? item.owner.id) : <span className="text-muted-foreground">Unassigned</span>}</TableCell>
                  <TableCell>
                    <div className="flex flex-col items-start gap-1">
                      <span data-testid="status"><TriageStatusBadge status={item.status} expired={item.acceptanceExpired} /></span>
                      {/* Only where there is something to say: a write-back in flight, done, failed, or switched off. */}
                      {item.writeBack.state !== 'none' && !(item.writeBack.state === 'local' && item.writeBack.reason === 'unsupported') ? <WriteBackBadge status={item.writeBack} /> : null}
                    </div>
                  </TableCell>
                  <TableCell><SlaDue dueAt={item.dueAt} sla={item.sla} /></TableCell>
                  {canTriage ? (
                    <TableCell>
                      <DropdownMenu open={menuFor === item.id} onOpenChange={(open) => setMenuFor(open ? item.id : null)}>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon" aria-label={`Actions for ${item.title}`}>
                            <MoreHorizontal />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end" className="w-56">
                          <DropdownMenuLabel>Triage</DropdownMenuLabel>
                          <DropdownMenuItem onSelect={() => run([item.id], { type: 'assign', ownerId: me.id })}>
                            Assign to me<DropdownMenuShortcut>a</DropdownMenuShortcut>
                          </DropdownMenuItem>
                          {item.owner ? <DropdownMenuItem onSelect={() => run([item.id], { type: 'assign', ownerId: null })}>Unassign</DropdownMenuItem> : null}
                          <DropdownMenuSeparator />
                          {STATUS_ACTIONS.filter((a) => a.status !== item.status).map((a) => (
                            <DropdownMenuItem key={a.status} onSelect={() => run([item.id], { type: 'status', status: a.status })}>
                              {a.label}
                            </DropdownMenuItem>
                          ))}
                          <DropdownMenuSeparator />
                          <DropdownMenuItem onSelect={() => router.push(`/triage/${item.id}#accept`)}>Accept risk…</DropdownMenuItem>
                          <DropdownMenuItem onSelect={() => router.push(`/triage/${item.id}`)}>
                            Open<DropdownMenuShortcut>↵</DropdownMenuShortcut>
                          </DropdownMenuItem>
                        </DropdownMenuContent>
                      </DropdownMenu>
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground" aria-label="Keyboard shortcuts">
        <span><Kbd>j</Kbd> <Kbd>k</Kbd> move</span>
        <span><Kbd>↵</Kbd> open</span>
        {canTriage ? (
          <>
            <span><Kbd>x</Kbd> select</span>
            <span><Kbd>.</Kbd> actions</span>
            <span><Kbd>a</Kbd> assign to me</span>
          </>
        ) : null}
        <span className="ml-auto">{query.isFetching ? 'Refreshing…' : `Updated ${formatRelativeTime(query.data.readAt)}`}</span>
      </p>
    </div>
  );
}

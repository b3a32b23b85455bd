'use client';
// Each source's sync state, polled every second while something is queued or running (every 15 s otherwise), with
// "Sync now" per source and for all. The state is read from the server each time, never kept in the browser, so
// every admin — whichever replica answers — sees the same runs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, CircleDashed, CircleX, Clock, LoaderCircle, RefreshCw } from 'lucide-react';
import * as React from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatAbsoluteTime, formatCount, formatRelativeTime } from '@/components/ui/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { SyncState, SyncStatusDto, SyncStatusPage } from '@/lib/data/sync-status';
import type { SourceId } from '@/lib/domain/model';
import { fetchSyncStatus, postSyncNow } from '@/lib/queries/sync/api';
import { syncKeys } from '@/lib/queries/sync/keys';

const LIVE_MS = 1000;
const IDLE_MS = 15_000;

const STATE_BADGE: Record<SyncState, { label: string; icon: React.ComponentType<{ className?: string; 'aria-hidden'?: boolean }>; variant: 'muted' | 'outline' | 'default' | 'secondary' | 'destructive'; iconClass?: string }> = {
  idle: { label: 'Never synced', icon: CircleDashed, variant: 'muted' },
  queued: { label: 'Queued', icon: Clock, variant: 'outline' },
  running: { label: 'Running', icon: LoaderCircle, variant: 'default', iconClass: 'animate-spin motion-reduce:animate-none' },
  succeeded: { label: 'Succeeded', icon: CircleCheck, variant: 'secondary', iconClass: 'text-pass' },
  failed: { label: 'Failed', icon: CircleX, variant: 'destructive' },
};

function StateBadge({ state }: { state: SyncState }) {
  const s = STATE_BADGE[state];
  const Icon = s.icon;
  return (
    <Badge variant={s.variant} data-testid="sync-state" data-state={state}>
      <Icon aria-hidden className={s.iconClass} />
      {s.label}
    </Badge>
  );
}

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

function Detail({ s }: { s: SyncStatusDto }) {
  if (s.state === 'running') {
    return <span data-testid="sync-progress">{s.pages ? `Page ${formatCount(s.pages)} · ${plural(s.records ?? 0, 'record')} so far` : 'Starting…'}</span>;
  }
  if (s.state === 'queued') return <span className="text-muted-foreground">Waiting for a worker</span>;
  if (s.state === 'failed') return <span className="line-clamp-2 text-destructive [overflow-wrap:anywhere]" title={s.error ?? undefined}>{s.error}</span>;
  if (s.state === 'succeeded' && s.pages !== null) return <span>{plural(s.records ?? 0, 'record')} in {plural(s.pages, 'page')}</span>;
  return <span className="text-muted-foreground">—</span>;
}

/** Records of other kinds the run read and did not store (a sub-assessment list mixes in SQL and server ones). */
function LeftOut({ s }: { s: SyncStatusDto }) {
  if (!s.skipped || s.state === 'running') return null;
  return (
    <p className="mt-1 text-xs text-muted-foreground" data-testid="sync-skipped">
      {s.skipped.summary}
    </p>
  );
}

function When({ s, readAt }: { s: SyncStatusDto; readAt: string }) {
  const at = s.state === 'running' ? s.startedAt : s.finishedAt;
  if (!at) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={at} title={formatAbsoluteTime(at)}>
      {s.state === 'running' ? 'started ' : ''}
      {formatRelativeTime(at, readAt)}
    </time>
  );
}

export function SyncPanel({ initial }: { initial: SyncStatusPage }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: syncKeys.status(),
    queryFn: fetchSyncStatus,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.sources.some((s) => s.state === 'queued' || s.state === 'running') ? LIVE_MS : IDLE_MS),
  });
  const [announcement, setAnnouncement] = React.useState('');
  const mutation = useMutation({
    mutationFn: (source: SourceId | undefined) => postSyncNow(source),
    onSuccess: (result, source) => {
      const fresh = result.sources.filter((s) => s.queued !== 'already-queued').length;
      setAnnouncement(
        source
          ? fresh > 0 ? `Sync of ${labelOf(source)} queued.` : `${labelOf(source)} was already queued.`
          : `Sync of all sources queued.`,
      );
      void client.invalidateQueries({ queryKey: syncKeys.status() });
    },
  });
  const sources = query.data.sources;
  const labelOf = (id: SourceId) => sources.find((s) => s.source === id)?.label ?? id;
  const busy = mutation.isPending;
  const allQueued = sources.every((s) => s.state === 'queued' || (s.state === 'running' && s.queued));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => mutation.mutate(undefined)} disabled={busy || allQueued}>
          <RefreshCw aria-hidden className={busy && mutation.variables === undefined ? 'animate-spin motion-reduce:animate-none' : undefined} />
          Sync all now
        </Button>
        <p className="text-sm text-muted-foreground">Inventory runs first; the other sources follow once it has finished.</p>
        <p className="sr-only" role="status" aria-live="polite">{announcement}</p>
      </div>
      {mutation.isError ? <Alert variant="error" title="The sync could not be queued" description={mutation.error.message} /> : null}
      {query.isError ? (
        <Alert variant="warning" title="Live status is not updating" description={`${query.error.message} The table shows the last state read; it retries by itself.`} />
      ) : null}
      <Card className="overflow-hidden p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Source</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Progress or result</TableHead>
              <TableHead>When</TableHead>
              <TableHead><span className="sr-only">Actions</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sources.map((s) => (
              <TableRow key={s.source} data-source={s.source}>
                <TableCell className="font-medium">{s.label}</TableCell>
                <TableCell>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <StateBadge state={s.state} />
                    {s.queued ? <Badge variant="outline">Again after this run</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="max-w-md text-sm">
                  <Detail s={s} />
                  <LeftOut s={s} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-sm"><When s={s} readAt={query.data.readAt} /></TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="outline"
                    size="sm"
                    aria-label={`Sync ${s.label} now`}
                    onClick={() => mutation.mutate(s.source)}
                    disabled={busy || s.state === 'queued' || s.queued}
                  >
                    Sync now
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <p className="text-xs text-muted-foreground">
        {query.isFetching ? 'Refreshing…' : `Updated ${formatRelativeTime(query.data.readAt)}`}
      </p>
    </div>
  );
}

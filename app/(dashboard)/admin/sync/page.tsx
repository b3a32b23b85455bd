// /admin/sync — "sync now" per source or for all, with each source's live state (queued, running with page and
// records so far, succeeded, failed), shared by every replica through the job queue.
import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { QueryProvider } from '@/components/query/query-provider';
import { requirePermission } from '@/lib/auth/session';
import { listSyncStatus } from '@/lib/data/sync-status';
import { SyncPanel } from './_components/sync-panel';

export const metadata: Metadata = { title: 'Sync' };

export default async function SyncPage() {
  const viewer = await requirePermission('sync.run');
  const initial = await listSyncStatus(viewer);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Sync"
        description="Pull the latest data from Azure now, for one source or all of them. The background schedule keeps running; a source already queued is not queued twice. Every request is in the audit log."
      />
      <QueryProvider staleTimeMs={0}>
        <SyncPanel initial={initial} />
      </QueryProvider>
    </div>
  );
}

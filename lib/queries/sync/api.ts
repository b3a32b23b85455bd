// The browser's calls to /api/sync: each source's state, and "sync now".
import type { SyncRequestResult, SyncStatusPage } from '../../data/sync-status';
import type { SourceId } from '../../domain/model';
import { callApi } from '../call-api';

export function fetchSyncStatus(): Promise<SyncStatusPage> {
  return callApi<SyncStatusPage>('/api/sync');
}

export function postSyncNow(source?: SourceId): Promise<SyncRequestResult> {
  return callApi<SyncRequestResult>('/api/sync', { method: 'POST', body: JSON.stringify(source ? { source } : {}) });
}

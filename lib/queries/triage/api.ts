// The browser's calls to the triage route handlers. Errors carry the server's message, written for people.
import type { TriageQueueItem, TriageQueuePage } from '../../data/triage';
import type { TriageAction } from '../../validation/triage';
import { toQueryString } from '../../validation/query-string';
import { callApi } from '../call-api';

// One client for every route handler (lib/queries/call-api.ts); the name is kept for the triage views.
export { ApiError as TriageApiError } from '../call-api';
const call = callApi;

export function fetchTriageQueue(params: Record<string, string | readonly string[] | number | undefined | null>): Promise<TriageQueuePage> {
  return call<TriageQueuePage>(`/api/triage/items${toQueryString(params)}`);
}

export function postTriageAction(id: string, action: TriageAction, expectedVersion?: number): Promise<TriageQueueItem> {
  return call<TriageQueueItem>(`/api/triage/items/${encodeURIComponent(id)}`, { method: 'POST', body: JSON.stringify({ action, expectedVersion }) });
}

export function postBulkTriageAction(ids: string[], action: TriageAction): Promise<{ items: TriageQueueItem[] }> {
  return call<{ items: TriageQueueItem[] }>('/api/triage/bulk', { method: 'POST', body: JSON.stringify({ ids, action }) });
}

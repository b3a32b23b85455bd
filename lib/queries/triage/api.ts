// The browser's calls to the triage route handlers. Errors carry the server's message, written for people.
import type { TriageQueueItem, TriageQueuePage } from '../../data/triage';
import type { TriageAction } from '../../validation/triage';
import { toQueryString } from '../../validation/query-string';

export class TriageApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'TriageApiError';
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers }, credentials: 'same-origin' });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object' && 'message' in body.error && typeof body.error.message === 'string'
        ? body.error.message
        : `The server answered ${response.status}.`;
    throw new TriageApiError(response.status, message);
  }
  return body as T;
}

export function fetchTriageQueue(params: Record<string, string | readonly string[] | number | undefined | null>): Promise<TriageQueuePage> {
  return call<TriageQueuePage>(`/api/triage/items${toQueryString(params)}`);
}

export function postTriageAction(id: string, action: TriageAction, expectedVersion?: number): Promise<TriageQueueItem> {
  return call<TriageQueueItem>(`/api/triage/items/${encodeURIComponent(id)}`, { method: 'POST', body: JSON.stringify({ action, expectedVersion }) });
}

export function postBulkTriageAction(ids: string[], action: TriageAction): Promise<{ items: TriageQueueItem[] }> {
  return call<{ items: TriageQueueItem[] }>('/api/triage/bulk', { method: 'POST', body: JSON.stringify({ ids, action }) });
}

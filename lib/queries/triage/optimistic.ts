// How an action looks before the server answers: the status or owner changes at once in every cached queue page;
// the server's item replaces it on success, and the snapshot comes back on error.
import type { TriageQueueItem, TriageQueuePage } from '../../data/triage';
import type { TriageAction } from '../../validation/triage';

export function applyOptimistic(item: TriageQueueItem, action: TriageAction, me: { id: string; name: string }): TriageQueueItem {
  switch (action.type) {
    case 'assign':
      return { ...item, owner: action.ownerId ? { id: action.ownerId, name: action.ownerId === me.id ? me.name : (action.ownerName ?? action.ownerId) } : null };
    case 'status':
      return { ...item, status: action.status, acceptanceExpired: false, sla: ['new', 'acknowledged', 'in_progress'].includes(action.status) ? item.sla : 'closed' };
    case 'accept':
      return { ...item, status: 'risk_accepted', acceptanceExpired: false, acceptedUntil: action.acceptedUntil, sla: 'closed' };
    case 'comment':
      return item;
  }
}

/** Replaces items by id in a cached queue page (unknown ids are left alone). */
export function replaceItems(page: TriageQueuePage | undefined, next: (item: TriageQueueItem) => TriageQueueItem | null): TriageQueuePage | undefined {
  if (!page) return page;
  return { ...page, items: page.items.map((i) => next(i) ?? i) };
}

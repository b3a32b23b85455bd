// Query keys of the triage views, from one factory so a mutation updates exactly the caches that show the item.
import type { TriageFilters } from '../../validation/triage';

export const triageKeys = {
  all: ['triage'] as const,
  queues: () => [...triageKeys.all, 'queue'] as const,
  queue: (filters: Partial<TriageFilters>) => [...triageKeys.queues(), filters] as const,
};

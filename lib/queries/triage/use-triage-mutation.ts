'use client';
// One mutation hook for single and bulk triage actions: optimistic update of every cached queue page, rollback
// with the server's message on error, the server's items on success, then a refetch so filters re-apply.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TriageQueueItem, TriageQueuePage } from '../../data/triage';
import type { TriageAction } from '../../validation/triage';
import { postBulkTriageAction, postTriageAction } from './api';
import { triageKeys } from './keys';
import { applyOptimistic, replaceItems } from './optimistic';

export interface TriageMutationInput {
  ids: string[];
  action: TriageAction;
  /** Single-item actions send the version the row showed (409 when someone changed it meanwhile). */
  expectedVersion?: number;
}

export function useTriageMutation(me: { id: string; name: string }, options: { onSettled?: () => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, action, expectedVersion }: TriageMutationInput): Promise<TriageQueueItem[]> => {
      if (ids.length === 1 && ids[0]) return [await postTriageAction(ids[0], action, expectedVersion)];
      return (await postBulkTriageAction(ids, action)).items;
    },
    onMutate: async ({ ids, action }) => {
      await client.cancelQueries({ queryKey: triageKeys.queues() });
      const snapshot = client.getQueriesData<TriageQueuePage>({ queryKey: triageKeys.queues() });
      const wanted = new Set(ids);
      client.setQueriesData<TriageQueuePage>({ queryKey: triageKeys.queues() }, (page) =>
        replaceItems(page, (i) => (wanted.has(i.id) ? applyOptimistic(i, action, me) : null)),
      );
      return { snapshot };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
    },
    onSuccess: (items) => {
      const byId = new Map(items.map((i) => [i.id, i]));
      client.setQueriesData<TriageQueuePage>({ queryKey: triageKeys.queues() }, (page) => replaceItems(page, (i) => byId.get(i.id) ?? null));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: triageKeys.queues() });
      options.onSettled?.();
    },
  });
}

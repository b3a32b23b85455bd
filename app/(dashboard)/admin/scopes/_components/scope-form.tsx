'use client';
// Add or replace one group's mapping. Validation errors come back from the server action and are shown next
// to the form (announced to screen readers), not as a generic failure.
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/guards';
import type { GroupScopeDto } from '@/lib/auth/group-scopes';
import { saveScopeAction } from '../actions';

const field = 'w-full rounded-md border bg-background px-2 py-1.5 text-sm';

export function ScopeForm({ initial }: { initial?: GroupScopeDto }) {
  const [state, action, pending] = useActionState<ActionResult<GroupScopeDto> | null, FormData>(
    (previous, form) => saveScopeAction(previous, form),
    null,
  );
  const prefix = initial ? `edit-${initial.groupId}` : 'new';
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" aria-label={initial ? `Edit ${initial.displayName ?? initial.groupId}` : 'Add a group mapping'}>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-group`}>
        Entra group object id
        <input id={`${prefix}-group`} name="groupId" required defaultValue={initial?.groupId} readOnly={Boolean(initial)} className={field} placeholder="00000000-0000-0000-0000-000000000000" />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-name`}>
        Display name
        <input id={`${prefix}-name`} name="displayName" defaultValue={initial?.displayName ?? ''} className={field} maxLength={200} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-teams`}>
        Teams (cluster team tag)
        <textarea id={`${prefix}-teams`} name="teams" defaultValue={initial?.teams.join('\n')} className={field} rows={2} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-clusters`}>
        Cluster ids
        <textarea id={`${prefix}-clusters`} name="clusterIds" defaultValue={initial?.clusterIds.join('\n')} className={field} rows={2} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-subs`}>
        Subscription ids (every cluster in them)
        <textarea id={`${prefix}-subs`} name="subscriptionIds" defaultValue={initial?.subscriptionIds.join('\n')} className={field} rows={2} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium" htmlFor={`${prefix}-owner`}>
        Owning team of these clusters and subscriptions
        <input
          id={`${prefix}-owner`}
          name="ownerTeam"
          defaultValue={initial?.ownerTeam ?? ''}
          className={field}
          maxLength={100}
          aria-describedby={`${prefix}-owner-help`}
        />
        <span id={`${prefix}-owner-help`} className="font-normal text-muted-foreground">
          For clusters without a team tag (a tag wins). Clusters, triage and digests follow at once; trend snapshots from the next sync (past days keep their team).
        </span>
      </label>
      <label className="flex items-center gap-2 self-end text-sm" htmlFor={`${prefix}-all`}>
        <input id={`${prefix}-all`} type="checkbox" name="allClusters" value="on" defaultChecked={initial?.allClusters} />
        All clusters
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>{initial ? 'Save' : 'Add mapping'}</Button>
        <p role="status" aria-live="polite" className="text-sm">
          {state?.ok ? 'Saved.' : null}
        </p>
      </div>
      {state && !state.ok ? (
        <div role="alert" className="text-sm text-destructive sm:col-span-2">
          <p>{state.error.message}</p>
        </div>
      ) : null}
    </form>
  );
}

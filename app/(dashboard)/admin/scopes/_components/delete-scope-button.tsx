'use client';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/guards';
import { deleteScopeAction } from '../actions';

export function DeleteScopeButton({ groupId, label }: { groupId: string; label: string }) {
  const [state, action, pending] = useActionState<ActionResult<string> | null, FormData>((previous, form) => deleteScopeAction(previous, form), null);
  return (
    <form action={action}>
      <input type="hidden" name="groupId" value={groupId} />
      <Button type="submit" variant="destructive" size="sm" disabled={pending} aria-label={`Delete the mapping of ${label}`}>
        Delete
      </Button>
      {state && !state.ok ? <p role="alert" className="text-xs text-destructive">{state.error.message}</p> : null}
    </form>
  );
}

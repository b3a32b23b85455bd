import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/guards';

/** The Save button of a settings form, with "Saved." or the server's refusal beneath it. */
export function SaveRow<R>({ pending, state }: { pending: boolean; state: ActionResult<R> | null }) {
  return (
    <>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={pending}>Save</Button>
        <p role="status" className="text-sm">{state?.ok ? 'Saved.' : null}</p>
      </div>
      {state && !state.ok ? <p role="alert" className="text-sm text-destructive">{state.error.message}</p> : null}
    </>
  );
}

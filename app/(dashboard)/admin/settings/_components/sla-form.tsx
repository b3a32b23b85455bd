'use client';
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/guards';
import { SaveRow } from './save-row';
import type { SlaPolicyDto } from '@/lib/data/triage-sla';
import { SEVERITIES } from '@/lib/domain/model';
import { changeSlaAction } from '../sla-actions';
import { SEVERITY_LABELS } from '@/components/posture/severity';

export function SlaForm({ current }: { current: SlaPolicyDto }) {
  const [state, action, pending] = useActionState<ActionResult<SlaPolicyDto> | null, FormData>((previous, form) => changeSlaAction(previous, form), null);
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Triage SLA by severity">
      <div>
        <h2 className="text-sm font-medium">Triage SLA by severity</h2>
        <p className="text-xs text-muted-foreground">
          Days from detection until an alert, incident or new finding breaches its SLA. Saving re-dates every item in the queue. Now:{' '}
          {current.source === 'admin' ? `set in the app by ${current.updatedBy ?? 'unknown'}` : 'the defaults'}.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        {SEVERITIES.map((s) => (
          <label key={s} className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
            {SEVERITY_LABELS[s]}
            <input name={s} type="number" min={1} max={3650} required defaultValue={current.policy[s]} className="h-9 w-24 rounded-md border bg-background px-2 text-sm text-foreground" />
          </label>
        ))}
      </div>
      <SaveRow pending={pending} state={state} />
    </form>
  );
}

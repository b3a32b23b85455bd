'use client';
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/guards';
import { SaveRow } from './save-row';
import type { SettingDto } from '@/lib/auth/settings';
import { changeSettingAction } from '../actions';

export function SettingForm({ setting, label, description }: { setting: SettingDto; label: string; description: string }) {
  const [state, action, pending] = useActionState<ActionResult<SettingDto> | null, FormData>((previous, form) => changeSettingAction(previous, form), null);
  const id = `setting-${setting.key}`;
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={label}>
      <input type="hidden" name="key" value={setting.key} />
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
        <input id={id} type="checkbox" name="value" value="on" defaultChecked={setting.value} aria-describedby={`${id}-desc`} />
        {label}
      </label>
      <p id={`${id}-desc`} className="text-xs text-muted-foreground">
        {description} Now: {setting.source === 'admin' ? `set in the app by ${setting.updatedBy ?? 'unknown'}` : 'from the environment'}.
      </p>
      <SaveRow pending={pending} state={state} />
    </form>
  );
}

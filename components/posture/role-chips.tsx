import * as React from 'react';
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';

export type RoleChipsProps = Omit<React.ComponentProps<'ul'>, 'children'> & {
  roles: readonly TeamRole[];
  'aria-label'?: string;
};

/** Owning roles in the model's fixed order, so the same set always reads the same way. */
export function RoleChips({ roles, className, 'aria-label': ariaLabel = 'Owning roles', ...props }: RoleChipsProps) {
  const ordered = TEAM_ROLES.filter((role) => roles.includes(role));
  if (ordered.length === 0) return null;
  return (
    <ul data-slot="role-chips" aria-label={ariaLabel} className={cn('flex flex-wrap gap-1', className)} {...props}>
      {ordered.map((role) => (
        <li
          key={role}
          data-role={role}
          className="inline-flex h-5 items-center rounded-full border bg-muted px-2 text-[11px] font-medium text-muted-foreground"
        >
          {TEAM_ROLE_LABELS[role]}
        </li>
      ))}
    </ul>
  );
}

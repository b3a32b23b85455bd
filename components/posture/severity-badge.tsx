import * as React from 'react';
import type { Severity } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { badgeVariants } from '@/components/ui/badge';
import { SEVERITY_BADGE_CLASSES, SEVERITY_DOT_CLASSES, SEVERITY_LABELS } from './severity';

export type SeverityBadgeProps = Omit<React.ComponentProps<'span'>, 'children'> & {
  severity: Severity;
};

/** The word is always shown: colour only reinforces it. */
export function SeverityBadge({ severity, className, ...props }: SeverityBadgeProps) {
  return (
    <span
      data-slot="severity-badge"
      data-severity={severity}
      className={cn(badgeVariants({ variant: 'outline' }), SEVERITY_BADGE_CLASSES[severity], className)}
      {...props}
    >
      <span aria-hidden="true" className={cn('size-1.5 rounded-full', SEVERITY_DOT_CLASSES[severity])} />
      {SEVERITY_LABELS[severity]}
    </span>
  );
}

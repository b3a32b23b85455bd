import * as React from 'react';
import { CircleCheck, CircleDashed, CircleX, type LucideIcon } from 'lucide-react';
import type { ControlStatus } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { badgeVariants } from '@/components/ui/badge';
import { CONTROL_STATUS_CLASSES, CONTROL_STATUS_LABELS } from './control-status';

/** Distinct shapes (check, cross, dashed ring) so the status survives greyscale and colour blindness. */
export const CONTROL_STATUS_ICONS: Record<ControlStatus, LucideIcon> = {
  pass: CircleCheck,
  fail: CircleX,
  'no-evidence': CircleDashed,
};

export type ControlStatusPillProps = Omit<React.ComponentProps<'span'>, 'children'> & {
  status: ControlStatus;
};

export function ControlStatusPill({ status, className, ...props }: ControlStatusPillProps) {
  const Icon = CONTROL_STATUS_ICONS[status];
  return (
    <span
      data-slot="control-status-pill"
      data-status={status}
      className={cn(badgeVariants({ variant: 'outline' }), 'rounded-full pl-1', CONTROL_STATUS_CLASSES[status], className)}
      {...props}
    >
      <Icon aria-hidden="true" />
      {CONTROL_STATUS_LABELS[status]}
    </span>
  );
}

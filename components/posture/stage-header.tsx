import * as React from 'react';
import { CONTROL_STATUSES, STAGE_LABELS, type Stage } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatCount } from '@/components/ui/format';
import { CONTROL_STATUS_ICONS } from './control-status-pill';
import { CONTROL_STATUS_LABELS, CONTROL_STATUS_TEXT_CLASSES, type ControlStatusTallies } from './control-status';

export type StageHeaderProps = Omit<React.ComponentProps<'header'>, 'children'> & {
  stage: Stage;
  /** One line on what the stage covers, from the catalog. */
  description: string;
  tallies: ControlStatusTallies;
  /** Heading level to fit the page outline. */
  as?: 'h2' | 'h3';
  /** e.g. a link to the stage's controls. */
  action?: React.ReactNode;
};

export function StageHeader({
  stage,
  description,
  tallies,
  as: Heading = 'h2',
  action,
  className,
  ...props
}: StageHeaderProps) {
  const headingId = `stage-${stage}-heading`;
  return (
    <header
      data-slot="stage-header"
      data-stage={stage}
      className={cn('flex flex-wrap items-start justify-between gap-x-6 gap-y-2', className)}
      {...props}
    >
      <div className="min-w-0 space-y-0.5">
        <Heading id={headingId} className="text-base font-semibold tracking-tight">
          {STAGE_LABELS[stage]}
        </Heading>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      <div className="flex items-center gap-4">
        <ul aria-label={`${STAGE_LABELS[stage]} controls by status`} className="flex items-center gap-3 text-xs tabular-nums">
          {CONTROL_STATUSES.map((status) => {
            const Icon = CONTROL_STATUS_ICONS[status];
            const count = tallies[status];
            return (
              <li
                key={status}
                data-status={status}
                className={cn('inline-flex items-center gap-1', count === 0 ? 'text-muted-foreground' : CONTROL_STATUS_TEXT_CLASSES[status])}
              >
                <Icon aria-hidden="true" className="size-3.5" />
                <span className="font-semibold">{formatCount(count)}</span>
                <span className={count === 0 ? undefined : 'text-muted-foreground'}>
                  {CONTROL_STATUS_LABELS[status].toLowerCase()}
                </span>
              </li>
            );
          })}
        </ul>
        {action}
      </div>
    </header>
  );
}

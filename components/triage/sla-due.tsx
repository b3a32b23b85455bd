import { cn } from '@/components/ui/cn';
import type { SlaState } from '@/lib/triage/sla';

const LABEL: Record<SlaState, string> = { breached: 'SLA breached', 'due-soon': 'Due soon', 'on-track': 'On track', closed: 'Closed' };
const CLASSES: Record<SlaState, string> = {
  breached: 'text-critical font-medium',
  'due-soon': 'text-high font-medium',
  'on-track': 'text-muted-foreground',
  closed: 'text-muted-foreground',
};

/** The SLA due date and its state, in words as well as colour. */
export function SlaDue({ dueAt, sla, className }: { dueAt: string; sla: SlaState; className?: string }) {
  return (
    <span className={cn('inline-flex flex-col text-xs leading-tight', className)} data-sla={sla}>
      <time dateTime={dueAt} className="tabular-nums text-foreground">{dueAt.slice(0, 10)}</time>
      <span className={CLASSES[sla]}>{LABEL[sla]}</span>
    </span>
  );
}

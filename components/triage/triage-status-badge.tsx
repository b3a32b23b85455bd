import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { TRIAGE_STATUS_LABELS, type TriageStatus } from '@/lib/domain/triage-status';

const CLASSES: Record<TriageStatus, string> = {
  new: 'border-primary/30 bg-primary/10 text-primary',
  acknowledged: 'border-transparent bg-secondary text-secondary-foreground',
  in_progress: 'border-medium/30 bg-medium/10 text-medium',
  resolved: 'border-transparent bg-muted text-muted-foreground',
  false_positive: 'border-transparent bg-muted text-muted-foreground',
  risk_accepted: 'border-low/30 bg-low/10 text-low',
};

/** The analyst's status; an acceptance that expired shows as reopened, so nothing hides past its date. */
export function TriageStatusBadge({ status, expired = false, className }: { status: TriageStatus; expired?: boolean; className?: string }) {
  return (
    <Badge variant="outline" data-status={status} className={cn(CLASSES[status], className)}>
      {expired ? 'Reopened · acceptance expired' : TRIAGE_STATUS_LABELS[status]}
    </Badge>
  );
}

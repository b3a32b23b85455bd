import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

const LABEL: Record<string, string> = { compliant: 'Compliant', noncompliant: 'Non-compliant', exempt: 'Exempt', conflict: 'Conflict', error: 'Error', unknown: 'Unknown' };

export function ComplianceStateBadge({ state }: { state: string }) {
  return (
    <Badge
      variant="outline"
      data-state={state}
      className={cn(
        state === 'noncompliant' && 'border-fail/40 bg-fail/10 text-fail',
        state === 'compliant' && 'border-pass/40 bg-pass/10 text-pass',
        state === 'exempt' && 'border-warning/40 bg-warning/10 text-warning',
      )}
    >
      {LABEL[state] ?? state}
    </Badge>
  );
}

import { AlertTriangle, CheckCircle2, Clock, CloudOff, RefreshCw, ShieldOff } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { writeBackLabel, type WriteBackStatus } from '@/lib/triage/write-back-status';

const STYLE: Record<WriteBackStatus['state'], { className: string; Icon: typeof Clock }> = {
  synced: { className: 'border-pass/30 bg-pass/10 text-pass', Icon: CheckCircle2 },
  pending: { className: 'border-transparent bg-secondary text-secondary-foreground', Icon: Clock },
  failed: { className: 'border-destructive/30 bg-destructive/10 text-destructive', Icon: RefreshCw },
  given_up: { className: 'border-destructive/30 bg-destructive/10 text-destructive', Icon: ShieldOff },
  local: { className: 'border-transparent bg-muted text-muted-foreground', Icon: CloudOff },
  none: { className: 'border-transparent bg-muted text-muted-foreground', Icon: RefreshCw },
};

/**
 * Where an item's triage change stands at the source: synced, waiting, failed and retrying (with when, and the last
 * error on hover and on the item page), refused for lack of permission, or local only. Never silent about a failure.
 */
export function WriteBackBadge({ status, className }: { status: WriteBackStatus; className?: string }) {
  const { className: tone, Icon } = STYLE[status.state];
  const error = status.state === 'failed' || status.state === 'given_up' ? status.lastError : null;
  return (
    <Badge variant="outline" data-testid="write-back" data-state={status.state} className={cn(tone, className)} title={error ?? undefined}>
      {status.state === 'failed' ? <AlertTriangle aria-hidden="true" /> : <Icon aria-hidden="true" />}
      {writeBackLabel(status)}
    </Badge>
  );
}

/** The badge plus, for a failure, its last error in words (the item page). */
export function WriteBackDetail({ status }: { status: WriteBackStatus }) {
  const error = status.state === 'failed' || status.state === 'given_up' ? status.lastError : null;
  return (
    <div className="flex flex-col gap-1">
      <WriteBackBadge status={status} />
      {status.state === 'failed' ? (
        <span className="text-xs text-muted-foreground">
          Attempt {status.attempts} failed; next attempt <time dateTime={status.nextAttemptAt}>{status.nextAttemptAt.replace('T', ' ').slice(0, 16)} UTC</time>.
        </span>
      ) : null}
      {error ? <span className="text-xs text-destructive [overflow-wrap:anywhere]">Last error: {error}</span> : null}
      {status.state === 'synced' && status.at ? (
        <span className="text-xs text-muted-foreground">Written back <time dateTime={status.at}>{status.at.replace('T', ' ').slice(0, 16)} UTC</time>.</span>
      ) : null}
    </div>
  );
}

import { TRIAGE_STATUS_LABELS, TRIAGE_STATUSES, type TriageStatus } from '@/lib/domain/triage-status';
import type { TriageHistoryEntry } from '@/lib/data/triage';

const label = (s: string | null) => (s && (TRIAGE_STATUSES as readonly string[]).includes(s) ? TRIAGE_STATUS_LABELS[s as TriageStatus] : (s ?? '—'));

function summary(e: TriageHistoryEntry): string {
  switch (e.kind) {
    case 'status':
      return `changed the status from ${label(e.from)} to ${label(e.to)}`;
    case 'assign':
      return e.to ? `assigned it to ${e.to}` : 'removed the owner';
    case 'accept':
      return 'accepted the risk';
    case 'reopen':
      return 'reopened it';
    case 'comment':
      return 'commented';
    default:
      return e.kind;
  }
}

export function TriageHistory({ entries }: { entries: TriageHistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No triage yet.</p>;
  return (
    <ol className="flex flex-col gap-3 text-sm" data-testid="history">
      {entries.map((e) => (
        <li key={e.id} className="border-l-2 pl-3">
          <div><span className="font-medium">{e.actor}</span> {summary(e)}</div>
          {e.comment ? <p className="mt-0.5 whitespace-pre-wrap text-muted-foreground">{e.comment}</p> : null}
          <time dateTime={e.at} className="text-xs text-muted-foreground">{e.at.replace('T', ' ').slice(0, 16)} UTC</time>
        </li>
      ))}
    </ol>
  );
}

// The lines of "what changed": each names its record and links to it.
import Link from 'next/link';
import { SeverityBadge } from '@/components/posture/severity-badge';
import type { ChangedFinding, NewBreach, ScoreChange } from '@/lib/data/what-changed';
import type { Severity } from '@/lib/domain/model';

/** One line: severity, the record's title linking to it, and what else to know. */
function ChangeLine({ severity, path, title, detail, team }: { severity: Severity; path: string; title: string; detail: string; team?: string | null }) {
  return (
    <li className="flex items-start gap-2 py-2" data-team={team ?? undefined}>
      <SeverityBadge severity={severity} />
      <div className="min-w-0 flex-1">
        <Link href={path} className="font-medium hover:underline">{title}</Link>
        <p className="text-xs text-muted-foreground">{detail}</p>
      </div>
    </li>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p className="mt-2 text-xs text-muted-foreground">Showing {shown} of {total}.</p> : null;
}

export function ChangedFindings({ lines, total, testId, empty }: { lines: ChangedFinding[]; total: number; testId: string; empty: string }) {
  if (lines.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <>
      <ul className="divide-y text-sm" data-testid={testId}>
        {lines.map((f) => (
          <ChangeLine
            key={f.id}
            severity={f.severity}
            path={f.path}
            title={f.title}
            team={f.team}
            detail={`${f.clusterName ?? 'No cluster'}${f.team ? ` · ${f.team}` : ''} · ${f.at.slice(0, 10)}${f.status !== 'open' ? ` · now ${f.status}` : ''}`}
          />
        ))}
      </ul>
      <More shown={lines.length} total={total} />
    </>
  );
}

export function NewBreaches({ lines, total }: { lines: NewBreach[]; total: number }) {
  if (lines.length === 0) return <p className="text-sm text-muted-foreground">No SLA ran out this week on an item still open.</p>;
  return (
    <>
      <ul className="divide-y text-sm" data-testid="new-breaches">
        {lines.map((b) => (
          <ChangeLine
            key={b.id}
            severity={b.severity}
            path={b.path}
            title={b.title}
            detail={`Due ${b.dueAt.slice(0, 10)} · ${b.clusterName ?? 'No cluster'}${b.team ? ` · ${b.team}` : ''} · ${b.ownerName ?? 'unassigned'}`}
          />
        ))}
      </ul>
      <More shown={lines.length} total={total} />
    </>
  );
}

export function ScoreChanges({ lines }: { lines: ScoreChange[] }) {
  if (lines.length === 0) return <p className="text-sm text-muted-foreground">No secure score recorded for the subscriptions in view.</p>;
  return (
    <ul className="divide-y text-sm" data-testid="score-changes">
      {lines.map((s) => (
        <li key={s.subscriptionId} className="flex items-center justify-between gap-2 py-2">
          <Link href={s.path} className="font-medium hover:underline">{s.subscriptionName ?? s.subscriptionId}</Link>
          <span className="tabular-nums">
            {s.startPercent ?? '–'}% → {s.endPercent ?? '–'}%
            {s.delta !== null ? (
              <span className={s.delta > 0 ? 'ml-2 text-pass' : s.delta < 0 ? 'ml-2 text-critical' : 'ml-2 text-muted-foreground'}>
                {s.delta > 0 ? '+' : ''}{s.delta} pts
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

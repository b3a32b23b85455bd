'use client';
// Triage controls of one item. The change shows at once (the pending mutation's variables drive the display — TanStack
// Query's optimistic UI), falls back with the server's message on error, and the page refreshes its history after.
import { useRouter } from 'next/navigation';
import * as React from 'react';
import { TriageStatusBadge } from '@/components/triage/triage-status-badge';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TriageQueueItem } from '@/lib/data/triage';
import { TRIAGE_STATUS_LABELS } from '@/lib/domain/triage-status';
import { applyOptimistic } from '@/lib/queries/triage/optimistic';
import { useTriageMutation } from '@/lib/queries/triage/use-triage-mutation';
import type { TriageAction } from '@/lib/validation/triage';

const inputClass = 'w-full rounded-md border bg-background px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-ring';
const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive'] as const;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function ItemActions({ item, assignees, me }: { item: TriageQueueItem; assignees: { id: string; name: string }[]; me: { id: string; name: string } }) {
  const router = useRouter();
  const mutation = useTriageMutation(me, { onSettled: () => router.refresh() });
  const [comment, setComment] = React.useState('');
  const [justification, setJustification] = React.useState('');
  const [until, setUntil] = React.useState(inDays(30));
  // The version this page last knew: the server's answer to our own change counts, before the refresh lands, so a
  // second action right after the first is not mistaken for someone else's change (409).
  const [answered, setAnswered] = React.useState(0);
  const version = Math.max(item.version, answered);
  const shown = mutation.isPending && mutation.variables ? applyOptimistic(item, mutation.variables.action, me) : item;
  const act = (action: TriageAction, after?: () => void) =>
    mutation.mutate(
      { ids: [item.id], action, expectedVersion: version },
      {
        onSuccess: (items) => {
          const saved = items[0];
          if (saved) setAnswered((v) => Math.max(v, saved.version));
          after?.();
        },
      },
    );

  return (
    <div className="flex flex-col gap-5 text-sm" data-testid="item-actions">
      {mutation.isError ? <Alert variant="error" title="The change was not saved" description={mutation.error.message} data-testid="triage-error" /> : null}
      <section className="flex flex-col gap-2" aria-labelledby="owner-h">
        <h3 id="owner-h" className="text-xs font-medium text-muted-foreground">Owner</h3>
        <p data-testid="owner">{shown.owner ? (shown.owner.name ?? shown.owner.id) : 'Unassigned'}</p>
        <div className="flex flex-wrap gap-2">
          {shown.owner?.id !== me.id ? (
            <Button size="sm" onClick={() => act({ type: 'assign', ownerId: me.id })} disabled={mutation.isPending}>Assign to me</Button>
          ) : null}
          <select
            aria-label="Assign to"
            className={`${inputClass} h-8 w-auto py-0 leading-tight`}
            value=""
            onChange={(e) => {
              const person = assignees.find((a) => a.id === e.target.value);
              if (person) act({ type: 'assign', ownerId: person.id, ownerName: person.name });
              else if (e.target.value === '-') act({ type: 'assign', ownerId: null });
            }}
          >
            <option value="">Assign to…</option>
            {assignees.filter((a) => a.id !== shown.owner?.id).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            {shown.owner ? <option value="-">Nobody (unassign)</option> : null}
          </select>
        </div>
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="status-h">
        <h3 id="status-h" className="text-xs font-medium text-muted-foreground">Status</h3>
        <div data-testid="status"><TriageStatusBadge status={shown.status} expired={shown.acceptanceExpired} /></div>
        <div className="flex flex-wrap gap-1.5" role="group" aria-label="Change status">
          {STATUSES.filter((s) => s !== shown.status).map((s) => (
            <Button key={s} size="sm" variant="outline" onClick={() => act({ type: 'status', status: s })} disabled={mutation.isPending}>
              {TRIAGE_STATUS_LABELS[s]}
            </Button>
          ))}
        </div>
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="comment-h">
        <h3 id="comment-h" className="text-xs font-medium text-muted-foreground">Comment</h3>
        <textarea aria-label="Comment" className={inputClass} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="What you found, what you did" />
        <Button size="sm" variant="secondary" className="self-start" disabled={mutation.isPending || comment.trim() === ''} onClick={() => act({ type: 'comment', comment }, () => setComment(''))}>
          Add comment
        </Button>
      </section>
      <section id="accept" className="flex flex-col gap-2 rounded-md border border-dashed p-3" aria-labelledby="accept-h">
        <h3 id="accept-h" className="text-xs font-medium text-muted-foreground">Accept the risk</h3>
        <p className="text-xs text-muted-foreground">Always with a justification and an expiry: at the expiry the item reopens by itself. Accepted items stay visible under “Risk accepted”.</p>
        <textarea aria-label="Justification" className={inputClass} rows={2} value={justification} onChange={(e) => setJustification(e.target.value)} placeholder="Why this risk is acceptable for now" />
        <label className="flex items-center gap-2 text-xs text-muted-foreground">
          Until
          <input type="date" aria-label="Accepted until" className={`${inputClass} w-auto`} value={until} min={inDays(1)} max={inDays(365)} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <Button
          size="sm"
          variant="outline"
          className="self-start"
          disabled={mutation.isPending || justification.trim().length < 10 || until === ''}
          onClick={() => act({ type: 'accept', justification, acceptedUntil: `${until}T23:59:59Z` }, () => setJustification(''))}
        >
          Accept risk until {until || '…'}
        </Button>
        {justification.trim().length > 0 && justification.trim().length < 10 ? <p className="text-xs text-muted-foreground">Say a little more (at least 10 characters).</p> : null}
      </section>
    </div>
  );
}

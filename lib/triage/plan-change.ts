// What a triage action changes, decided purely from the item's current state, the action, who acts and when:
// the new fields, the history entries and the audit entry's before/after. The data layer applies the plan inside
// one transaction; tests check the rules here without a database.
import { AppError } from '../errors';
import type { AuditAction } from '../audit/record-audit';
import { TRIAGE_STATUS_LABELS, type TriageStatus } from '../domain/triage-status';
import type { TriageAction } from '../validation/triage';
import { acceptanceSchema, effectiveStatus } from './expiry';

export interface TriageState {
  status: TriageStatus;
  ownerId: string | null;
  ownerName: string | null;
  acceptedUntil: Date | null;
  justification: string | null;
}

export interface PlannedEvent {
  kind: 'status' | 'assign' | 'comment' | 'accept';
  from: string | null;
  to: string | null;
  comment: string | null;
}

export interface TriagePlan {
  next: TriageState;
  events: PlannedEvent[];
  audit: AuditAction;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const snapshot = (s: TriageState) => ({
  status: s.status,
  owner: s.ownerId ? { id: s.ownerId, name: s.ownerName } : null,
  acceptedUntil: s.acceptedUntil?.toISOString() ?? null,
  justification: s.justification,
});

export function planTriageChange(current: TriageState, action: TriageAction, actor: { id: string; name: string }, now: Date): TriagePlan {
  // An acceptance that has expired is already open again, whether or not the sync has written that yet.
  const from: TriageState = { ...current, status: effectiveStatus(current, now).status };
  const plan = (next: TriageState, events: PlannedEvent[], audit: AuditAction): TriagePlan => ({ next, events, audit, before: snapshot(current), after: snapshot(next) });
  switch (action.type) {
    case 'assign': {
      const ownerName = action.ownerId === null ? null : action.ownerId === actor.id ? actor.name : (action.ownerName ?? action.ownerId);
      const next = { ...from, ownerId: action.ownerId, ownerName };
      return plan(next, [{ kind: 'assign', from: current.ownerName ?? current.ownerId, to: ownerName, comment: null }], 'triage.assign');
    }
    case 'status': {
      if (action.status === from.status) throw new AppError('CONFLICT', `The item is already ${TRIAGE_STATUS_LABELS[action.status].toLowerCase()}.`);
      // Leaving risk acceptance ends it; the justification stays in the history.
      const next = { ...from, status: action.status, acceptedUntil: null };
      return plan(next, [{ kind: 'status', from: from.status, to: action.status, comment: action.comment ?? null }], 'triage.status');
    }
    case 'comment':
      return plan({ ...from }, [{ kind: 'comment', from: null, to: null, comment: action.comment }], 'triage.comment');
    case 'accept': {
      const parsed = acceptanceSchema(now).safeParse({ justification: action.justification, acceptedUntil: action.acceptedUntil });
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new AppError('BAD_REQUEST', `Risk acceptance refused: ${details.map((d) => d.message).join('; ')}.`, { details });
      }
      const next = { ...from, status: 'risk_accepted' as const, acceptedUntil: parsed.data.acceptedUntil, justification: parsed.data.justification };
      return plan(
        next,
        [{ kind: 'accept', from: from.status, to: 'risk_accepted', comment: `${parsed.data.justification} (until ${parsed.data.acceptedUntil.toISOString().slice(0, 10)})` }],
        'triage.accept_risk',
      );
    }
  }
}

// Risk acceptance always has a justification and an expiry; at expiry the item reopens by itself. Pure rules, tested
// with a fixed clock. The sync persists the reopening (with a history entry); until it runs, reads already treat an
// expired acceptance as open, so nothing hides past its date.
import { z } from 'zod';
import { isActiveStatus, type TriageStatus } from '../domain/triage-status';
import { DAY_MS } from './sla';

/** The longest an acceptance may run before someone must look again. */
export const MAX_ACCEPTANCE_DAYS = 365;

export interface AcceptanceState {
  status: TriageStatus;
  acceptedUntil: Date | null;
}

export function isAcceptanceExpired(item: AcceptanceState, now: Date): boolean {
  return item.status === 'risk_accepted' && item.acceptedUntil !== null && item.acceptedUntil.getTime() <= now.getTime();
}

/** What the queue shows: an accepted risk past its expiry is open again ("reopened: acceptance expired"). */
export function effectiveStatus(item: AcceptanceState, now: Date): { status: TriageStatus; expired: boolean } {
  return isAcceptanceExpired(item, now) ? { status: 'new', expired: true } : { status: item.status, expired: false };
}

export function isActiveAt(item: AcceptanceState, now: Date): boolean {
  return isActiveStatus(effectiveStatus(item, now).status);
}

/** Validates an acceptance against `now`: a real justification, an expiry in the future and within the maximum. */
export function acceptanceSchema(now: Date) {
  return z.object({
    justification: z.string().trim().min(10, 'say why the risk is accepted (at least 10 characters)').max(2000),
    acceptedUntil: z.coerce
      .date()
      .refine((d) => d.getTime() > now.getTime(), 'the expiry must be in the future')
      .refine((d) => d.getTime() <= now.getTime() + MAX_ACCEPTANCE_DAYS * DAY_MS, `the expiry must be within ${MAX_ACCEPTANCE_DAYS} days`),
  });
}

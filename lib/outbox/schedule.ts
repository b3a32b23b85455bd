// When to try an outbox message again. Pure (clock and randomness are passed in) so the schedule is unit-tested.
// Exponential backoff with "equal jitter": half the delay is fixed, half random, so many messages that failed
// together (an Azure outage) do not all come back in the same second, yet none retries sooner than half its step.
// A Retry-After from the receiver wins over our own schedule (capped, so a bogus header cannot park a row for a year).

export const OUTBOX_RETRY = {
  /** First retry after about this long. */
  baseDelayMs: 30_000,
  /** No step longer than this. */
  maxDelayMs: 60 * 60_000,
  /** Attempts in all (the first send included) before a message is given up and shown as such. */
  maxAttempts: 10,
  /** The longest Retry-After honoured. */
  maxRetryAfterMs: 24 * 60 * 60_000,
} as const;

/** Delay before attempt `attempts + 1`, after `attempts` failed ones (1-based). */
export function backoffDelayMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(OUTBOX_RETRY.maxDelayMs, OUTBOX_RETRY.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, OUTBOX_RETRY.maxRetryAfterMs);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), OUTBOX_RETRY.maxRetryAfterMs);
}

/** HTTP answers that will not get better by asking again: the request or our permission is wrong. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 409, 410, 413, 422]);

export function isPermanentStatus(status: number | null): boolean {
  return status !== null && PERMANENT_STATUSES.has(status);
}

export type FailureDecision = { state: 'failed'; nextAttemptAt: Date } | { state: 'given_up'; nextAttemptAt: null };

/** After a failed attempt (`attempts` counts it): retry at a time, or give up. */
export function decideAfterFailure(input: { attempts: number; status: number | null; retryAfterMs: number | null; now: Date; random?: () => number; permanent?: boolean }): FailureDecision {
  if (input.permanent || isPermanentStatus(input.status) || input.attempts >= OUTBOX_RETRY.maxAttempts) return { state: 'given_up', nextAttemptAt: null };
  const delay = input.retryAfterMs ?? backoffDelayMs(input.attempts, input.random);
  return { state: 'failed', nextAttemptAt: new Date(input.now.getTime() + delay) };
}

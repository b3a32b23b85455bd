// The outbox's vocabulary: what a message is, how a channel sends one, and how a send fails.
import type { AuditAction } from '../audit/record-audit';

export const OUTBOX_STATES = ['pending', 'sent', 'failed', 'given_up'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A message to add, in the transaction of the change that causes it. */
export interface OutboxDraft {
  kind: string;
  /** To whom: an ARM id, or a digest's audience. Never a secret (webhook URLs are resolved from settings at send time). */
  target: string;
  /** Messages with the same key go out in the order they were written. */
  orderingKey: string;
  payload: unknown;
  findingId?: bigint | null;
  /** At most one message per key, ever (a weekly digest per week and audience). */
  dedupeKey?: string | null;
}

/** A message claimed by a drainer. */
export interface ClaimedMessage {
  id: string;
  kind: string;
  target: string;
  payload: unknown;
  /** Failed attempts so far (this one not counted). */
  attempts: number;
  findingId: string | null;
  createdAt: Date;
}

/** A failed send. `status` is the receiver's HTTP status (null: no answer); `retryAfterMs` its Retry-After. */
export class OutboxSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    /** Asking again cannot help (nothing configured to send it to): give up now. */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'OutboxSendError';
  }
}

/** Sends one kind of message. Throws (preferably an OutboxSendError) when the receiver did not take it. */
export interface OutboxChannel {
  send(message: ClaimedMessage, ctx: { signal: AbortSignal; now: Date }): Promise<void>;
  /** Final outcomes (sent, given up) of this kind are audited under this action. */
  audit?: { action: AuditAction; targetType: string };
}

export type OutboxChannels = Readonly<Record<string, OutboxChannel>>;

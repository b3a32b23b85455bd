// Drains the outbox: claims due messages one at a time with SELECT … FOR UPDATE SKIP LOCKED — so several
// processes (web replicas, the scheduler, a CLI run) can drain at once and never send the same message twice —
// sends each through its channel while holding the row lock, and records the outcome (and, for audited kinds,
// an audit entry) in the same transaction. A message waits while an earlier unsettled message with the same
// ordering key exists, so two status changes of one item reach Azure in the order they were made.
import type pg from 'pg';
import { insertAuditSql } from './audit-sql';
import { decideAfterFailure } from './schedule';
import { OutboxSendError, type ClaimedMessage, type OutboxChannels } from './types';

/** One send may take this long before it counts as a failed attempt (the row lock is held meanwhile). */
export const SEND_TIMEOUT_MS = 30_000;

export interface DrainResult {
  sent: number;
  failed: number;
  givenUp: number;
}

export interface DrainOptions {
  channels: OutboxChannels;
  now?: () => Date;
  signal?: AbortSignal;
  /** Most messages handled in one call (the next call continues). */
  limit?: number;
  random?: () => number;
  log?: (line: string) => void;
}

interface Row {
  id: string;
  kind: string;
  target: string;
  payload: unknown;
  attempts: number;
  finding_id: string | null;
  created_at: Date;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

/** Claims, sends and settles one due message inside its own transaction; false when none is due. */
async function drainOne(client: pg.PoolClient, options: DrainOptions, kinds: string[], result: DrainResult): Promise<boolean> {
  const now = (options.now ?? (() => new Date()))();
  await client.query('BEGIN');
  try {
    const claimed = await client.query<Row>(
      `SELECT o.id::text, o.kind, o.target, o.payload, o.attempts, o.finding_id::text, o.created_at FROM outbox o
        WHERE o.state IN ('pending', 'failed') AND o.next_attempt_at <= $1 AND o.kind = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = o.ordering_key AND e.id < o.id AND e.state IN ('pending', 'failed'))
        ORDER BY o.next_attempt_at, o.id
        LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now, kinds],
    );
    const row = claimed.rows[0];
    if (!row) {
      await client.query('COMMIT');
      return false;
    }
    const message: ClaimedMessage = { id: row.id, kind: row.kind, target: row.target, payload: row.payload, attempts: row.attempts, findingId: row.finding_id, createdAt: row.created_at };
    const channel = options.channels[row.kind];
    if (!channel) throw new Error(`no channel for outbox kind ${row.kind}`);
    const signals = [AbortSignal.timeout(SEND_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
    let failure: unknown = null;
    try {
      await channel.send(message, { signal: AbortSignal.any(signals), now });
    } catch (e) {
      failure = e;
    }
    const attempts = row.attempts + 1;
    const audit = channel.audit;
    const auditTarget = { type: audit?.targetType ?? 'outbox', id: row.finding_id ?? row.target };
    if (failure === null) {
      await client.query(
        `UPDATE outbox SET state = 'sent', attempts = $2, sent_at = $3, updated_at = $3, last_error = NULL, last_status = NULL WHERE id = $1`,
        [row.id, attempts, now],
      );
      if (audit) await insertAuditSql(client, { action: audit.action, outcome: 'success', target: auditTarget, detail: { kind: row.kind, outboxId: row.id, attempts, to: row.target } });
      result.sent += 1;
    } else {
      const status = failure instanceof OutboxSendError ? failure.status : null;
      const retryAfterMs = failure instanceof OutboxSendError ? failure.retryAfterMs : null;
      const permanent = failure instanceof OutboxSendError && failure.permanent;
      const decision = decideAfterFailure({ attempts, status, retryAfterMs, now, random: options.random, permanent });
      await client.query(
        `UPDATE outbox SET state = $2::"OutboxState", attempts = $3, next_attempt_at = COALESCE($4, next_attempt_at), last_error = $5, last_status = $6, updated_at = $7
          WHERE id = $1`,
        [row.id, decision.state, attempts, decision.nextAttemptAt, errorText(failure), status, now],
      );
      if (decision.state === 'given_up') {
        if (audit) await insertAuditSql(client, { action: audit.action, outcome: 'failure', target: auditTarget, detail: { kind: row.kind, outboxId: row.id, attempts, to: row.target, status, error: errorText(failure) } });
        result.givenUp += 1;
      } else result.failed += 1;
      options.log?.(`outbox ${row.kind} #${row.id} ${decision.state === 'given_up' ? 'given up' : `failed, retrying at ${decision.nextAttemptAt.toISOString()}`}: ${errorText(failure)}`);
    }
    await client.query('COMMIT');
    return true;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Sends what is due, until nothing is due, `limit` messages were handled, or the signal aborts. */
export async function drainOutbox(pool: pg.Pool, options: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, givenUp: 0 };
  const kinds = Object.keys(options.channels);
  if (kinds.length === 0) return result;
  const limit = options.limit ?? 100;
  const client = await pool.connect();
  try {
    for (let handled = 0; handled < limit && !options.signal?.aborted; handled += 1) {
      if (!(await drainOne(client, options, kinds, result))) break;
    }
  } finally {
    client.release();
  }
  return result;
}

// The outbox against real Postgres: order per key, backoff and Retry-After, give-up with an audit entry, one send
// per message with two drainers at once (SKIP LOCKED), and once-only messages by dedupe key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { drainOutbox } from './drain';
import { enqueueOutbox } from './enqueue';
import { OUTBOX_RETRY } from './schedule';
import { OutboxSendError, type ClaimedMessage, type OutboxChannel } from './types';

let db: TestDatabase;
const T0 = new Date('2026-12-02T06:00:00Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.drop();
});
// audit_log is append-only: each test reads the entries after the ones before it.
let auditFrom = '0';
beforeEach(async () => {
  await db.pool.query('TRUNCATE outbox');
  auditFrom = (await db.pool.query<{ id: string }>('SELECT COALESCE(max(id), 0)::text AS id FROM audit_log')).rows[0]?.id ?? '0';
});

interface Row {
  id: string;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  last_status: number | null;
  sent_at: Date | null;
}
const rows = async () => (await db.pool.query<Row>('SELECT id::text, state::text, attempts, next_attempt_at, last_error, last_status, sent_at FROM outbox ORDER BY id')).rows;

function recorder(fail: (m: ClaimedMessage, n: number) => Error | null = () => null): OutboxChannel & { sent: string[]; tries: Map<string, number> } {
  const sent: string[] = [];
  const tries = new Map<string, number>();
  return {
    sent,
    tries,
    audit: { action: 'triage.write_back', targetType: 'triage-item' },
    async send(m) {
      const n = (tries.get(m.id) ?? 0) + 1;
      tries.set(m.id, n);
      const error = fail(m, n);
      if (error) throw error;
      sent.push((m.payload as { label: string }).label);
    },
  };
}

const draft = (label: string, key = 'k1') => ({ kind: 'test', target: `/target/${label}`, orderingKey: key, payload: { label } });

describe('drainOutbox', () => {
  it('sends due messages in order and records when', async () => {
    await enqueueOutbox(db.pool, [draft('a'), draft('b'), draft('c', 'k2')], T0);
    const channel = recorder();
    const result = await drainOutbox(db.pool, { channels: { test: channel }, now: at(1000) });
    expect(result).toEqual({ sent: 3, failed: 0, givenUp: 0 });
    expect(channel.sent).toEqual(['a', 'b', 'c']);
    expect((await rows()).map((r) => [r.state, r.attempts, r.sent_at?.toISOString()])).toEqual([
      ['sent', 1, at(1000)().toISOString()],
      ['sent', 1, at(1000)().toISOString()],
      ['sent', 1, at(1000)().toISOString()],
    ]);
    const audit = await db.pool.query<{ actor_id: string; outcome: string; action: string }>('SELECT actor_id, outcome::text, action FROM audit_log WHERE id > $1', [auditFrom]);
    expect(audit.rows).toHaveLength(3);
    expect(audit.rows.every((r) => r.actor_id === 'system' && r.outcome === 'success' && r.action === 'triage.write_back')).toBe(true);
  });

  it('backs off a failed message, holds later messages of the same key back, and sends them once it succeeds', async () => {
    await enqueueOutbox(db.pool, [draft('a'), draft('b'), draft('other', 'k2')], T0);
    const channel = recorder((m, n) => ((m.payload as { label: string }).label === 'a' && n === 1 ? new OutboxSendError('HTTP 500', 500) : null));
    const first = await drainOutbox(db.pool, { channels: { test: channel }, now: at(0), random: () => 0 });
    expect(first).toEqual({ sent: 1, failed: 1, givenUp: 0 });
    expect(channel.sent).toEqual(['other']);
    const [a, b] = await rows();
    expect(a).toMatchObject({ state: 'failed', attempts: 1, last_error: 'HTTP 500', last_status: 500 });
    expect(a?.next_attempt_at.getTime()).toBe(T0.getTime() + OUTBOX_RETRY.baseDelayMs / 2);
    expect(b).toMatchObject({ state: 'pending', attempts: 0 });
    // Not due yet: nothing happens.
    expect(await drainOutbox(db.pool, { channels: { test: channel }, now: at(OUTBOX_RETRY.baseDelayMs / 2 - 1) })).toEqual({ sent: 0, failed: 0, givenUp: 0 });
    expect(await drainOutbox(db.pool, { channels: { test: channel }, now: at(OUTBOX_RETRY.baseDelayMs / 2) })).toEqual({ sent: 2, failed: 0, givenUp: 0 });
    expect(channel.sent).toEqual(['other', 'a', 'b']);
  });

  it('waits as long as Retry-After says', async () => {
    await enqueueOutbox(db.pool, [draft('a')], T0);
    const channel = recorder((_m, n) => (n === 1 ? new OutboxSendError('HTTP 429', 429, 120_000) : null));
    await drainOutbox(db.pool, { channels: { test: channel }, now: at(0), random: () => 0 });
    expect((await rows())[0]?.next_attempt_at.getTime()).toBe(T0.getTime() + 120_000);
    expect((await drainOutbox(db.pool, { channels: { test: channel }, now: at(119_999) })).sent).toBe(0);
    expect((await drainOutbox(db.pool, { channels: { test: channel }, now: at(120_000) })).sent).toBe(1);
  });

  it('gives up on a 403 at once, says so, audits the failure, and lets the next message of the key go', async () => {
    await enqueueOutbox(db.pool, [draft('a'), draft('b')], T0);
    const channel = recorder((m) => ((m.payload as { label: string }).label === 'a' ? new OutboxSendError('No permission: refused', 403) : null));
    expect(await drainOutbox(db.pool, { channels: { test: channel }, now: at(0) })).toEqual({ sent: 1, failed: 0, givenUp: 1 });
    expect((await rows()).map((r) => [r.state, r.last_status])).toEqual([['given_up', 403], ['sent', null]]);
    const audit = await db.pool.query<{ outcome: string; detail: { status: number; error: string } }>("SELECT outcome::text, detail FROM audit_log WHERE outcome = 'failure' AND id > $1", [auditFrom]);
    expect(audit.rows).toEqual([{ outcome: 'failure', detail: expect.objectContaining({ status: 403, error: 'No permission: refused' }) }]);
  });

  it('gives up after the last attempt, never before', async () => {
    await enqueueOutbox(db.pool, [draft('a')], T0);
    const channel = recorder(() => new Error('connect ECONNREFUSED'));
    let clock = 0;
    for (let i = 1; i < OUTBOX_RETRY.maxAttempts; i += 1) {
      clock += 2 * OUTBOX_RETRY.maxDelayMs;
      expect((await drainOutbox(db.pool, { channels: { test: channel }, now: at(clock) })).failed).toBe(1);
    }
    clock += 2 * OUTBOX_RETRY.maxDelayMs;
    expect((await drainOutbox(db.pool, { channels: { test: channel }, now: at(clock) })).givenUp).toBe(1);
    expect((await rows())[0]).toMatchObject({ state: 'given_up', attempts: OUTBOX_RETRY.maxAttempts, last_status: null });
  });

  it('with two drainers at once, each message is sent exactly once (SKIP LOCKED)', async () => {
    await enqueueOutbox(db.pool, Array.from({ length: 12 }, (_, i) => draft(`m${i}`, `key${i}`)), T0);
    const sends = new Map<string, number>();
    const slow: OutboxChannel = {
      async send(m) {
        sends.set(m.id, (sends.get(m.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 25));
      },
    };
    const [a, b] = await Promise.all([drainOutbox(db.pool, { channels: { test: slow }, now: at(0) }), drainOutbox(db.pool, { channels: { test: slow }, now: at(0) })]);
    expect(a.sent + b.sent).toBe(12);
    // Both did work: the second drainer skipped the row the first held instead of waiting for it.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(sends.size).toBe(12);
  });

  it('keeps one message per dedupe key', async () => {
    expect(await enqueueOutbox(db.pool, [{ ...draft('digest'), dedupeKey: 'digest:2026-11-23:estate' }], T0)).toBe(1);
    expect(await enqueueOutbox(db.pool, [{ ...draft('digest'), dedupeKey: 'digest:2026-11-23:estate' }], T0)).toBe(0);
    expect(await rows()).toHaveLength(1);
  });

  it('leaves kinds it has no channel for', async () => {
    await enqueueOutbox(db.pool, [draft('a')], T0);
    expect(await drainOutbox(db.pool, { channels: { other: recorder() }, now: at(0) })).toEqual({ sent: 0, failed: 0, givenUp: 0 });
    expect((await rows())[0]?.state).toBe('pending');
  });
});

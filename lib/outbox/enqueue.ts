// Adds messages to the outbox inside the caller's transaction, so the change and the promise to send it commit
// together: a status change never lands without its write-back, and a write-back never exists for a change that
// rolled back. A message whose dedupe key was already used is skipped (a weekly digest is sent once).
import type pg from 'pg';
import type { OutboxDraft } from './types';

/** What both a Prisma transaction client and pg can do for us: one parameterised statement. */
export type OutboxWriter = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> } | pg.PoolClient | pg.Pool;

const INSERT = `INSERT INTO outbox (kind, target, ordering_key, payload, finding_id, dedupe_key, next_attempt_at, created_at, updated_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[], $6::text[], $7::timestamptz[], $7::timestamptz[], $7::timestamptz[])
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** Inserts the drafts; returns how many were new. */
export async function enqueueOutbox(db: OutboxWriter, drafts: readonly OutboxDraft[], now: Date = new Date()): Promise<number> {
  if (drafts.length === 0) return 0;
  const values = [
    drafts.map((d) => d.kind),
    drafts.map((d) => d.target),
    drafts.map((d) => d.orderingKey),
    drafts.map((d) => JSON.stringify(d.payload)),
    drafts.map((d) => (d.findingId == null ? null : d.findingId.toString())),
    drafts.map((d) => d.dedupeKey ?? null),
    drafts.map(() => now),
  ];
  if ('$executeRawUnsafe' in db) return db.$executeRawUnsafe(INSERT, ...values);
  const r = await db.query(INSERT, values);
  return r.rowCount ?? 0;
}

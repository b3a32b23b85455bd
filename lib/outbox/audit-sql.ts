// Audit entries written by the outbox worker and the sync, which run outside Next (no `server-only` modules) on a
// plain pg client: the same audit_log row `recordAudit` writes, inside the caller's transaction.
import type pg from 'pg';
import type { AuditAction, AuditOutcome } from '../audit/record-audit';

/** The scheduler's identity in the audit log. */
export const SYSTEM_AUDIT_ACTOR = { id: 'system', name: 'System' } as const;

export interface SqlAuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export async function insertAuditSql(client: pg.PoolClient | pg.Pool, entry: SqlAuditEntry): Promise<void> {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await client.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, outcome, target_type, target_id, before, after, detail)
     VALUES ($1, $2, $3, $4::"AuditOutcome", $5, $6, $7::jsonb, $8::jsonb, $9::jsonb)`,
    [SYSTEM_AUDIT_ACTOR.id, SYSTEM_AUDIT_ACTOR.name, entry.action, entry.outcome, entry.target.type.slice(0, 64), entry.target.id.slice(0, 512), json(entry.before), json(entry.after), json(entry.detail)],
  );
}

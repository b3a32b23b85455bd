import 'server-only';
// Writes one audit entry. Changes call it with their own transaction client so the change and its audit entry
// commit together or not at all; sign-ins and denials call it on their own (see recordAuditSafely).
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { redact } from '../security/redact';
import { logger } from '../security/logger';

/** The actions the app records. Data-layer changes add theirs here so the viewer's filter lists them. */
export const AUDIT_ACTIONS = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_out': 'Signed out',
  'auth.session_rejected': 'Session cookie rejected (tampered or invalid)',
  'auth.mfa_refused': 'Session refused: no MFA',
  'auth.no_role': 'Signed in without a known role',
  'access.denied': 'Request denied',
  'finding.triage': 'Finding triaged',
  'report.upload': 'Report uploaded',
  'sync.run': 'Sync started',
  'scope.create': 'Group scope created',
  'scope.update': 'Group scope changed',
  'scope.delete': 'Group scope deleted',
  'scope.seed': 'Group scopes seeded from file',
  'settings.update': 'Setting changed',
  'audit.export': 'Audit log exported',
  'triage.assign': 'Triage item assigned',
  'triage.status': 'Triage status changed',
  'triage.comment': 'Triage comment added',
  'triage.accept_risk': 'Risk accepted (with expiry)',
  'triage.sla_update': 'Triage SLA changed',
  'findings.export': 'Findings exported',
  'triage.reopen': 'Risk acceptance expired; item reopened',
  'triage.write_back': 'Triage change written back to Azure',
  'digest.send': 'Weekly digest sent',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditRequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  /** Who: a viewer, or a bare id/name before a session exists (failed sign-in). */
  actor: Pick<Viewer, 'id' | 'name'> | null;
  action: AuditAction;
  outcome: AuditOutcome;
  target?: { type: string; id: string } | null;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
  request?: AuditRequestInfo | null;
}

/** Anything that can insert: the app's client or a transaction client. */
export type AuditWriter = Pick<PrismaClient, 'auditLog'> | Pick<Prisma.TransactionClient, 'auditLog'>;

const entrySchema = z.object({
  action: z.enum(AUDIT_ACTION_NAMES as [AuditAction, ...AuditAction[]]),
  outcome: z.enum(AUDIT_OUTCOMES),
});

const json = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === undefined || v === null ? undefined : (redact(v) as Prisma.InputJsonValue);

const clip = (v: string | null | undefined, n: number) => (v ? v.slice(0, n) : null);

export function toAuditRow(entry: AuditEntry): Prisma.AuditLogCreateInput {
  entrySchema.parse(entry);
  return {
    actorId: entry.actor?.id ?? 'anonymous',
    actorName: clip(entry.actor?.name, 256),
    action: entry.action,
    outcome: entry.outcome,
    targetType: clip(entry.target?.type, 64),
    targetId: clip(entry.target?.id, 512),
    before: json(entry.before),
    after: json(entry.after),
    detail: json(entry.detail),
    ip: clip(entry.request?.ip, 64),
    userAgent: clip(entry.request?.userAgent, 512),
  };
}

/** Inserts the entry; throws when it cannot, so a change that cannot be audited does not happen. */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: toAuditRow(entry), select: { id: true } });
}

/**
 * For events that already happened (a sign-in, a refused request): the event stands even when the audit
 * database is down, but the failure is logged loudly instead of being swallowed.
 */
export async function recordAuditSafely(db: AuditWriter, entry: AuditEntry): Promise<void> {
  try {
    await recordAudit(db, entry);
  } catch (error) {
    logger.error('audit.write_failed', { action: entry.action, outcome: entry.outcome, actorId: entry.actor?.id, error });
  }
}

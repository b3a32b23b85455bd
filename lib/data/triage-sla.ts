import 'server-only';
// The SLA policy of the triage queue: defaults in code (critical 7 days, high 30, medium 90, low 180), an admin's
// policy in app_settings. A change re-dates every queue item and is audited with before and after, in one transaction.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { recordAudit, type AuditRequestInfo } from '../audit/record-audit';
import { assertCan } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { SEVERITIES } from '../domain/model';
import { SLA_SETTING_KEY, slaPolicyFrom, slaPolicySchema, type SlaPolicy } from '../triage/sla';

export interface SlaPolicyDto {
  policy: SlaPolicy;
  source: 'default' | 'admin';
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getSlaPolicy(db: Pick<PrismaClient, 'appSetting'> = getPrisma()): Promise<SlaPolicyDto> {
  const row = await db.appSetting.findUnique({ where: { key: SLA_SETTING_KEY }, select: { value: true, updatedAt: true, updatedBy: true } });
  return { policy: slaPolicyFrom(row?.value), source: row ? 'admin' : 'default', updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
}

export async function changeSlaPolicy(viewer: Viewer, raw: unknown, request: AuditRequestInfo | null, db: PrismaClient = getPrisma()): Promise<SlaPolicyDto> {
  assertCan(viewer, 'settings.manage');
  const policy = slaPolicySchema.parse(raw);
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    const before = await getSlaPolicy(tx);
    const row = await tx.appSetting.upsert({
      where: { key: SLA_SETTING_KEY },
      create: { key: SLA_SETTING_KEY, value: policy, updatedBy: viewer.id },
      update: { value: policy, updatedBy: viewer.id, updatedAt: new Date() },
      select: { updatedAt: true, updatedBy: true },
    });
    // Every item's due date follows the new policy from its own detection time (values are validated integers).
    for (const severity of SEVERITIES) {
      await tx.$executeRaw`UPDATE triage_items SET due_at = detected_at + make_interval(days => ${policy[severity]}::int) WHERE severity = ${severity}::"Severity"`;
    }
    await recordAudit(tx, { actor: viewer, action: 'triage.sla_update', outcome: 'success', target: { type: 'setting', id: SLA_SETTING_KEY }, before: before.policy, after: policy, request });
    return { policy, source: 'admin' as const, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
  });
}

import 'server-only';
// Reading the audit log: admins and security only, newest first, filtered by the URL's search params.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { assertCan } from '../auth/permissions';
import { safeText } from '../security/safe-text';
import { bigintId, calendarDay } from '../validation/primitives';
import type { Viewer } from '../auth/viewer';
import { AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, type AuditAction } from './record-audit';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Search params of the viewer and the CSV export. Unknown keys are ignored; bad values are a 400. */
export const auditFilterSchema = z.object({
  actor: optional(safeText(200)),
  action: optional(z.enum(AUDIT_ACTION_NAMES as [AuditAction, ...AuditAction[]])),
  outcome: optional(z.enum(AUDIT_OUTCOMES)),
  from: optional(calendarDay),
  to: optional(calendarDay),
  /** Keyset cursor: entries older than this id. */
  before: optional(bigintId('before (an entry id)')),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
}

function where(f: AuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorId: f.actor }, { actorName: { contains: f.actor, mode: 'insensitive' } }] });
  if (f.action) and.push({ action: f.action });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.from) and.push({ at: { gte: f.from } });
  // `to` is inclusive of the whole day.
  if (f.to) and.push({ at: { lt: new Date(f.to.getTime() + 86_400_000) } });
  if (f.before) and.push({ id: { lt: BigInt(f.before) } });
  return and.length ? { AND: and } : {};
}

const select = {
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  action: true,
  outcome: true,
  targetType: true,
  targetId: true,
  before: true,
  after: true,
  detail: true,
  ip: true,
  userAgent: true,
} as const;

type Row = Prisma.AuditLogGetPayload<{ select: typeof select }>;
const toDto = (r: Row): AuditEntryDto => ({ ...r, id: r.id.toString(), at: r.at.toISOString() });

export async function listAuditEntries(
  db: Pick<PrismaClient, 'auditLog'>,
  viewer: Viewer,
  filter: AuditFilter,
  limit = 50,
): Promise<{ entries: AuditEntryDto[]; nextBefore: string | null }> {
  assertCan(viewer, 'audit.view');
  const take = Math.min(Math.max(limit, 1), 500);
  const rows = await db.auditLog.findMany({ where: where(filter), select, orderBy: { id: 'desc' }, take: take + 1 });
  const page = rows.slice(0, take).map(toDto);
  return { entries: page, nextBefore: rows.length > take ? (page.at(-1)?.id ?? null) : null };
}

/** Every matching entry, in pages, for the CSV export (bounded so one request cannot exhaust memory). */
export async function* iterateAuditEntries(
  db: Pick<PrismaClient, 'auditLog'>,
  viewer: Viewer,
  filter: AuditFilter,
  max = 100_000,
): AsyncGenerator<AuditEntryDto> {
  assertCan(viewer, 'audit.view');
  let before = filter.before;
  let count = 0;
  while (count < max) {
    const { entries, nextBefore } = await listAuditEntries(db, viewer, { ...filter, before }, 500);
    for (const e of entries) {
      if (count++ >= max) return;
      yield e;
    }
    if (!nextBefore) return;
    before = nextBefore;
  }
}

import 'server-only';
// Triage changes: one item or a selection, each inside ONE transaction with its history entries and its audit
// entry (before and after), so a change that cannot be audited does not happen. Scope is checked inside the locking
// query: an item outside the viewer's clusters is "not found", exactly like one that does not exist.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { recordAudit, type AuditRequestInfo } from '../audit/record-audit';
import { assertCan } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { TriageStatus } from '../domain/triage-status';
import { AppError } from '../errors';
import { effectiveStatus } from '../triage/expiry';
import { planTriageChange } from '../triage/plan-change';
import { planWriteBack } from '../triage/write-back';
import { enqueueOutbox } from '../outbox/enqueue';
import { getEnv } from '../env';
import { randomUUID } from 'node:crypto';
import type { TriageAction } from '../validation/triage';
import { triageScopeSql, notFound } from './scope';
import { getTriageQueueItem, type TriageQueueItem } from './triage';

interface LockedRow {
  finding_id: bigint;
  status: TriageStatus;
  owner_id: string | null;
  owner_name: string | null;
  accepted_until: Date | null;
  justification: string | null;
  version: number;
  source: string;
  source_key: string;
}

export interface TriageActionOptions {
  /** Default: TRIAGE_WRITE_BACK. */
  writeBack?: boolean;
}

async function applyOne(
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  id: bigint,
  action: TriageAction,
  expectedVersion: number | undefined,
  request: AuditRequestInfo | null,
  now: Date,
  writeBack: boolean,
  /** A selection: an item already in the asked status is left as it is (no change, no history, no audit). */
  skipIfAlready = false,
): Promise<void> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT f.finding_id, f.status, f.owner_id, f.owner_name, f.accepted_until, f.justification, f.version, f.source, fd.source_key
      FROM triage_items f JOIN findings fd ON fd.id = f.finding_id WHERE f.finding_id = ${id} AND ${triageScopeSql(viewer)} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound('That triage item');
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppError('CONFLICT', 'Someone changed this item meanwhile. Reload to see their change, then try again.');
  }
  if (skipIfAlready && action.type === 'status' && effectiveStatus({ status: row.status, acceptedUntil: row.accepted_until }, now).status === action.status) return;
  const plan = planTriageChange(
    { status: row.status, ownerId: row.owner_id, ownerName: row.owner_name, acceptedUntil: row.accepted_until, justification: row.justification },
    action,
    { id: viewer.id, name: viewer.name },
    now,
  );
  await tx.triageItem.update({
    where: { findingId: id },
    data: {
      status: plan.next.status,
      ownerId: plan.next.ownerId,
      ownerName: plan.next.ownerName,
      acceptedUntil: plan.next.acceptedUntil,
      justification: plan.next.justification,
      version: { increment: 1 },
      updatedAt: now,
    },
  });
  await tx.triageEvent.createMany({
    data: plan.events.map((e) => ({ findingId: id, at: now, actorId: viewer.id, actorName: viewer.name, kind: e.kind, fromValue: e.from, toValue: e.to, comment: e.comment })),
  });
  await recordAudit(tx, { actor: viewer, action: plan.audit, outcome: 'success', target: { type: 'triage-item', id: id.toString() }, before: plan.before, after: plan.after, request });
  // The write-back is promised in the same transaction: the change and its outbox rows commit together.
  if (writeBack) {
    await enqueueOutbox(tx, planWriteBack({ findingId: id, source: row.source, armId: row.source_key }, plan.next, plan.events, { name: viewer.name }, randomUUID), now);
  }
}

export async function applyTriageAction(
  viewer: Viewer,
  id: string,
  input: { action: TriageAction; expectedVersion?: number },
  request: AuditRequestInfo | null,
  db: PrismaClient = getPrisma(),
  now = new Date(),
  options: TriageActionOptions = {},
): Promise<TriageQueueItem> {
  assertCan(viewer, 'findings.triage');
  const writeBack = options.writeBack ?? getEnv().TRIAGE_WRITE_BACK;
  await db.$transaction((tx) => applyOne(tx, viewer, BigInt(id), input.action, input.expectedVersion, request, now, writeBack));
  return getTriageQueueItem(viewer, id, db, now);
}

/** All or nothing: one item out of scope (or refused) and none of the selection changes. */
export async function applyBulkTriageAction(
  viewer: Viewer,
  input: { ids: string[]; action: TriageAction },
  request: AuditRequestInfo | null,
  db: PrismaClient = getPrisma(),
  now = new Date(),
  options: TriageActionOptions = {},
): Promise<TriageQueueItem[]> {
  assertCan(viewer, 'findings.triage');
  const writeBack = options.writeBack ?? getEnv().TRIAGE_WRITE_BACK;
  // A fixed lock order, so two people's overlapping selections cannot deadlock. A status some of the selection
  // already has is not a reason to refuse the rest: those items are left as they are.
  const ids = [...new Set(input.ids)].map((x) => BigInt(x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await db.$transaction(async (tx) => {
    for (const id of ids) await applyOne(tx, viewer, id, input.action, undefined, request, now, writeBack, true);
  });
  return Promise.all(ids.map((id) => getTriageQueueItem(viewer, id.toString(), db, now)));
}

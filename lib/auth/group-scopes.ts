import 'server-only';
// The Entra group → cluster scope mapping: resolving a person's scope at sign-in time, and the admin edits.
// Every edit checks the permission itself and writes its audit entry in the same transaction.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { AppError } from '../errors';
import { recordAudit, type AuditRequestInfo } from '../audit/record-audit';
import { assertCan } from './permissions';
import { safeText } from '../security/safe-text';
import { applyMappedTeams } from '../sync/mapped-teams';
import type { AppRole, ClusterScope, Viewer } from './viewer';

export type ScopeDb = Pick<PrismaClient, 'groupScope' | 'cluster' | 'auditLog' | '$transaction'>;

/**
 * The clusters a person may see. Roles in `unscopedRoles` (security, manager, admin by default) see all; the
 * others see the union of their groups' mappings; no mapped group means an empty scope, not everything.
 */
export async function resolveScope(
  db: Pick<PrismaClient, 'groupScope' | 'cluster'>,
  input: { roles: readonly AppRole[]; groups: readonly string[]; unscopedRoles: readonly AppRole[] },
): Promise<ClusterScope> {
  if (input.roles.some((r) => input.unscopedRoles.includes(r))) return { kind: 'all' };
  if (input.groups.length === 0) return { kind: 'limited', clusterIds: [], subscriptionIds: [] };
  const rows = await db.groupScope.findMany({
    where: { groupId: { in: [...input.groups] } },
    select: { clusterIds: true, subscriptionIds: true, teams: true, allClusters: true },
  });
  if (rows.some((r) => r.allClusters)) return { kind: 'all' };
  const teams = [...new Set(rows.flatMap((r) => r.teams))];
  const byTeam = teams.length
    ? await db.cluster.findMany({ where: { team: { in: teams } }, select: { id: true } })
    : [];
  return {
    kind: 'limited',
    clusterIds: [...new Set([...rows.flatMap((r) => r.clusterIds), ...byTeam.map((c) => c.id)])].sort(),
    subscriptionIds: [...new Set(rows.flatMap((r) => r.subscriptionIds))].sort(),
  };
}

// Entra group object ids are GUIDs; the demo provider uses the same shape so the form validates alike.
const groupId = z.string().trim().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a group object id (GUID)');
const shortList = (label: string, item: z.ZodType<string>) =>
  z.array(item).max(500, `at most 500 ${label}`).transform((xs) => [...new Set(xs)].sort());

export const groupScopeInputSchema = z.object({
  groupId: groupId.transform((s) => s.toLowerCase()),
  displayName: safeText(200).nullable().default(null),
  clusterIds: shortList('cluster ids', z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'cluster ids are letters, digits, . _ -')).default([]),
  subscriptionIds: shortList('subscriptions', z.string().trim().regex(/^[0-9a-fA-F-]{36}$/, 'subscription ids are GUIDs')).default([]),
  teams: shortList('teams', safeText(100).pipe(z.string().min(1, 'a team is not empty'))).default([]),
  allClusters: z.boolean().default(false),
  /** The team the listed clusters and subscriptions belong to, unless a cluster's `team` tag names another. */
  ownerTeam: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), safeText(100).nullable()).default(null),
}).refine((g) => !(g.allClusters && g.ownerTeam), { message: 'a mapping of all clusters cannot name their team: list the clusters or subscriptions the team owns', path: ['ownerTeam'] });
export type GroupScopeInput = z.infer<typeof groupScopeInputSchema>;

export interface GroupScopeDto {
  groupId: string;
  displayName: string | null;
  clusterIds: string[];
  subscriptionIds: string[];
  teams: string[];
  allClusters: boolean;
  ownerTeam: string | null;
  source: string;
  updatedAt: string;
  updatedBy: string | null;
}

const dtoSelect = {
  groupId: true,
  displayName: true,
  clusterIds: true,
  subscriptionIds: true,
  teams: true,
  allClusters: true,
  ownerTeam: true,
  source: true,
  updatedAt: true,
  updatedBy: true,
} as const;

type Row = Prisma.GroupScopeGetPayload<{ select: typeof dtoSelect }>;
const toDto = (r: Row): GroupScopeDto => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export async function listGroupScopes(db: Pick<PrismaClient, 'groupScope'>, viewer: Viewer): Promise<GroupScopeDto[]> {
  assertCan(viewer, 'scopes.manage');
  const rows = await db.groupScope.findMany({ select: dtoSelect, orderBy: [{ displayName: 'asc' }, { groupId: 'asc' }] });
  return rows.map(toDto);
}

/** Creates or replaces one group's mapping; the audit entry carries the row before and after. */
export async function saveGroupScope(db: ScopeDb, viewer: Viewer, raw: unknown, request: AuditRequestInfo | null): Promise<GroupScopeDto> {
  assertCan(viewer, 'scopes.manage');
  const input = groupScopeInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const before = await tx.groupScope.findUnique({ where: { groupId: input.groupId }, select: dtoSelect });
    const data = { ...input, source: 'admin', updatedAt: new Date(), updatedBy: viewer.id };
    const after = await tx.groupScope.upsert({ where: { groupId: input.groupId }, create: data, update: data, select: dtoSelect });
    // The owning team reaches its clusters and their triage items now; snapshots from the next write on.
    await applyMappedTeams(tx);
    await recordAudit(tx, {
      actor: viewer,
      action: before ? 'scope.update' : 'scope.create',
      outcome: 'success',
      target: { type: 'group', id: input.groupId },
      before: before ? toDto(before) : null,
      after: toDto(after),
      request,
    });
    return toDto(after);
  });
}

export async function deleteGroupScope(db: ScopeDb, viewer: Viewer, rawGroupId: unknown, request: AuditRequestInfo | null): Promise<void> {
  assertCan(viewer, 'scopes.manage');
  const id = groupId.parse(rawGroupId).toLowerCase();
  await db.$transaction(async (tx) => {
    const before = await tx.groupScope.findUnique({ where: { groupId: id }, select: dtoSelect });
    if (!before) throw new AppError('NOT_FOUND', 'That group has no scope mapping.');
    await tx.groupScope.delete({ where: { groupId: id } });
    await applyMappedTeams(tx);
    await recordAudit(tx, { actor: viewer, action: 'scope.delete', outcome: 'success', target: { type: 'group', id }, before: toDto(before), after: null, request });
  });
}

// Group → scope resolution and the admin edits, against a real migrated database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_GROUPS } from './demo-users';
import { deleteGroupScope, listGroupScopes, resolveScope, saveGroupScope } from './group-scopes';
import { seedGroupScopes } from './seed-group-scopes';
import type { Viewer } from './viewer';

const admin: Viewer = { id: 'admin-1', name: 'Admin', email: null, roles: ['admin'], scope: { kind: 'all' } };
const developer: Viewer = { ...admin, id: 'dev-1', roles: ['developer'] };
const UNSCOPED = ['security', 'manager', 'admin'] as const;

async function addCluster(prisma: PrismaClient, id: string, sub: string, team: string | null) {
  await prisma.subscription.upsert({ where: { id: sub }, create: { id: sub }, update: {} });
  await prisma.cluster.create({
    data: { id, armId: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${id}`, subscriptionId: sub, resourceGroup: 'rg', name: id, team, raw: {}, lastSeenAt: new Date() },
  });
}

describe('group scopes', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await addCluster(prisma, 'ca1', '00000000-0000-0000-0000-00000000000a', 'payments');
    await addCluster(prisma, 'cb1', '00000000-0000-0000-0000-00000000000b', 'storefront');
    await seedGroupScopes(prisma, path.resolve('config/scopes.example.json'));
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('gives security, manager and admin everything', async () => {
    for (const role of UNSCOPED) expect(await resolveScope(prisma, { roles: [role], groups: [], unscopedRoles: UNSCOPED })).toEqual({ kind: 'all' });
  });

  it('limits a developer to the clusters of their groups, and to nothing without a mapped group', async () => {
    const a = await resolveScope(prisma, { roles: ['developer'], groups: [DEMO_GROUPS.teamA.id], unscopedRoles: UNSCOPED });
    expect(a).toEqual({ kind: 'limited', clusterIds: ['ca1'], subscriptionIds: [] });
    const none = await resolveScope(prisma, { roles: ['developer'], groups: ['99999999-0000-0000-0000-000000000000'], unscopedRoles: UNSCOPED });
    expect(none).toEqual({ kind: 'limited', clusterIds: [], subscriptionIds: [] });
  });

  it('can scope even the unscoped roles when configured (UNSCOPED_ROLES)', async () => {
    const s = await resolveScope(prisma, { roles: ['manager'], groups: [DEMO_GROUPS.teamB.id], unscopedRoles: [] });
    expect(s).toEqual({ kind: 'limited', clusterIds: ['cb1'], subscriptionIds: [] });
  });

  it('honours an all-clusters group', async () => {
    expect(await resolveScope(prisma, { roles: ['cluster-operator'], groups: [DEMO_GROUPS.platform.id], unscopedRoles: UNSCOPED })).toEqual({ kind: 'all' });
  });

  it('does not overwrite an admin edit when seeding again', async () => {
    await saveGroupScope(prisma, admin, { groupId: DEMO_GROUPS.teamA.id, displayName: 'Team A', teams: ['payments'], subscriptionIds: ['00000000-0000-0000-0000-00000000000b'] }, null);
    const again = await seedGroupScopes(prisma, path.resolve('config/scopes.example.json'));
    expect(again.inserted).toEqual([]);
    const s = await resolveScope(prisma, { roles: ['developer'], groups: [DEMO_GROUPS.teamA.id], unscopedRoles: UNSCOPED });
    expect(s).toEqual({ kind: 'limited', clusterIds: ['ca1'], subscriptionIds: ['00000000-0000-0000-0000-00000000000b'] });
  });

  it('audits each change with before and after, in the same transaction', async () => {
    const id = '12345678-1234-4234-8234-123456789012';
    await saveGroupScope(prisma, admin, { groupId: id, clusterIds: ['cb1'] }, { ip: '1.2.3.4', userAgent: 'test' });
    await deleteGroupScope(prisma, admin, id, null);
    const rows = await prisma.auditLog.findMany({ where: { targetId: id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['scope.create', 'scope.delete']);
    expect(rows[0]?.after).toMatchObject({ clusterIds: ['cb1'] });
    expect(rows[1]?.before).toMatchObject({ clusterIds: ['cb1'] });
  });

  it('refuses non-admins and invalid input', async () => {
    await expect(listGroupScopes(prisma, developer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveGroupScope(prisma, developer, { groupId: DEMO_GROUPS.teamB.id }, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveGroupScope(prisma, admin, { groupId: 'not-a-guid' }, null)).rejects.toThrow(/GUID/);
    await expect(deleteGroupScope(prisma, admin, '00000000-0000-4000-8000-000000000fff', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('seeding after an admin deleted a seeded group', () => {
  it('does not bring the group back', async () => {
    const db2 = await createTestDatabase();
    const p2 = createPrisma(db2.url, 2);
    try {
      const file = path.resolve('config/scopes.example.json');
      expect((await seedGroupScopes(p2, file)).inserted).toHaveLength(4);
      await deleteGroupScope(p2, admin, DEMO_GROUPS.teamB.id, null);
      expect((await seedGroupScopes(p2, file)).inserted).toEqual([]);
      expect(await p2.groupScope.count()).toBe(3);
    } finally {
      await p2.$disconnect();
      await db2.drop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { changeSetting, listSettings, readSettings } from './settings';
import type { Viewer } from './viewer';

const admin: Viewer = { id: 'admin-1', name: 'Admin', email: null, roles: ['admin'], scope: { kind: 'all' } };
const security: Viewer = { ...admin, id: 'sec-1', roles: ['security'] };

describe('settings', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('defaults to the environment, then follows the admin and audits the change', async () => {
    expect(await readSettings(prisma, { REQUIRE_MFA: false })).toEqual({ requireMfa: false });
    expect(await readSettings(prisma, { REQUIRE_MFA: true })).toEqual({ requireMfa: true });
    await changeSetting(prisma, admin, { key: 'requireMfa', value: true }, { REQUIRE_MFA: false }, null);
    expect(await readSettings(prisma, { REQUIRE_MFA: false })).toEqual({ requireMfa: true });
    const [entry] = await prisma.auditLog.findMany({ where: { action: 'settings.update' } });
    expect(entry).toMatchObject({ actorId: 'admin-1', targetId: 'requireMfa', before: { requireMfa: false }, after: { requireMfa: true } });
    expect((await listSettings(prisma, admin, { REQUIRE_MFA: false }))[0]).toMatchObject({ key: 'requireMfa', value: true, source: 'admin', updatedBy: 'admin-1' });
  });

  it('refuses other roles and unknown settings', async () => {
    await expect(changeSetting(prisma, security, { key: 'requireMfa', value: false }, { REQUIRE_MFA: false }, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listSettings(prisma, security, { REQUIRE_MFA: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeSetting(prisma, admin, { key: 'debug', value: true }, { REQUIRE_MFA: false }, null)).rejects.toThrow();
  });
});

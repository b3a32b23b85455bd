// The audit log against a real, migrated Postgres: append-only in the database, redaction, filters, CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { recordAudit } from './record-audit';
import { auditFilterSchema, iterateAuditEntries, listAuditEntries } from './list-audit';
import { auditCsvHeader, auditCsvRow, csvCell } from './csv';

const viewer = (roles: Viewer['roles']): Viewer => ({ id: `u-${roles.join('-')}`, name: 'Tester', email: null, roles, scope: { kind: 'all' } });

describe('audit log', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    await recordAudit(prisma, { actor: viewer(['admin']), action: 'scope.update', outcome: 'success', target: { type: 'group', id: 'g1' }, before: { teams: ['a'] }, after: { teams: ['a', 'b'] }, request: { ip: '10.0.0.1', userAgent: 'ua' } });
    await recordAudit(prisma, { actor: { id: 'x', name: '=HYPERLINK("http://evil")' }, action: 'access.denied', outcome: 'denied', detail: { path: '/api/x', authorization: 'Bearer abc' } });
    await recordAudit(prisma, { actor: null, action: 'auth.sign_in_failed', outcome: 'failure' });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it.each([
    ['UPDATE', 'UPDATE audit_log SET action = \'x\''],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s in the database itself', async (_op, sql) => {
    await expect(db.pool.query(sql)).rejects.toThrow(/append-only/);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    expect(Number(rows[0]?.n)).toBe(3);
  });

  it('records who, when, what, before and after; redacts secrets in detail', async () => {
    const { entries } = await listAuditEntries(prisma, viewer(['security']), {});
    expect(entries.map((e) => e.action)).toEqual(['auth.sign_in_failed', 'access.denied', 'scope.update']);
    const change = entries[2];
    expect(change).toMatchObject({ actorId: 'u-admin', targetId: 'g1', before: { teams: ['a'] }, after: { teams: ['a', 'b'] }, ip: '10.0.0.1' });
    expect(Date.now() - Date.parse(change?.at ?? '')).toBeLessThan(60_000);
    expect(JSON.stringify(entries[1]?.detail)).not.toContain('abc');
    expect(entries[0]?.actorId).toBe('anonymous');
  });

  it('filters by action, outcome, actor and date, and pages by cursor', async () => {
    const f = (q: Record<string, string>) => listAuditEntries(prisma, viewer(['admin']), auditFilterSchema.parse(q));
    expect((await f({ action: 'access.denied' })).entries).toHaveLength(1);
    expect((await f({ outcome: 'failure' })).entries).toHaveLength(1);
    expect((await f({ actor: 'u-admin' })).entries).toHaveLength(1);
    expect((await f({ actor: 'tester' })).entries).toHaveLength(1);
    expect((await f({ from: '2000-01-01', to: '2000-01-02' })).entries).toHaveLength(0);
    const first = await listAuditEntries(prisma, viewer(['admin']), {}, 2);
    expect(first.entries).toHaveLength(2);
    const second = await listAuditEntries(prisma, viewer(['admin']), { before: first.nextBefore ?? undefined }, 2);
    expect(second.entries).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
  });

  it('says what is wrong with a bad filter', () => {
    const r = auditFilterSchema.safeParse({ action: 'drop.table', from: 'yesterday' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['action', 'from']);
  });

  it('is readable by admin and security only', async () => {
    for (const role of ['developer', 'manager', 'cluster-operator', 'app-operator'] as const) {
      await expect(listAuditEntries(prisma, viewer([role]), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('exports CSV with quoting and formula neutralisation', async () => {
    const rows: string[] = [auditCsvHeader()];
    for await (const e of iterateAuditEntries(prisma, viewer(['admin']), {})) rows.push(auditCsvRow(e));
    const csv = rows.join('');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('-1')).toBe("'-1");
  });
});

describe('audit filter text', () => {
  it('refuses control characters with a 400-style reason instead of reaching the database', () => {
    const r = auditFilterSchema.safeParse({ actor: 'abc\u0000def' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/control characters/);
  });
});

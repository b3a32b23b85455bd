// Triage across scope and roles, through the real route handlers and data layer: an app operator triages only
// their own clusters' items (another team's item answers 404 and its action is refused, audited nowhere as a
// success); every change lands with its history entry and its audit entry (before and after) in one transaction.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_GROUPS } from '@/lib/auth/demo-users';
import { browserRequest, renderPage, sessionFor } from '@/lib/auth/testing/route-harness';
import { testSession } from '@/lib/auth/testing/mock-next';
import { FIXTURE, useScopeFixtureDatabase } from '@/lib/auth/testing/seed-scope-fixture';
import { viewerOf } from '@/lib/auth/testing/viewer-of';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
vi.mock('next/headers', async () => (await import('@/lib/auth/testing/mock-next')).headersModule);
vi.mock('next/cache', async () => (await import('@/lib/auth/testing/mock-next')).cacheModule);

type PageFn = Parameters<typeof renderPage>[0];
type Handler = (req: ReturnType<typeof browserRequest>, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const operatorA = sessionFor('app-operator', { groups: [DEMO_GROUPS.teamA.id], oid: 'ops-a' });
const developerA = sessionFor('developer', { groups: [DEMO_GROUPS.teamA.id], oid: 'dev-a' });
const security = sessionFor('security', { oid: 'sec-1' });

const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });


async function post(id: string, body: unknown): Promise<Response> {
  const { POST } = (await import('@/app/api/triage/items/[id]/route')) as unknown as { POST: Handler };
  return POST(browserRequest(`/api/triage/items/${id}`, 'POST', body), { params: Promise.resolve({ id }) });
}

describe('triage scope', () => {
  it('the queue lists only the viewer\'s clusters\' items', async () => {
    const { listTriageQueue } = await import('@/lib/data/triage');
    const { triageFiltersSchema } = await import('@/lib/validation/triage');
    const all = triageFiltersSchema.parse({});
    const mine = await listTriageQueue(await viewerOf(operatorA), all, fixture.prisma);
    expect(mine.items.map((i) => i.id)).toEqual([fixture.findings.findingA]);
    const everyone = await listTriageQueue(await viewerOf(security), all, fixture.prisma);
    expect(everyone.items.map((i) => i.id).sort()).toEqual([fixture.findings.findingA, fixture.findings.findingB].sort());
    // A filter naming the other team's cluster returns nothing, never its rows.
    const other = await listTriageQueue(await viewerOf(operatorA), triageFiltersSchema.parse({ cluster: FIXTURE.teamB.clusterId }), fixture.prisma);
    expect(other.items).toEqual([]);
  });

  it('item page: own item renders, another team\'s answers 404', async () => {
    const { default: page } = (await import('@/app/(dashboard)/triage/[id]/page')) as unknown as { default: PageFn };
    testSession.current = operatorA;
    expect(await renderPage(page, { id: fixture.findings.findingA })).toEqual({ kind: 'rendered' });
    expect(await renderPage(page, { id: fixture.findings.findingB })).toEqual({ kind: 'not-found' });
  });

  it('an app operator\'s action on another team\'s item is refused with 404 and changes nothing', async () => {
    testSession.current = operatorA;
    const before = await fixture.prisma.triageItem.findUniqueOrThrow({ where: { findingId: BigInt(fixture.findings.findingB) } });
    const response = await post(fixture.findings.findingB, { action: { type: 'status', status: 'resolved' } });
    expect(response.status).toBe(404);
    const after = await fixture.prisma.triageItem.findUniqueOrThrow({ where: { findingId: BigInt(fixture.findings.findingB) } });
    expect(after).toEqual(before);
    expect(await fixture.prisma.auditLog.count({ where: { actorId: 'ops-a', action: { startsWith: 'triage.' } } })).toBe(0);
  });

  it('a developer may read but not triage (403, audited as a denial)', async () => {
    testSession.current = developerA;
    const response = await post(fixture.findings.findingA, { action: { type: 'comment', comment: 'looks fine' } });
    expect(response.status).toBe(403);
    expect(await fixture.prisma.auditLog.count({ where: { actorId: 'dev-a', action: 'access.denied' } })).toBeGreaterThan(0);
  });
});

describe('triage actions', () => {
  it('assign, comment and status: each with history and an audit entry with before and after', async () => {
    testSession.current = operatorA;
    const id = fixture.findings.findingA;
    const assigned = await post(id, { action: { type: 'assign', ownerId: 'ops-a' } });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ id, owner: { id: 'ops-a' }, status: 'new', version: 1 });
    expect((await post(id, { action: { type: 'comment', comment: 'Checked the audit log: the job is expected.' } })).status).toBe(200);
    const resolved = await post(id, { action: { type: 'status', status: 'in_progress' }, expectedVersion: 2 });
    expect(await resolved.json()).toMatchObject({ status: 'in_progress', version: 3 });
    const audit = await fixture.prisma.auditLog.findMany({ where: { actorId: 'ops-a', targetId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['triage.assign', 'triage.comment', 'triage.status']);
    expect(audit[0]).toMatchObject({ before: { owner: null, status: 'new' }, after: { owner: { id: 'ops-a' }, status: 'new' }, targetType: 'triage-item' });
    expect(audit[2]).toMatchObject({ before: { status: 'new' }, after: { status: 'in_progress' } });
    const history = await fixture.prisma.triageEvent.findMany({ where: { findingId: BigInt(id) }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.kind, h.toValue])).toEqual([['assign', expect.any(String)], ['comment', null], ['status', 'in_progress']]);
  });

  it('a stale version answers 409 and changes nothing', async () => {
    testSession.current = operatorA;
    const response = await post(fixture.findings.findingA, { action: { type: 'status', status: 'resolved' }, expectedVersion: 0 });
    expect(response.status).toBe(409);
    expect((await fixture.prisma.triageItem.findUniqueOrThrow({ where: { findingId: BigInt(fixture.findings.findingA) } })).status).toBe('in_progress');
  });

  it('risk acceptance needs a justification and a future expiry; accepted, it leaves the active queue but stays visible', async () => {
    testSession.current = security;
    const id = fixture.findings.findingB;
    const refused = await post(id, { action: { type: 'accept', justification: 'ok', acceptedUntil: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/say why/);
    const past = await post(id, { action: { type: 'accept', justification: 'WAF blocks the path until the fix ships', acceptedUntil: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const ok = await post(id, { action: { type: 'accept', justification: 'WAF blocks the path until the fix ships', acceptedUntil: until } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'risk_accepted', acceptedUntil: until, sla: 'closed' });
    const { listTriageQueue } = await import('@/lib/data/triage');
    const { triageFiltersSchema } = await import('@/lib/validation/triage');
    const viewer = await viewerOf(security);
    expect((await listTriageQueue(viewer, triageFiltersSchema.parse({}), fixture.prisma)).items.map((i) => i.id)).not.toContain(id);
    expect((await listTriageQueue(viewer, triageFiltersSchema.parse({ status: 'accepted' }), fixture.prisma)).items.map((i) => i.id)).toEqual([id]);
    // At the expiry it is open again, even before the sync writes the reopening.
    const later = new Date(Date.parse(until) + 1);
    const reopened = await listTriageQueue(viewer, triageFiltersSchema.parse({}), fixture.prisma, later);
    expect(reopened.items.find((i) => i.id === id)).toMatchObject({ status: 'new', acceptanceExpired: true });
    const audit = await fixture.prisma.auditLog.findFirstOrThrow({ where: { actorId: 'sec-1', action: 'triage.accept_risk' } });
    expect(audit.after).toMatchObject({ status: 'risk_accepted', acceptedUntil: until, justification: 'WAF blocks the path until the fix ships' });
  });

  it('bulk actions are all or nothing: one item out of scope refuses the selection', async () => {
    testSession.current = operatorA;
    const { POST } = (await import('@/app/api/triage/bulk/route')) as unknown as { POST: Handler };
    const ids = [fixture.findings.findingA, fixture.findings.findingB];
    const response = await POST(browserRequest('/api/triage/bulk', 'POST', { ids, action: { type: 'status', status: 'acknowledged' } }), { params: Promise.resolve({}) });
    expect(response.status).toBe(404);
    expect((await fixture.prisma.triageItem.findUniqueOrThrow({ where: { findingId: BigInt(fixture.findings.findingA) } })).status).toBe('in_progress');
    testSession.current = security;
    const ok = await POST(browserRequest('/api/triage/bulk', 'POST', { ids, action: { type: 'assign', ownerId: 'sec-1' } }), { params: Promise.resolve({}) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: { owner: { id: string } }[] }).items.map((i) => i.owner.id)).toEqual(['sec-1', 'sec-1']);
  });
});

describe('SLA policy (admin)', () => {
  it('an admin\'s change re-dates the queue and is audited with before and after; other roles are refused', async () => {
    const { changeSlaPolicy, getSlaPolicy } = await import('@/lib/data/triage-sla');
    expect((await getSlaPolicy(fixture.prisma)).policy).toMatchObject({ critical: 7, high: 30, medium: 90, low: 180 });
    const policy = { critical: 3, high: 14, medium: 60, low: 120, informational: 365 };
    await expect(changeSlaPolicy(await viewerOf(security), policy, null, fixture.prisma)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeSlaPolicy(await viewerOf(sessionFor('admin', { oid: 'adm-1' })), { ...policy, high: 0 }, null, fixture.prisma)).rejects.toThrow();
    const saved = await changeSlaPolicy(await viewerOf(sessionFor('admin', { oid: 'adm-1' })), policy, null, fixture.prisma);
    expect(saved).toMatchObject({ policy, source: 'admin', updatedBy: 'adm-1' });
    for (const id of [fixture.findings.findingA, fixture.findings.findingB]) {
      const item = await fixture.prisma.triageItem.findUniqueOrThrow({ where: { findingId: BigInt(id) } });
      expect(item.dueAt.getTime() - item.detectedAt.getTime()).toBe(14 * 86_400_000);
    }
    const audit = await fixture.prisma.auditLog.findFirstOrThrow({ where: { actorId: 'adm-1', action: 'triage.sla_update' } });
    expect(audit).toMatchObject({ before: { high: 30 }, after: { high: 14 } });
  });
});

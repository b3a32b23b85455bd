// Early page decisions with a real encrypted session cookie: anonymous → 307 sign-in, wrong role → 404 (and
// audited), another team's cluster or finding → 404, own → allowed.
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi, beforeAll, afterAll } from 'vitest';
import { DEMO_GROUPS } from './demo-users';
import { sessionFor } from './testing/route-harness';
import { FIXTURE, useScopeFixtureDatabase } from './testing/seed-scope-fixture';
import type { AppRole } from './viewer';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);

const SECRET = 'test-secret-test-secret-test-secret-0123';
const COOKIE = 'authjs.session-token';
const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });
beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});

async function request(path: string, role: AppRole | null | 'anonymous', groups: string[] = []): Promise<NextRequest> {
  const headers: Record<string, string> = {};
  if (role !== 'anonymous') {
    const s = sessionFor(role, { groups, oid: `pa-${role ?? 'none'}` });
    const jwe = await encode({ token: { sub: s.claims.oid, claims: s.claims }, secret: SECRET, salt: COOKIE });
    headers.cookie = `${COOKIE}=${jwe}`;
  }
  return new NextRequest(new URL(path, 'http://localhost:3000'), { headers });
}

describe('page access decided before rendering', () => {
  it('redirects anonymous and role-less visitors', async () => {
    const { decidePageAccess } = await import('./page-access');
    expect(await decidePageAccess(await request('/admin/audit', 'anonymous'))).toEqual({ kind: 'redirect', to: '/sign-in?returnTo=%2Fadmin%2Faudit' });
    // A bookmarked filtered view comes back after sign-in.
    expect(await decidePageAccess(await request(`/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-payments?severity=high`, 'anonymous'))).toEqual({
      kind: 'redirect',
      to: `/sign-in?returnTo=${encodeURIComponent(`/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-payments?severity=high`)}`,
    });
    expect(await decidePageAccess(await request('/admin/audit', null))).toEqual({ kind: 'redirect', to: '/no-access' });
  });

  it('answers 404 for an admin page the role may not use, and audits it', async () => {
    const { decidePageAccess } = await import('./page-access');
    expect(await decidePageAccess(await request('/admin/audit', 'developer'))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await request('/admin/scopes', 'security'))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await request('/admin/audit', 'security'))).toEqual({ kind: 'allow' });
    expect(await fixture.prisma.auditLog.count({ where: { actorId: 'pa-developer', action: 'access.denied' } })).toBe(1);
  });

  it('answers 404 for another team’s cluster or finding, allows the own ones', async () => {
    const { decidePageAccess } = await import('./page-access');
    const dev = (path: string) => request(path, 'developer', [DEMO_GROUPS.teamA.id]);
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamB.clusterId}`))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await dev(`/findings/${fixture.findings.findingB}`))).toEqual({ kind: 'not-found' });
    // The hashed address of an own cluster moves to its readable address, filters kept; that address is allowed.
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamA.clusterId}?severity=high`))).toEqual({
      kind: 'redirect',
      to: `/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-payments?severity=high`,
    });
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-payments`))).toEqual({ kind: 'allow' });
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamA.subscriptionId.toUpperCase()}/RG-PAYMENTS/AKS-Payments`))).toEqual({ kind: 'allow' });
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamB.subscriptionId}/rg-storefront/aks-storefront`))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await dev(`/clusters/${FIXTURE.teamA.subscriptionId}/rg-payments/aks-nope`))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await dev(`/findings/${fixture.findings.findingA}`))).toEqual({ kind: 'allow' });
  });

  it('answers 404 for a malformed or out-of-range id instead of rendering "not found" under 200 (issue 8 items 6, 9)', async () => {
    const { decidePageAccess } = await import('./page-access');
    for (const path of ['/findings/abc', '/findings/9223372036854775808', '/findings/0', '/findings/-1', '/clusters/ABCDEF123456', '/clusters/xyz']) {
      expect(await decidePageAccess(await request(path, 'security')), path).toEqual({ kind: 'not-found' });
    }
    // The largest int8 is a valid id that does not exist: also 404, without a failing query.
    expect(await decidePageAccess(await request('/findings/9223372036854775807', 'security'))).toEqual({ kind: 'not-found' });
    expect(await decidePageAccess(await request(`/findings/${fixture.findings.findingA}`, 'security'))).toEqual({ kind: 'allow' });
  });

  it('ignores a cookie it cannot decrypt (tampered or from another secret)', async () => {
    const { decidePageAccess } = await import('./page-access');
    const r = new NextRequest(new URL('/admin/audit', 'http://localhost:3000'), { headers: { cookie: `${COOKIE}=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z` } });
    expect(await decidePageAccess(r)).toEqual({ kind: 'redirect', to: '/sign-in?returnTo=%2Fadmin%2Faudit' });
  });

  it('treats an expired session cookie as no session', async () => {
    const { decidePageAccess } = await import('./page-access');
    const s = sessionFor('admin');
    const expired = await encode({ token: { sub: s.claims.oid, claims: s.claims }, secret: SECRET, salt: COOKIE, maxAge: -120 });
    const r = new NextRequest(new URL('/admin/audit', 'http://localhost:3000'), { headers: { cookie: `${COOKIE}=${expired}` } });
    expect(await decidePageAccess(r)).toEqual({ kind: 'redirect', to: '/sign-in?returnTo=%2Fadmin%2Faudit' });
  });

  it('treats a session revoked by sign-out as no session, even with a valid cookie', async () => {
    const { decidePageAccess } = await import('./page-access');
    const { revokeSession } = await import('./revocation');
    const s = sessionFor('admin', { sid: 'sid-revoked-1' });
    const jwe = await encode({ token: { sub: s.claims.oid, claims: s.claims }, secret: SECRET, salt: COOKIE });
    const r = () => new NextRequest(new URL('/admin/audit', 'http://localhost:3000'), { headers: { cookie: `${COOKIE}=${jwe}` } });
    expect(await decidePageAccess(r())).toEqual({ kind: 'allow' });
    await revokeSession(fixture.prisma, 'sid-revoked-1', new Date(Date.now() + 3_600_000));
    expect(await decidePageAccess(r())).toEqual({ kind: 'redirect', to: '/sign-in?returnTo=%2Fadmin%2Faudit' });
  });

  it('lands a manager on trends from a bare `/`, and lets every role with posture.view open the trends pages', async () => {
    const { decidePageAccess, landingFor } = await import('./page-access');
    expect(await decidePageAccess(await request('/', 'manager'))).toEqual({ kind: 'redirect', to: '/trends' });
    // The overview stays reachable for managers through its own links, and other roles open it as before.
    expect(await decidePageAccess(await request('/?role=all', 'manager'))).toEqual({ kind: 'allow' });
    expect(await decidePageAccess(await request('/', 'security'))).toEqual({ kind: 'allow' });
    expect(landingFor({ roles: ['manager', 'security'] })).toBeNull();
    for (const role of ['manager', 'security', 'admin', 'developer'] as const) {
      expect(await decidePageAccess(await request('/trends', role))).toEqual({ kind: 'allow' });
      expect(await decidePageAccess(await request('/trends/changes', role))).toEqual({ kind: 'allow' });
    }
    expect(await decidePageAccess(await request('/trends', 'anonymous'))).toEqual({ kind: 'redirect', to: '/sign-in?returnTo=%2Ftrends' });
  });
});

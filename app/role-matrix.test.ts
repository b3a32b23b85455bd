// Role matrix: for every page, route handler and server action found in the tree, each of the six roles is
// either let through or refused exactly as the permission table says. The expected permission of each entry
// is written here; a new entry missing from these tables fails the test until someone decides its permission.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { APP_ROLES } from '@/lib/auth/viewer';
import { DEMO_GROUPS } from '@/lib/auth/demo-users';
import {
  HTTP_METHODS,
  browserRequest,
  discoverActionModules,
  discoverAppFiles,
  isRouteHandler,
  paramsFor,
  renderPage,
  sessionFor,
} from '@/lib/auth/testing/route-harness';
import { testSession } from '@/lib/auth/testing/mock-next';
import { FIXTURE, useScopeFixtureDatabase } from '@/lib/auth/testing/seed-scope-fixture';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
vi.mock('next/headers', async () => (await import('@/lib/auth/testing/mock-next')).headersModule);
vi.mock('next/cache', async () => (await import('@/lib/auth/testing/mock-next')).cacheModule);

/** Page → the permission it needs. Pages outside the table must be listed in NOT_IN_MATRIX with a reason. */
const PAGE_PERMISSIONS: Record<string, Permission> = {
  'app/(dashboard)/page.tsx': 'posture.view',
  'app/(dashboard)/clusters/page.tsx': 'posture.view',
  'app/(dashboard)/clusters/[id]/[rg]/[name]/page.tsx': 'posture.view',
  'app/(dashboard)/compliance/page.tsx': 'posture.view',
  'app/(dashboard)/findings/page.tsx': 'findings.view',
  'app/(dashboard)/findings/[id]/page.tsx': 'findings.view',
  'app/(dashboard)/triage/page.tsx': 'findings.view',
  'app/(dashboard)/triage/[id]/page.tsx': 'findings.view',
  'app/(dashboard)/admin/audit/page.tsx': 'audit.view',
  'app/(dashboard)/admin/scopes/page.tsx': 'scopes.manage',
  'app/(dashboard)/admin/settings/page.tsx': 'settings.manage',
  'app/(dashboard)/trends/page.tsx': 'posture.view',
  'app/(dashboard)/trends/changes/page.tsx': 'posture.view',
  'app/(dashboard)/admin/sync/page.tsx': 'sync.run',
};
const NOT_IN_MATRIX: Record<string, string> = {
  'app/sign-in/page.tsx': 'public',
  'app/no-access/page.tsx': 'for signed-in people without a role',
  'app/mfa-required/page.tsx': 'for signed-in people without MFA',
  'app/(dashboard)/admin/page.tsx': 'index: shown when the role has audit.view, scopes.manage, settings.manage or sync.run (tested below)',
  'app/(dashboard)/clusters/[id]/page.tsx': 'old hashed address: redirects to the readable cluster page (page-access and cross-scope tests)',
};
/** `METHOD file` → permission, for route handlers guarded by withPermission. */
const ROUTE_PERMISSIONS: Record<string, Permission> = {
  'GET app/api/audit/export/route.ts': 'audit.view',
  'GET app/api/triage/items/route.ts': 'findings.view',
  'POST app/api/triage/items/[id]/route.ts': 'findings.triage',
  'POST app/api/triage/bulk/route.ts': 'findings.triage',
  'GET app/api/findings/export/route.ts': 'findings.view',
  'GET app/api/sync/route.ts': 'sync.run',
  'POST app/api/sync/route.ts': 'sync.run',
};
/** `file#export` → permission, for server actions guarded by withActionPermission. */
const ACTION_PERMISSIONS: Record<string, Permission> = {
  'app/(dashboard)/admin/scopes/actions.ts#saveScopeAction': 'scopes.manage',
  'app/(dashboard)/admin/scopes/actions.ts#deleteScopeAction': 'scopes.manage',
  'app/(dashboard)/admin/settings/actions.ts#changeSettingAction': 'settings.manage',
  'app/(dashboard)/admin/settings/sla-actions.ts#changeSlaAction': 'settings.manage',
};

const { pages, routes } = discoverAppFiles();
const actionModules = discoverActionModules();
// Every test session sees both teams, so the matrix measures permissions only (scope: cross-scope.test.ts).
const asRole = (role: (typeof APP_ROLES)[number]) => sessionFor(role, { groups: [DEMO_GROUPS.teamA.id, DEMO_GROUPS.teamB.id] });

const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });
const sampleParams = (file: string): Record<string, string> | undefined =>
  ({
    'app/(dashboard)/clusters/[id]/page.tsx': { id: FIXTURE.teamA.clusterId },
    'app/(dashboard)/clusters/[id]/[rg]/[name]/page.tsx': { id: FIXTURE.teamA.subscriptionId, rg: 'rg-payments', name: 'aks-payments' },
    'app/(dashboard)/findings/[id]/page.tsx': { id: fixture.findings.findingA },
    'app/(dashboard)/triage/[id]/page.tsx': { id: fixture.findings.findingA },
  })[file];

describe('the matrix covers the tree', () => {
  it('every page has an expected permission or a stated reason', () => {
    for (const p of pages) expect(PAGE_PERMISSIONS[p.file] ?? NOT_IN_MATRIX[p.file], `add ${p.file} to PAGE_PERMISSIONS`).toBeDefined();
  });
});

describe('early page decisions in proxy.ts agree with the matrix', () => {
  it.each(Object.entries(PAGE_PERMISSIONS))('%s', async (file, permission) => {
    const { matchPageRule } = await import('@/lib/auth/page-access');
    const page = pages.find((p) => p.file === file);
    if (!page) return;
    const match = matchPageRule(paramsFor(page, sampleParams(file)).url);
    if (match) expect(match.rule.anyOf).toEqual([permission]);
  });
});

describe.each(Object.entries(PAGE_PERMISSIONS))('page %s (needs %s)', (file, permission) => {
  it.each(APP_ROLES)('as %s', async (role) => {
    const page = pages.find((p) => p.file === file);
    expect(page, `${file} no longer exists: remove it from the matrix`).toBeDefined();
    if (!page) return;
    testSession.current = asRole(role);
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as { default: Parameters<typeof renderPage>[0] };
    const outcome = await renderPage(mod.default, paramsFor(page, sampleParams(file)).params);
    if (roleCan(role, permission)) expect(outcome).toEqual({ kind: 'rendered' });
    else expect(['not-found', 'forbidden']).toContain(outcome.kind);
  });
});

describe('admin index', () => {
  it.each(APP_ROLES)('as %s: shown only with audit.view, scopes.manage, settings.manage or sync.run', async (role) => {
    testSession.current = asRole(role);
    const mod = (await import('@/app/(dashboard)/admin/page')) as { default: Parameters<typeof renderPage>[0] };
    const outcome = await renderPage(mod.default, {});
    const allowed = (['audit.view', 'scopes.manage', 'settings.manage', 'sync.run'] as const).some((p) => roleCan(role, p));
    expect(outcome.kind).toBe(allowed ? 'rendered' : 'not-found');
  });
});

describe.each(routes.map((r) => [r.file, r] as const))('route %s', (file, route) => {
  it('answers each role as the permission table says, and audits each refusal', async () => {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
    const { guardOf } = await import('@/lib/auth/guards');
    for (const method of HTTP_METHODS.filter((m) => m in mod)) {
      const handler = mod[method];
      if (!isRouteHandler(handler) || guardOf(handler)?.kind === 'public') continue;
      const key = `${method} ${file}`;
      const expected = ROUTE_PERMISSIONS[key];
      expect(expected, `add ${key} to ROUTE_PERMISSIONS`).toBeDefined();
      expect(guardOf(handler), key).toEqual({ kind: 'permission', permission: expected });
      if (!expected) continue;
      for (const role of APP_ROLES) {
        const s = asRole(role);
        testSession.current = s;
        const { url, params } = paramsFor(route);
        const response = await handler(browserRequest(url, method, method === 'GET' ? undefined : {}), { params: Promise.resolve(params) });
        await response.arrayBuffer();
        if (roleCan(role, expected)) {
          expect([401, 403], `${key} as ${role}`).not.toContain(response.status);
          expect(response.status, `${key} as ${role}`).toBeLessThan(500);
        } else {
          expect(response.status, `${key} as ${role}`).toBe(403);
          const denied = await fixture.prisma.auditLog.count({ where: { actorId: s.claims.oid, action: 'access.denied' } });
          expect(denied, `${key} as ${role}: refusal audited`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe.each(actionModules.map((m) => [m] as const))('server actions in %s', (file) => {
  it('answer each role as the permission table says', async () => {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
    const { guardOf } = await import('@/lib/auth/guards');
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function' || guardOf(fn)?.kind === 'public') continue;
      const key = `${file}#${name}`;
      const expected = ACTION_PERMISSIONS[key];
      expect(expected, `add ${key} to ACTION_PERMISSIONS`).toBeDefined();
      expect(guardOf(fn), key).toEqual({ kind: 'permission', permission: expected });
      if (!expected) continue;
      for (const role of APP_ROLES) {
        testSession.current = asRole(role);
        const result = (await (fn as (input: FormData) => Promise<{ ok: boolean; error?: { code: string } }>)(new FormData())) ?? { ok: true };
        const code = result.ok ? null : result.error?.code;
        if (roleCan(role, expected)) expect(['FORBIDDEN', 'UNAUTHENTICATED'], `${key} as ${role}`).not.toContain(code);
        else expect(code, `${key} as ${role}`).toBe('FORBIDDEN');
      }
    }
  });
});

describe('sessions that are not allowed in', () => {
  it('a signed-in person without a known role goes to /no-access from every matrix page', async () => {
    testSession.current = sessionFor(null);
    for (const file of Object.keys(PAGE_PERMISSIONS)) {
      const page = pages.find((p) => p.file === file);
      if (!page) continue;
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as { default: Parameters<typeof renderPage>[0] };
      expect(await renderPage(mod.default, paramsFor(page, sampleParams(file)).params), file).toEqual({ kind: 'redirect', to: '/no-access' });
    }
  });

  it('with the require-MFA setting on, a session signed in without MFA goes to /mfa-required; with MFA it passes', async () => {
    await fixture.prisma.appSetting.create({ data: { key: 'requireMfa', value: true } });
    try {
      const mod = (await import('@/app/(dashboard)/findings/page')) as unknown as { default: Parameters<typeof renderPage>[0] };
      testSession.current = sessionFor('admin', { amr: ['pwd'] });
      expect(await renderPage(mod.default, {})).toEqual({ kind: 'redirect', to: '/mfa-required' });
      testSession.current = sessionFor('admin', { amr: ['pwd', 'mfa'] });
      expect(await renderPage(mod.default, {})).toEqual({ kind: 'rendered' });
    } finally {
      await fixture.prisma.appSetting.delete({ where: { key: 'requireMfa' } });
    }
  });
});

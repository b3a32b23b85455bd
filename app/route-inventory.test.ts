// Route inventory: every page, route handler and server action in the tree — found by walking app/ (and
// lib/, components/ for 'use server' modules), not by a list someone maintains — must refuse an anonymous
// request: pages redirect to /sign-in, route handlers answer 401, actions return UNAUTHENTICATED. The only
// exceptions are the public entries below, and each of those must also be wrapped by withPublic/withPublicAction.
// A new route without a guard fails this test.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  HTTP_METHODS,
  browserRequest,
  discoverActionModules,
  discoverAppFiles,
  isRouteHandler,
  paramsFor,
  renderPage,
} from '@/lib/auth/testing/route-harness';
import { testSession } from '@/lib/auth/testing/mock-next';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
vi.mock('next/headers', async () => (await import('@/lib/auth/testing/mock-next')).headersModule);
vi.mock('next/cache', async () => (await import('@/lib/auth/testing/mock-next')).cacheModule);

/** Deliberately public: reviewed, with the reason. Adding a line here is a security decision. */
const PUBLIC_PAGES: Record<string, string> = {
  'app/sign-in/page.tsx': 'the sign-in page itself',
};
const PUBLIC_ROUTES: Record<string, string> = {
  'GET app/api/auth/[...nextauth]/route.ts': 'Auth.js: sign-in start, OIDC callback, session, CSRF token',
  'POST app/api/auth/[...nextauth]/route.ts': 'Auth.js: sign-in and sign-out posts (own CSRF token)',
  'GET app/api/health/route.ts': 'liveness/readiness for the load balancer; no findings',
};
const PUBLIC_ACTIONS: Record<string, string> = {
  'lib/auth/actions.ts#signInAction': 'starts the sign-in',
  'lib/auth/actions.ts#signOutAction': 'ends the session',
};

const { pages, routes } = discoverAppFiles();
const actionModules = discoverActionModules();

beforeAll(() => {
  // A URL that cannot be reached: an unguarded handler that touches the database fails loudly, not silently.
  process.env.DATABASE_URL ??= 'postgresql://nobody:none@127.0.0.1:1/none';
  process.env.AUTH_URL = 'http://localhost:3000';
  process.env.POSTURE_MODE ??= 'demo';
  testSession.current = null;
});

describe('route inventory discovery', () => {
  it('finds the pages, route handlers and actions of the tree (the walker itself works)', () => {
    expect(pages.map((p) => p.file)).toEqual(expect.arrayContaining(['app/sign-in/page.tsx', 'app/(dashboard)/admin/audit/page.tsx']));
    expect(routes.map((r) => r.file)).toEqual(expect.arrayContaining(['app/api/audit/export/route.ts', 'app/api/auth/[...nextauth]/route.ts']));
    expect(actionModules).toEqual(expect.arrayContaining(['lib/auth/actions.ts', 'app/(dashboard)/admin/scopes/actions.ts']));
  });

  it('lists no stale public entries', () => {
    const files = new Set([...pages, ...routes].map((f) => f.file));
    for (const key of [...Object.keys(PUBLIC_PAGES), ...Object.keys(PUBLIC_ROUTES).map((k) => k.split(' ')[1] ?? '')]) expect(files, key).toContain(key);
  });
});

describe.each(pages.map((p) => [p.file, p] as const))('page %s', (file, page) => {
  it(PUBLIC_PAGES[file] ? 'is public (listed)' : 'redirects an anonymous visitor to /sign-in', async () => {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as { default: Parameters<typeof renderPage>[0] };
    const outcome = await renderPage(mod.default, paramsFor(page).params);
    if (PUBLIC_PAGES[file]) {
      expect(outcome.kind).not.toBe('error');
      return;
    }
    expect(outcome).toEqual({ kind: 'redirect', to: '/sign-in' });
  });
});

describe.each(routes.map((r) => [r.file, r] as const))('route %s', (file, route) => {
  it('refuses anonymous requests with 401 on every method it exports, unless listed public', async () => {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
    const { guardOf } = await import('@/lib/auth/guards');
    const methods = HTTP_METHODS.filter((m) => m in mod);
    expect(methods.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
    for (const method of methods) {
      const handler = mod[method];
      const key = `${method} ${file}`;
      expect(isRouteHandler(handler), key).toBe(true);
      if (!isRouteHandler(handler)) continue;
      const guard = guardOf(handler);
      if (PUBLIC_ROUTES[key]) {
        expect(guard?.kind, `${key} is listed public but not wrapped by withPublic`).toBe('public');
        continue;
      }
      expect(guard?.kind, `${key} is not wrapped by withPermission`).toBe('permission');
      const { url, params } = paramsFor(route);
      const response = await handler(browserRequest(url, method, method === 'GET' || method === 'HEAD' ? undefined : {}), { params: Promise.resolve(params) });
      expect(response.status, key).toBe(401);
      if (method !== 'HEAD') expect(await response.json(), key).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });
});

describe.each(actionModules.map((m) => [m] as const))('server actions in %s', (file) => {
  it('refuse anonymous callers, unless listed public', async () => {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
    const { guardOf } = await import('@/lib/auth/guards');
    const exported = Object.entries(mod).filter(([, v]) => typeof v === 'function');
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, fn] of exported) {
      const key = `${file}#${name}`;
      const guard = guardOf(fn);
      if (PUBLIC_ACTIONS[key]) {
        expect(guard?.kind, `${key} is listed public but not wrapped by withPublicAction`).toBe('public');
        continue;
      }
      expect(guard?.kind, `${key} is not wrapped by withActionPermission`).toBe('permission');
      const result = await (fn as (input: unknown) => Promise<unknown>)(new FormData());
      expect(result, key).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });
});

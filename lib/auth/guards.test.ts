// The route-handler and action guards on their own: 401/403/400/500 mapping, CSRF refusal, audit of denials,
// and nothing internal in an error body.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { testSession } from './testing/mock-next';
import { sessionFor } from './testing/route-harness';
import { useScopeFixtureDatabase } from './testing/seed-scope-fixture';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
vi.mock('next/headers', async () => (await import('@/lib/auth/testing/mock-next')).headersModule);

const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });
const ORIGIN = 'http://localhost:3000';
const post = (headers: Record<string, string>) => new NextRequest(new URL('/api/x', ORIGIN), { method: 'POST', headers, body: '{}' });
const ctx = { params: Promise.resolve({}) };

describe('withPermission', () => {
  it('401 for anonymous, 403 (audited) for a role without the permission, the handler for the right role', async () => {
    const { withPermission } = await import('./guards');
    const handler = withPermission('scopes.manage', async () => Response.json({ ok: true }));
    const same = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
    testSession.current = null;
    expect((await handler(post(same), ctx)).status).toBe(401);
    testSession.current = sessionFor('security', { oid: 'g-sec' });
    const denied = await handler(post(same), ctx);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await fixture.prisma.auditLog.count({ where: { actorId: 'g-sec', action: 'access.denied' } })).toBe(1);
    testSession.current = sessionFor('admin');
    const ok = await handler(post(same), ctx);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a cross-site POST even from a signed-in admin, and audits it', async () => {
    const { withPermission } = await import('./guards');
    const handler = withPermission('scopes.manage', async () => Response.json({ ok: true }));
    testSession.current = sessionFor('admin', { oid: 'g-admin-csrf' });
    expect((await handler(post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), ctx)).status).toBe(403);
    expect((await handler(post({}), ctx)).status).toBe(403);
    expect(await fixture.prisma.auditLog.count({ where: { actorId: 'g-admin-csrf', action: 'access.denied' } })).toBe(2);
  });

  it('answers 400 naming the field for zod errors, the AppError status for AppErrors, and a bare 500 otherwise', async () => {
    const { withPermission } = await import('./guards');
    testSession.current = sessionFor('admin');
    const bad = withPermission('posture.view', async () => {
      z.object({ severity: z.enum(['high']) }).parse({ severity: 'x' });
      return Response.json({});
    });
    const r400 = await bad(new NextRequest(new URL('/api/x', ORIGIN)), ctx);
    expect(r400.status).toBe(400);
    expect(await r400.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: [{ path: 'severity' }] } });
    const notFound = withPermission('posture.view', async () => {
      throw new AppError('NOT_FOUND', 'Cluster not found.');
    });
    expect((await notFound(new NextRequest(new URL('/api/x', ORIGIN)), ctx)).status).toBe(404);
    const boom = withPermission('posture.view', async () => {
      throw new Error('connect ECONNREFUSED postgresql://posture:secret@db:5432 at Pool.connect (/app/node_modules/pg/lib/index.js:1:1)');
    });
    const r500 = await boom(new NextRequest(new URL('/api/x', ORIGIN)), ctx);
    expect(r500.status).toBe(500);
    const text = await r500.text();
    expect(text).not.toMatch(/secret|ECONNREFUSED|node_modules/);
  });
});

describe('withActionPermission', () => {
  it('returns UNAUTHENTICATED, FORBIDDEN, BAD_REQUEST with details, or the data', async () => {
    const { withActionPermission } = await import('./guards');
    const action = withActionPermission('settings.manage', z.object({ name: z.string().min(2) }), async (_v, input) => input.name.toUpperCase());
    const form = (name: string) => {
      const f = new FormData();
      f.set('name', name);
      return f;
    };
    testSession.current = null;
    expect(await action(form('ok'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    testSession.current = sessionFor('manager');
    expect(await action(form('ok'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    testSession.current = sessionFor('admin');
    expect(await action(form('x'))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: [{ path: 'name' }] } });
    expect(await action(null, form('ok'))).toEqual({ ok: true, data: 'OK' });
  });
});

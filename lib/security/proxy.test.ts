// proxy.ts as Next calls it: headers on every kind of response, a fresh nonce per request forwarded to the
// renderer, and the sign-in rate limit. (Page access decisions: lib/auth/page-access.test.ts.)
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);

beforeAll(() => {
  process.env.POSTURE_MODE = 'demo';
  process.env.SIGN_IN_RATE_LIMIT_PER_MINUTE = '5';
  process.env.AUTH_LOCAL_IDP_ISSUER = 'https://127.0.0.1:4443';
  process.env.AUTH_LOCAL_IDP_CLIENT_ID = 'c';
  process.env.AUTH_LOCAL_IDP_CLIENT_SECRET = 's';
});

const req = (path: string, host = 'localhost:3000', headers: Record<string, string> = {}) =>
  // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- requests as the app sees them behind plain HTTP
  new NextRequest(new URL(path, `http://${host}`), { headers: { host, 'x-forwarded-for': '10.1.1.1', ...headers } });

async function call(path: string, host?: string, headers?: Record<string, string>) {
  const { proxy } = await import('../../proxy');
  return proxy(req(path, host, headers));
}

describe('proxy', () => {
  it('sets the baseline headers and a per-request nonce, and forwards the CSP to the renderer', async () => {
    const a = await call('/findings');
    const b = await call('/findings');
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/'nonce-[^']+'/);
    expect(csp).not.toBe(b.headers.get('content-security-policy'));
    expect(csp).toContain("form-action 'self' https://127.0.0.1:4443");
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('strict-transport-security')).toBeNull();
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(/'nonce-([^']+)'/.exec(csp)?.[1]);
  });

  it('sends HSTS and upgrade-insecure-requests for a real host name', async () => {
    const r = await call('/', 'posture.example.com');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(r.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('rate-limits sign-in and callback requests per client address, with the headers still set', async () => {
    const from = { 'x-forwarded-for': '10.9.9.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('/api/auth/callback/microsoft-entra-id', 'localhost:3000', from)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await call('/api/auth/signin/microsoft-entra-id', 'localhost:3000', from);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('content-security-policy')).toBeTruthy();
    // Another address and other paths are not affected.
    expect((await call('/api/auth/callback/microsoft-entra-id', 'localhost:3000', { 'x-forwarded-for': '10.9.9.8' })).status).toBe(200);
    expect((await call('/findings', 'localhost:3000', from)).status).toBe(200);
  });

  it('answers 403, with the baseline headers, to a server action posted from another origin (issue 8 item 9)', async () => {
    const { proxy } = await import('../../proxy');
    const post = (origin: string) =>
      proxy(new NextRequest(new URL('/admin/scopes', 'http://localhost:3000'), { method: 'POST', headers: { host: 'localhost:3000', origin, 'next-action': 'abc123' } }));
    const forged = await post('https://evil.example');
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect(forged.headers.get('content-security-policy')).toBeTruthy();
    expect(forged.headers.get('x-frame-options')).toBe('DENY');
    expect((await post('http://localhost:3000')).status).toBe(200);
  });
});

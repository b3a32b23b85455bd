// Issue 8 item 1: a signed-out session must stay dead everywhere — Auth.js's own /api/auth/session included —
// must never be re-issued, and the revocation must outlive every cookie that could carry the session id.
// Drives the real Auth.js handlers with real encrypted cookies against a real database.
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor } from './testing/route-harness';
import { useScopeFixtureDatabase } from './testing/seed-scope-fixture';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const COOKIE = 'authjs.session-token';
const ORIGIN = 'http://localhost:3000';
const fixture = useScopeFixtureDatabase({ beforeAll, afterAll });
beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});

async function cookieFor(sid: string, endsAt: number, maxAge = 3600): Promise<string> {
  const s = sessionFor('admin', { sid, oid: `rev-${sid}` });
  const claims = { ...s.claims, endsAt };
  return encode({ token: { sub: claims.oid, claims }, secret: SECRET, salt: COOKIE, maxAge });
}

function get(path: string, cookie: string): NextRequest {
  return new NextRequest(new URL(path, ORIGIN), { headers: { cookie } });
}

/** The session cookie Auth.js set on a response: its value ('' when cleared), or undefined when untouched. */
function sessionCookieSet(response: Response): string | undefined {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  return line === undefined ? undefined : line.slice(COOKIE.length + 1).split(';')[0];
}

async function signOutWith(cookie: string): Promise<void> {
  const { handlers } = await import('./auth');
  const csrf = await handlers.GET(get('/api/auth/csrf', cookie));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const response = await handlers.POST(
    new NextRequest(new URL('/api/auth/signout', ORIGIN), {
      method: 'POST',
      headers: { cookie: `${cookie}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ csrfToken }).toString(),
    }),
  );
  expect(response.status).toBeLessThan(400);
}

describe('a revoked session', () => {
  it('is refused by /api/auth/session after sign-out, and is not re-issued', async () => {
    const { handlers } = await import('./auth');
    const endsAt = Math.floor(Date.now() / 1000) + 3600;
    const cookie = `${COOKIE}=${await cookieFor('sid-live', endsAt)}`;

    const before = await handlers.GET(get('/api/auth/session', cookie));
    expect(((await before.json()) as { claims?: { sid: string } } | null)?.claims?.sid).toBe('sid-live');
    expect(sessionCookieSet(before)).toBeTruthy(); // a live session is refreshed as usual

    await signOutWith(cookie);
    const row = await fixture.prisma.revokedSession.findUnique({ where: { sid: 'sid-live' } });
    // Kept at least until the sign-in's fixed end, not the cookie's (movable) expiry.
    expect(row?.expiresAt.getTime()).toBeGreaterThanOrEqual(endsAt * 1000);

    const after = await handlers.GET(get('/api/auth/session', cookie));
    expect(await after.json()).toBeNull();
    expect(sessionCookieSet(after)).toBe(''); // cleared, never a fresh token
  });

  it('stays refused after a later sign-out prunes expired revocations', async () => {
    const { handlers } = await import('./auth');
    const cookie = `${COOKIE}=${await cookieFor('sid-pruned', Math.floor(Date.now() / 1000) + 3600)}`;
    await signOutWith(cookie);
    // Someone else signs out: housekeeping deletes rows whose expiry passed; ours must not be among them.
    await signOutWith(`${COOKIE}=${await cookieFor('sid-other', Math.floor(Date.now() / 1000) + 60)}`);
    expect(await fixture.prisma.revokedSession.count({ where: { sid: 'sid-pruned' } })).toBe(1);
    expect(await (await handlers.GET(get('/api/auth/session', cookie))).json()).toBeNull();
  });

  it('refuses a re-issued cookie once the sign-in’s fixed end has passed, whatever the cookie’s own expiry', async () => {
    const { handlers } = await import('./auth');
    // A cookie Auth.js refreshed (valid for another hour) of a sign-in that ended a minute ago.
    const cookie = `${COOKIE}=${await cookieFor('sid-ended', Math.floor(Date.now() / 1000) - 60, 3600)}`;
    const response = await handlers.GET(get('/api/auth/session', cookie));
    expect(await response.json()).toBeNull();
    expect(sessionCookieSet(response)).toBe('');
  });

  it('refuses a cookie without a session id or fixed end (it could never be revoked)', async () => {
    const { handlers } = await import('./auth');
    const s = sessionFor('admin');
    const legacy = { ...s.claims, sid: null, endsAt: null };
    const jwe = await encode({ token: { sub: legacy.oid, claims: legacy }, secret: SECRET, salt: COOKIE });
    expect(await (await handlers.GET(get('/api/auth/session', `${COOKIE}=${jwe}`))).json()).toBeNull();
  });
});

describe('junk session cookies (issue 8 item 5)', () => {
  it('cannot flood the audit log: one row per address and minute, with the count of the rest on the next', async () => {
    const { handlers } = await import('./auth');
    const before = await fixture.prisma.auditLog.count({ where: { action: 'auth.session_rejected' } });
    for (let i = 0; i < 40; i++) {
      const r = await handlers.GET(get('/api/auth/session', `${COOKIE}=junk-${i}`));
      expect(await r.json()).toBeNull();
    }
    // The rows are written after the response (fire and forget); give them a moment.
    await new Promise((r) => setTimeout(r, 300));
    expect((await fixture.prisma.auditLog.count({ where: { action: 'auth.session_rejected' } })) - before).toBe(1);
  });
});

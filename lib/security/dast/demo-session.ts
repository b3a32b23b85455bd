// A session cookie for a demo user, encrypted with the app's AUTH_SECRET exactly as Auth.js writes it after a
// sign-in, so the DAST scan can crawl the signed-in app. Test tooling: it needs the secret, which only the
// operator of the app has, and demo users exist only in demo mode.
import { encode } from 'next-auth/jwt';
import { toSessionClaims } from '../../auth/claims';
import { DEMO_TENANT_ID, findDemoUser } from '../../auth/demo-users';

export const SESSION_COOKIE = 'authjs.session-token';

export async function demoSessionCookie(username: string, secret: string, maxAgeSeconds = 3600): Promise<string> {
  const user = findDemoUser(username);
  if (!user) throw new Error(`no demo user ${username}`);
  const claims = toSessionClaims({ oid: user.oid, tid: DEMO_TENANT_ID, name: user.name, email: user.email, roles: user.roles, groups: user.groups, amr: ['pwd', 'mfa'] });
  const jwe = await encode({ token: { sub: claims.oid, name: claims.name, email: claims.email, claims }, secret, salt: SESSION_COOKIE, maxAge: maxAgeSeconds });
  return `${SESSION_COOKIE}=${jwe}`;
}

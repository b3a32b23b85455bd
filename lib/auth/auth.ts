import 'server-only';
// The Auth.js instance. Configuration is built on first use (not at import), from lib/env.ts. Sessions are
// JWE-encrypted cookies holding only the claims that decide access (lib/auth/claims.ts): the access and ID
// tokens are dropped in the jwt callback, so nothing that could call an API ever reaches the browser.
import NextAuth, { customFetch, type NextAuthConfig, type Session } from 'next-auth';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { headers } from 'next/headers';
import { getEnv } from '../env';
import { getPrisma } from '../db/prisma';
import { recordAuditSafely, type AuditRequestInfo } from '../audit/record-audit';
import { logger } from '../security/logger';
import { requestInfo } from '../security/request-info';
import { anonymousAuditThrottle } from './anonymous-audit';
import { hasMfa, sessionClaimsSchema, toSessionClaims, type SessionClaims } from './claims';
import { federatedTokenFetch } from './federated-fetch';
import { resolveIdentityProvider, type IdentityProviderConfig } from './identity-provider';
import { readSettings } from './settings';
import { revokeSession, sessionRefusal } from './revocation';
import { randomUUID } from 'node:crypto';

export const PROVIDER_ID = 'microsoft-entra-id';

async function currentRequestInfo(): Promise<AuditRequestInfo | null> {
  try {
    return requestInfo(await headers());
  } catch {
    return null; // outside a request (never expected for Auth.js callbacks, but not worth failing a sign-in)
  }
}

function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

export function entraProvider(idp: IdentityProviderConfig) {
  return MicrosoftEntraID({
    clientId: idp.clientId,
    // With a federated credential no secret is sent; the custom fetch adds the client assertion instead.
    clientSecret: idp.clientSecret ?? undefined,
    issuer: idp.issuer,
    // User.Read (the provider default) is for Microsoft Graph, which this app never calls.
    authorization: {
      params: { scope: 'openid profile email' },
      // Demo only: the browser signs in over plain HTTP on loopback (no certificate warning); tokens and keys
      // are still fetched from the HTTPS issuer.
      ...(idp.kind === 'local' && idp.browserUrl ? { url: `${idp.browserUrl}/auth` } : {}),
    },
    checks: ['pkce', 'state', 'nonce'],
    ...(idp.federatedTokenFile ? { client: { token_endpoint_auth_method: 'none' as const }, [customFetch]: federatedTokenFetch(idp.federatedTokenFile) } : {}),
    // The default profile() fetches the photo from Microsoft Graph; the ID token already holds what we need.
    profile(profile) {
      const claims = toSessionClaims(profile);
      return { id: claims.oid, name: claims.name, email: claims.email, image: null };
    },
  });
}

export function buildAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const idp = resolveIdentityProvider(env);
  const maxAge = env.SESSION_MAX_AGE_MINUTES * 60;
  return {
    secret: env.AUTH_SECRET,
    trustHost: env.AUTH_TRUST_HOST || Boolean(env.AUTH_URL) || env.POSTURE_MODE === 'demo',
    basePath: '/api/auth',
    // Secure cookies everywhere except a plain-HTTP loopback URL (local demo without TLS).
    // Without AUTH_URL, Auth.js decides by the request's protocol (https behind a TLS ingress with trusted headers).
    useSecureCookies: env.AUTH_URL ? env.AUTH_URL.startsWith('https:') || !isLoopbackUrl(env.AUTH_URL) : undefined,
    session: { strategy: 'jwt', maxAge, updateAge: Math.min(maxAge, 15 * 60) },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: idp ? [entraProvider(idp)] : [],
    callbacks: {
      signIn({ profile }) {
        if (!profile) return false;
        try {
          const claims = toSessionClaims(profile);
          if (idp?.tenantId && claims.tid.toLowerCase() !== idp.tenantId.toLowerCase()) return false;
          return true;
        } catch {
          return false;
        }
      },
      async jwt({ token, profile, trigger }) {
        if (trigger === 'signIn' && profile) {
          const endsAt = Math.floor(Date.now() / 1000) + maxAge;
          const claims: SessionClaims = { ...toSessionClaims(profile), sid: randomUUID(), endsAt };
          // A fresh object: whatever Auth.js put on the token (picture, tokens) is left behind.
          return { sub: claims.oid, name: claims.name, email: claims.email, claims };
        }
        // Every other read of the cookie — Auth.js's own /api/auth/session included, which re-issues the cookie
        // with a later expiry when this returns a token — refuses a signed-out or ended session. Null makes
        // Auth.js answer "no session" and clear the cookie instead of refreshing it.
        const claims = sessionClaimsSchema.safeParse(token.claims);
        if (!claims.success) return null;
        const rest = { ...token };
        delete rest.unverified; // a mark from an earlier request while the database was down
        let refusal: Awaited<ReturnType<typeof sessionRefusal>>;
        try {
          refusal = await sessionRefusal(getPrisma(), claims.data);
        } catch (error) {
          // The database is unreachable, so revocation cannot be checked: the session is marked unverified and
          // carries no claims (see session() below), so nothing accepts it, yet the cookie is kept — a database
          // restart must not sign everyone out. Its fixed end keeps even a revoked one from outliving its row.
          logger.error('auth.revocation_check_failed', { error });
          return { ...rest, unverified: true };
        }
        if (refusal) logger.info('auth.session_refused', { reason: refusal });
        return refusal ? null : rest;
      },
      session({ session, token }) {
        const parsed = sessionClaimsSchema.safeParse(token.claims);
        const unverified = token.unverified === true;
        const out: Session & { claims: SessionClaims | null; unverified: boolean } = {
          expires: session.expires,
          user: unverified ? { name: null, email: null } : { name: session.user?.name ?? null, email: session.user?.email ?? null },
          claims: parsed.success && !unverified ? parsed.data : null,
          unverified,
        };
        return out;
      },
    },
    events: {
      async signIn({ profile }) {
        const claims = profile ? toSessionClaims(profile) : null;
        await recordAuditSafely(getPrisma(), {
          actor: claims ? { id: claims.oid, name: claims.name } : null,
          action: 'auth.sign_in',
          outcome: 'success',
          detail: claims ? { roles: claims.roles, unknownRoles: claims.unknownRoles, groups: claims.groups.length, amr: claims.amr, provider: idp?.kind } : {},
          request: await currentRequestInfo(),
        });
        // The session exists but will be refused page by page; record why once, at sign-in.
        if (claims && claims.roles.length === 0) {
          await recordAuditSafely(getPrisma(), { actor: { id: claims.oid, name: claims.name }, action: 'auth.no_role', outcome: 'denied', detail: { unknownRoles: claims.unknownRoles }, request: await currentRequestInfo() });
        } else if (claims && !hasMfa(claims) && (await readSettings(getPrisma(), env)).requireMfa) {
          await recordAuditSafely(getPrisma(), { actor: { id: claims.oid, name: claims.name }, action: 'auth.mfa_refused', outcome: 'denied', detail: { amr: claims.amr }, request: await currentRequestInfo() });
        }
      },
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        const claims = sessionClaimsSchema.safeParse(token?.claims);
        if (claims.success && claims.data.sid) {
          // Until the sign-in's fixed end, never the cookie's own expiry: Auth.js moves that forward on every use.
          const endsAt = new Date((claims.data.endsAt ?? Math.floor(Date.now() / 1000) + maxAge) * 1000);
          await revokeSession(getPrisma(), claims.data.sid, endsAt).catch((error: unknown) => logger.error('auth.revoke_failed', { error }));
        }
        await recordAuditSafely(getPrisma(), {
          actor: claims.success ? { id: claims.data.oid, name: claims.data.name } : null,
          action: 'auth.sign_out',
          outcome: 'success',
          request: await currentRequestInfo(),
        });
      },
    },
    logger: {
      // Auth.js reports failed callbacks (bad state, refused signIn, IdP errors) and unreadable session cookies
      // here. The former are failed sign-ins; the latter a tampered, expired-key or foreign cookie.
      error(error) {
        const type = (error as Error & { type?: string }).type ?? 'UnknownError';
        logger.error('auth.error', { type, message: error.message });
        const sessionProblem = type === 'JWTSessionError' || type === 'SessionTokenError';
        const action = sessionProblem ? 'auth.session_rejected' : 'auth.sign_in_failed';
        void currentRequestInfo().then((request) => {
          // Anyone can send a junk cookie or a broken callback: bounded per address and overall (with the count
          // of left-out events on the next row), so the append-only log cannot be flooded.
          const verdict = anonymousAuditThrottle.take(`${action}|${request?.ip ?? 'unknown'}`);
          if (!verdict.record) return;
          return recordAuditSafely(getPrisma(), {
            actor: null,
            action,
            outcome: sessionProblem ? 'denied' : 'failure',
            detail: { type, ...(verdict.suppressed > 0 ? { suppressedSinceLast: verdict.suppressed } : {}) },
            request,
          });
        });
      },
      warn(code) {
        logger.warn('auth.warning', { code });
      },
      debug() {
        // Auth.js debug output includes raw tokens; never forwarded.
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());

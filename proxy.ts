// Runs before every request (Next 16 "proxy", formerly middleware): the per-request CSP nonce and the security
// headers on every response, and the sign-in rate limit. It is not the access check: every page, route
// handler and server action checks the session and permission itself (lib/auth/session.ts, guards.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { resolveIdentityProvider } from '@/lib/auth/identity-provider';
import { createNonce, isLoopbackHost, securityHeaders } from '@/lib/security/headers';
import { createRateLimiter } from '@/lib/security/rate-limit';
import { clientAddress } from '@/lib/security/request-info';
import { checkCsrf, expectedActionOrigin } from '@/lib/security/csrf';
import { logger } from '@/lib/security/logger';
import { decidePageAccess } from '@/lib/auth/page-access';

const NOT_FOUND_PATH = '/_access/not-found';

const signInLimiter = createRateLimiter({ limit: () => getEnv().SIGN_IN_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });

// Starting a sign-in and completing the OIDC callback: the two steps a credential-stuffing loop repeats.
const SIGN_IN_PATHS = /^\/api\/auth\/(signin|callback)(\/|$)/;

let formActionOrigins: string[] | undefined;
function identityProviderOrigins(): string[] {
  if (formActionOrigins === undefined) {
    try {
      const idp = resolveIdentityProvider(getEnv());
      // The issuer, and the demo provider's plain-HTTP browser origin (sign-in and RP-initiated sign-out go there).
      formActionOrigins = idp ? [...new Set([new URL(idp.issuer).origin, ...(idp.browserUrl ? [new URL(idp.browserUrl).origin] : [])])] : [];
    } catch {
      formActionOrigins = [];
    }
  }
  return formActionOrigins;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = createNonce();
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? request.nextUrl.host;
  const headers = securityHeaders({
    nonce,
    loopback: isLoopbackHost(host),
    development: process.env.NODE_ENV === 'development',
    formActionOrigins: identityProviderOrigins(),
  });

  let response: NextResponse;
  if (SIGN_IN_PATHS.test(request.nextUrl.pathname)) {
    const address = clientAddress(request.headers);
    const verdict = signInLimiter.take(address);
    if (!verdict.allowed) {
      logger.warn('auth.rate_limited', { address, path: request.nextUrl.pathname });
      response = NextResponse.json(
        { error: { code: 'RATE_LIMITED', message: `Too many sign-in attempts. Try again in ${verdict.retryAfter} seconds.` } },
        { status: 429, headers: { 'Retry-After': String(verdict.retryAfter), 'Cache-Control': 'no-store' } },
      );
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    }
  }

  // A server action posted from another origin: Next's own check would throw (a bare 500); refuse it here with
  // the 403 it is, before any action code runs. The action's guard repeats the check (lib/auth/guards.ts).
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const csrf = checkCsrf('POST', request.headers, expectedActionOrigin(request.headers, getEnv()));
    if (!csrf.ok) {
      logger.warn('action.refused', { reason: csrf.reason, path: request.nextUrl.pathname });
      response = NextResponse.json({ error: { code: 'FORBIDDEN', message: `Request refused: ${csrf.reason}.` } }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    }
  }

  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');

  // Pages with a permission or a scoped id get their real status here, before streaming starts.
  const access = request.method === 'GET' || request.method === 'HEAD' ? await decidePageAccess(request).catch((error: unknown) => {
    logger.error('proxy.access_check_failed', { path: request.nextUrl.pathname, error });
    return { kind: 'allow' as const }; // the page's own guard still decides
  }) : { kind: 'allow' as const };
  if (access.kind === 'redirect') {
    response = NextResponse.redirect(new URL(access.to, request.nextUrl.origin), 307);
  } else if (access.kind === 'not-found') {
    // A path no route serves: Next renders the app's not-found page with a 404 status.
    response = NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.nextUrl.origin), { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Every path, static files included, so the headers are on every response.
  matcher: '/:path*',
};

// CSRF defence for cookie-authenticated state changes: the request must come from this app's own pages.
// Browsers send Sec-Fetch-Site (all current ones) and Origin (on every POST); a cross-site form or fetch
// cannot forge either. A state-changing request with neither is refused: it is not from a browser page of ours.
import type { HeaderSource } from './request-info';

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(method: string, headers: HeaderSource, expectedOrigin: string): CsrfVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return { ok: false, reason: `cross-site request (Sec-Fetch-Site: ${site.slice(0, 20)})` };
  const origin = headers.get('origin');
  if (origin) {
    if (origin !== expectedOrigin) return { ok: false, reason: 'request from another origin' };
    return { ok: true };
  }
  if (site === 'same-origin') return { ok: true };
  return { ok: false, reason: 'missing Origin and Sec-Fetch-Site headers' };
}

/**
 * The origin a server action's Origin header must equal: AUTH_URL when configured, else the request's own host
 * (the forwarded one only when AUTH_TRUST_HOST says an ingress sets it).
 */
export function expectedActionOrigin(h: HeaderSource, env: { AUTH_URL?: string; AUTH_TRUST_HOST: boolean }): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const proto = env.AUTH_TRUST_HOST ? (h.get('x-forwarded-proto') ?? 'http') : 'http';
  const host = (env.AUTH_TRUST_HOST ? h.get('x-forwarded-host') : null) ?? h.get('host') ?? '';
  return `${proto}://${host}`;
}

// The web security baseline as data: the Content-Security-Policy (nonce-based scripts, nothing inline without
// the nonce) and the headers every response carries. proxy.ts applies them; tests assert them.
export interface HeaderOptions {
  nonce: string;
  /** True for localhost/127.0.0.1: no HSTS and no upgrade-insecure-requests, so a plain-HTTP demo works. */
  loopback: boolean;
  /** Development server: React needs eval for its debugging aids. Never in production. */
  development: boolean;
  /** Origins the sign-in form may post to and be redirected through (the identity provider). */
  formActionOrigins: readonly string[];
}

export function buildCsp(o: HeaderOptions): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    // strict-dynamic: scripts loaded by a nonced script are trusted; host allow-lists are ignored by CSP3 browsers.
    ['script-src', `'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.development ? " 'unsafe-eval'" : ''}`],
    // Style attributes from the chart and UI kits are inline; styles cannot run code, scripts stay strict.
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', ["'self'", ...o.formActionOrigins].join(' ')],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'self' blob:"],
    ['manifest-src', "'self'"],
  ];
  const policy = directives.map(([k, v]) => `${k} ${v}`);
  if (!o.loopback) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'publickey-credentials-get=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** Every header the baseline requires, CSP included. */
export function securityHeaders(o: HeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(o),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': PERMISSIONS_POLICY,
    // Older browsers ignore frame-ancestors; this covers them.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-DNS-Prefetch-Control': 'off',
    ...(o.loopback ? {} : { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }),
  };
}

export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '127.0.0.1' || name === '::1';
}

/** A CSP nonce: 128 random bits, base64. Web Crypto so it also works where Buffer is unavailable. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The headers of a response no page renders (the front door's 400/405, lib/runtime/front-door.mjs): the same
 * baseline, with a CSP that allows nothing at all, since such a response has no scripts, styles or frames.
 */
export function staticErrorHeaders(o: Pick<HeaderOptions, 'loopback'>): Record<string, string> {
  return {
    ...securityHeaders({ nonce: '', loopback: o.loopback, development: false, formActionOrigins: [] }),
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  };
}

import { describe, expect, it } from 'vitest';
import { checkCsrf } from './csrf';
import { buildCsp, isLoopbackHost, securityHeaders } from './headers';
import { createLogger, type LogLevel } from './logger';
import { createRateLimiter } from './rate-limit';
import { REDACTED, redact } from './redact';
import { clientAddress } from './request-info';

const h = (o: Record<string, string>) => new Headers(o);
const ORIGIN = 'https://posture.example.com';

describe('CSRF check', () => {
  it('lets safe methods through', () => {
    expect(checkCsrf('GET', h({ 'sec-fetch-site': 'cross-site' }), ORIGIN).ok).toBe(true);
  });
  it('accepts a same-origin POST', () => {
    expect(checkCsrf('POST', h({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), ORIGIN).ok).toBe(true);
  });
  it.each([
    ['cross-site fetch', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['same-site sibling', { origin: 'https://other.example.com', 'sec-fetch-site': 'same-site' }],
    ['foreign Origin without Sec-Fetch-Site', { origin: 'https://evil.example' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['null Origin (sandboxed frame)', { origin: 'null' }],
  ])('refuses a %s', (_label, headers) => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(checkCsrf(m, h(headers), ORIGIN).ok).toBe(false);
  });
});

describe('security headers', () => {
  const opts = { nonce: 'abc123', loopback: false, development: false, formActionOrigins: ['https://login.microsoftonline.com'] };
  it('builds a nonce CSP without unsafe-inline or unsafe-eval for scripts', () => {
    const csp = buildCsp(opts);
    const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(script).toContain("'nonce-abc123'");
    expect(script).not.toContain('unsafe-inline');
    expect(script).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self' https://login.microsoftonline.com");
    expect(csp).toContain('upgrade-insecure-requests');
  });
  it('sends HSTS outside localhost only', () => {
    expect(securityHeaders(opts)['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
    expect(securityHeaders({ ...opts, loopback: true })['Strict-Transport-Security']).toBeUndefined();
  });
  it('sends nosniff, a strict referrer policy, a permissions policy and DENY framing', () => {
    const all = securityHeaders(opts);
    expect(all['X-Content-Type-Options']).toBe('nosniff');
    expect(all['Referrer-Policy']).toBe('no-referrer');
    expect(all['Permissions-Policy']).toContain('camera=()');
    expect(all['X-Frame-Options']).toBe('DENY');
  });
  it('recognises loopback hosts', () => {
    expect(['localhost:3000', '127.0.0.1', '[::1]:3000', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(isLoopbackHost('posture.example.com')).toBe(false);
    expect(isLoopbackHost('localhost.evil.com')).toBe(false);
  });
});

describe('redaction and logs', () => {
  it('hides secret-named fields, tokens in strings and passwords in URLs', () => {
    const out = redact({
      password: 'p',
      clientSecret: 's',
      headers: { Authorization: 'Bearer abc', cookie: 'a=b' },
      note: 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig here',
      url: 'postgresql://u:pw@host/db',
      callback: 'https://app/cb?code=abc123&state=xyz',
      fine: 'hello',
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/pw@|abc123|eyJhbGci|Bearer abc|a=b/);
    expect(out.password).toBe(REDACTED);
    expect(out.fine).toBe('hello');
  });
  it('logs errors without their stack', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: { write: (_l: LogLevel, line: string) => lines.push(line) }, level: () => 'debug' });
    const e = new Error('boom with Bearer secret123');
    log.error('x.failed', { error: e, token: 't' });
    const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(parsed.event).toBe('x.failed');
    expect(JSON.stringify(parsed)).not.toContain('at ');
    expect(JSON.stringify(parsed)).not.toContain('secret123');
    expect(parsed.token).toBe(REDACTED);
  });
  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: { write: (_l, line) => lines.push(line) }, level: () => 'warn' });
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});

describe('rate limiter', () => {
  it('allows the limit per window, then refuses with a retry time, then resets', () => {
    const rl = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => rl.take('a', t).allowed)).toEqual([true, true, true]);
    const refused = rl.take('a', t + 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBe(59);
    expect(rl.take('b', t).allowed).toBe(true);
    expect(rl.take('a', t + 60_000).allowed).toBe(true);
  });
  it('bounds memory', () => {
    const rl = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 10 });
    for (let i = 0; i < 100; i++) rl.take(`k${i}`, 0);
    expect(rl.take('k99', 0).allowed).toBe(false);
  });
});

describe('client address', () => {
  it('takes the right-most forwarded entry, which a client cannot forge', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '6.6.6.6, 10.0.0.1' }))).toBe('10.0.0.1');
    expect(clientAddress(h({}))).toBe('unknown');
  });
});

describe('console redaction', () => {
  it('turns console.error(error) into one JSON line without the stack or secrets', async () => {
    const { installConsoleRedaction } = await import('./console-redaction');
    const lines: string[] = [];
    const target = { error: (..._a: unknown[]) => undefined, warn: (..._a: unknown[]) => undefined };
    installConsoleRedaction(target, createLogger({ sink: { write: (_l, line) => lines.push(line) }, level: () => 'debug' }));
    const e = Object.assign(new Error('db at postgresql://u:hunter2@h/db failed'), { digest: '123' });
    target.error('⨯', e);
    target.warn('Error: x\n    at foo (/app/x.js:1:1)');
    const first = JSON.parse(lines[0] ?? '{}') as { errors: { message: string; digest: string; stack?: string }[] };
    expect(first.errors[0]?.digest).toBe('123');
    expect(first.errors[0]?.stack).toBeUndefined();
    expect(lines.join('\n')).not.toMatch(/hunter2|at foo/);
  });
});

// Issue 8 items 3 and 8: the Next process's front door. A client-chosen X-Forwarded-For no longer decides the
// client address (unless TRUSTED_PROXY_HOPS says proxies set it), and URLs Next would answer with a bare 500
// are a 400/405 with the security headers. The integration test installs it on a real HTTP server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders, staticErrorHeaders } from '../security/headers';
import { clientAddressOf, frontDoorDecision, hasMalformedPath, installFrontDoor } from './front-door.mjs';
import { listenHost } from './listen-host';

describe('client address', () => {
  it('is the socket address when no proxy is trusted, whatever the client sends', () => {
    expect(clientAddressOf('6.6.6.6', '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddressOf(undefined, '10.0.0.5', 0)).toBe('10.0.0.5');
  });

  it('behind N trusted proxies, is the address the outermost one saw; entries the client wrote are ignored', () => {
    // client 203.0.113.9 → ingress (adds 203.0.113.9) → app; socket = ingress.
    expect(clientAddressOf('203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
    expect(clientAddressOf('6.6.6.6, 203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
    // Two proxies: CDN then ingress.
    expect(clientAddressOf('6.6.6.6, 203.0.113.9, 198.51.100.1', '10.0.0.2', 2)).toBe('203.0.113.9');
    // Fewer entries than trusted hops: the left-most there is.
    expect(clientAddressOf('', '10.0.0.2', 2)).toBe('10.0.0.2');
  });
});

describe('malformed request targets', () => {
  it('flags paths that are not valid percent-encoded UTF-8', () => {
    for (const bad of ['/findings/%', '/clusters/%zz', '/findings/%E0%A4', '/%']) expect(hasMalformedPath(bad), bad).toBe(true);
    for (const ok of ['/findings/1', '/findings?q=%', '/a%20b', '/']) expect(hasMalformedPath(ok), ok).toBe(false);
  });

  it('refuses TRACE and malformed paths, and passes the rest on with the client address fixed', () => {
    const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { ...headers } as Record<string, string>, socket: { remoteAddress: '127.0.0.1' } });
    expect(frontDoorDecision(req('TRACE', '/'), 0)?.status).toBe(405);
    expect(frontDoorDecision(req('GET', '/findings/%'), 0)?.status).toBe(400);
    const ok = req('GET', '/findings', { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.7' });
    expect(frontDoorDecision(ok, 0)).toBeNull();
    expect(ok.headers).toEqual({ 'x-forwarded-for': '127.0.0.1' });
  });
});

describe('installed on an HTTP server', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    installFrontDoor({ trustedHops: 0, headers: staticErrorHeaders({ loopback: true }) });
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ forwardedFor: req.headers['x-forwarded-for'] ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const r = http.request(`${base}${path}`, { method, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      r.on('error', reject);
      r.end();
    });

  it('the application sees the socket address, not a forged X-Forwarded-For', async () => {
    const r = await raw('GET', '/', { 'x-forwarded-for': '6.6.6.6' });
    expect(JSON.parse(r.body)).toEqual({ forwardedFor: '127.0.0.1' });
  });

  it('answers malformed URLs with 400 and TRACE with 405, with every baseline security header', async () => {
    const expected = Object.keys(securityHeaders({ nonce: 'n', loopback: true, development: false, formActionOrigins: [] }));
    for (const [method, path, status] of [['GET', '/findings/%', 400], ['GET', '/clusters/%zz', 400], ['GET', '/findings/%E0%A4', 400], ['TRACE', '/', 405]] as const) {
      const r = await raw(method, path);
      expect(r.status, `${method} ${path}`).toBe(status);
      for (const h of expected) expect(r.headers[h.toLowerCase()], `${method} ${path} ${h}`).toBeTruthy();
      expect(r.headers['content-security-policy']).toContain("default-src 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('listen address (issue 8 item 4)', () => {
  it('is loopback for the demo unless HOST says otherwise; azure mode keeps the configured or default binding', () => {
    expect(listenHost({ POSTURE_MODE: 'demo', HOST: undefined })).toBe('127.0.0.1');
    expect(listenHost({ POSTURE_MODE: 'demo', HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(listenHost({ POSTURE_MODE: 'azure', HOST: undefined })).toBeUndefined();
    expect(listenHost({ POSTURE_MODE: 'azure', HOST: '10.1.2.3' })).toBe('10.1.2.3');
  });
});

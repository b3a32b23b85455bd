// The front door of the Next server process, ahead of Next itself (preloaded by the launcher with
// `node --import ./lib/runtime/front-door-preload.mjs`). Plain JavaScript: the Next process runs no TypeScript.
//
// - The client address. Next copies a client-sent X-Forwarded-For through unchanged (it only fills the header in
//   when absent), so anyone could choose the address the sign-in limit and the audit log see. Here the header is
//   rewritten to one address: the socket's, or — behind TRUSTED_PROXY_HOPS proxies — the address the outermost
//   trusted proxy saw. Entries further left were written by the client and are dropped.
// - Requests Next would answer with a bare 500 (a path that is not valid percent-encoding, TRACE) are answered
//   here with 400/405 and the security headers, before any application code runs.
import http from 'node:http';

/** The client address from an X-Forwarded-For value, the socket's address and how many proxies are trusted. */
export function clientAddressOf(forwardedFor, socketAddress, trustedHops) {
  const socket = String(socketAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (!trustedHops || trustedHops < 1) return socket;
  const chain = String(forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // [client-written…, proxy-1 saw, …, proxy-N saw] + socket: the last N hops are our proxies.
  const hops = [...chain, socket];
  return hops[Math.max(0, hops.length - 1 - trustedHops)] ?? socket;
}

/** True when the path of a request target is not valid percent-encoded UTF-8 (`/findings/%`, `/x/%E0%A4`). */
export function hasMalformedPath(target) {
  const path = String(target ?? '/').split('?')[0] ?? '/';
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/**
 * What the front door does with a request: `null` to pass it on to Next (after fixing its headers), or the
 * status and message to answer with.
 */
export function frontDoorDecision(req, trustedHops) {
  if (REFUSED_METHODS.has(String(req.method).toUpperCase())) return { status: 405, message: 'Method not allowed.' };
  if (hasMalformedPath(req.url)) return { status: 400, message: 'Bad request: the address is not valid URL encoding.' };
  req.headers['x-forwarded-for'] = clientAddressOf(req.headers['x-forwarded-for'], req.socket?.remoteAddress, trustedHops);
  if (!trustedHops) delete req.headers['x-real-ip'];
  return null;
}

/** Installs the front door on every HTTP server this process creates (Next's included). */
export function installFrontDoor({ trustedHops, headers }) {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function frontDoorEmit(event, ...args) {
    if (event === 'request') {
      const [req, res] = args;
      const decision = frontDoorDecision(req, trustedHops);
      if (decision) {
        const body = JSON.stringify({ error: { code: decision.status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST', message: decision.message } });
        res.writeHead(decision.status, {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'Cache-Control': 'no-store',
          ...(decision.status === 405 ? { Allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' } : {}),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
}

// Who is calling, from the request headers. Under `npm start` the front door (lib/runtime/front-door.mjs)
// has already rewritten X-Forwarded-For to the one address it trusts — the socket's, or the outermost trusted
// proxy's (TRUSTED_PROXY_HOPS) — so a client-sent value never reaches here. The right-most entry is read, so
// without the front door (a bare `next start`) a forged entry further left still cannot dodge the limit.
import type { AuditRequestInfo } from '../audit/record-audit';

export interface HeaderSource {
  get(name: string): string | null;
}

export function clientAddress(headers: HeaderSource): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return (last ?? headers.get('x-real-ip') ?? 'unknown').slice(0, 64);
}

export function requestInfo(headers: HeaderSource): AuditRequestInfo {
  return { ip: clientAddress(headers), userAgent: headers.get('user-agent')?.slice(0, 512) ?? null };
}

// Who is calling, from the request headers. The client address is the right-most X-Forwarded-For entry: that
// one was appended by the nearest proxy (Next's own server or the ingress); entries further left are whatever
// the client sent and can be forged to dodge a rate limit.
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

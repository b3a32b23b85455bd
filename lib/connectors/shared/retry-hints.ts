// What Azure's response headers say about throttling, read the way ARM and Resource Graph document them.
//
// The SDK's own throttlingRetryStrategy (core-rest-pipeline 1.24 via @typespec/ts-http-runtime) already reads
// `retry-after-ms`, `x-ms-retry-after-ms` and `Retry-After` (seconds or an HTTP date) on 429 and 503 and waits that
// long — up to its retry count (3), without any bound on how long one wait may be. It does not read Resource Graph's
// `x-ms-user-quota-resets-after` (an hh:mm:ss time span), nor the remaining-quota headers. This file reads them all, in
// the SDK's order, so the rate-limit policy can bound and pace what the SDK would do.
import type { HttpHeaders } from '@azure/core-rest-pipeline';

/** Statuses Azure throttles with (503 only when it also says when to come back; otherwise it is an outage). */
export const THROTTLE_STATUSES: readonly number[] = [429, 503];

const nonNegativeNumber = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** "00:00:05" or "1.02:03:04.5" (d.hh:mm:ss.fff, .NET TimeSpan) → milliseconds; undefined when not a time span. */
export function timeSpanMs(value: string | undefined): number | undefined {
  const parts = value?.trim().split(':');
  if (!parts || parts.length !== 3) return undefined;
  const [dayHours = '', minutes = '', seconds = ''] = parts;
  const [days, hours] = dayHours.includes('.') ? dayHours.split('.') : ['0', dayHours];
  const isInt = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);
  if (!isInt(days) || !isInt(hours) || !isInt(minutes) || !Number.isFinite(Number(seconds)) || !/^[\d.]+$/.test(seconds)) return undefined;
  return Math.round(((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000);
}

/**
 * How long the response asks the caller to wait, in ms: `retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After` (seconds
 * or an HTTP date; a date in the past means now), then Resource Graph's `x-ms-user-quota-resets-after`. Undefined when
 * it says nothing.
 */
export function retryAfterMsOf(headers: HttpHeaders, now = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = nonNegativeNumber(headers.get(name));
    if (ms !== undefined) return ms;
  }
  const retryAfter = headers.get('retry-after');
  const seconds = nonNegativeNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  if (retryAfter) {
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return timeSpanMs(headers.get('x-ms-user-quota-resets-after'));
}

/** Whether the SDK's throttling strategy will act on this response by itself (it reads only these three headers). */
export function sdkSeesRetryAfter(headers: HttpHeaders): boolean {
  return ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after'].some((name) => headers.has(name));
}

export interface QuotaHint {
  /** `x-ms-ratelimit-remaining-subscription-reads` (or `-tenant-reads`): ARM's token bucket for reads. */
  remainingReads?: number;
  /** Resource Graph: `x-ms-user-quota-remaining` queries left in the window… */
  quotaRemaining?: number;
  /** …and `x-ms-user-quota-resets-after`, when the window starts again. */
  quotaResetsAfterMs?: number;
}

export function quotaHintOf(headers: HttpHeaders): QuotaHint {
  return {
    remainingReads: nonNegativeNumber(headers.get('x-ms-ratelimit-remaining-subscription-reads') ?? headers.get('x-ms-ratelimit-remaining-tenant-reads')),
    quotaRemaining: nonNegativeNumber(headers.get('x-ms-user-quota-remaining')),
    quotaResetsAfterMs: timeSpanMs(headers.get('x-ms-user-quota-resets-after')),
  };
}

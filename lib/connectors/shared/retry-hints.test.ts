import { createHttpHeaders } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { quotaHintOf, retryAfterMsOf, sdkSeesRetryAfter, timeSpanMs } from './retry-hints';

const headers = (h: Record<string, string>) => createHttpHeaders(h);

describe('retryAfterMsOf', () => {
  const now = Date.parse('2026-12-02T06:00:00Z');
  it('reads the headers in the SDK’s order: retry-after-ms, x-ms-retry-after-ms, Retry-After', () => {
    expect(retryAfterMsOf(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMsOf(headers({ 'x-ms-retry-after-ms': '1500' }), now)).toBe(1500);
    expect(retryAfterMsOf(headers({ 'Retry-After': '7' }), now)).toBe(7000);
  });
  it('reads Retry-After as an HTTP date (a past date means now)', () => {
    expect(retryAfterMsOf(headers({ 'retry-after': 'Wed, 02 Dec 2026 06:00:12 GMT' }), now)).toBe(12_000);
    expect(retryAfterMsOf(headers({ 'retry-after': 'Wed, 02 Dec 2026 05:59:00 GMT' }), now)).toBe(0);
  });
  it('falls back to Resource Graph’s x-ms-user-quota-resets-after, and says nothing when nothing is said', () => {
    expect(retryAfterMsOf(headers({ 'x-ms-user-quota-resets-after': '00:00:05' }), now)).toBe(5000);
    expect(retryAfterMsOf(headers({}), now)).toBeUndefined();
    expect(retryAfterMsOf(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('timeSpanMs, quotaHintOf, sdkSeesRetryAfter', () => {
  it('parses .NET time spans', () => {
    expect(timeSpanMs('00:00:05')).toBe(5000);
    expect(timeSpanMs('00:01:00.250')).toBe(60_250);
    expect(timeSpanMs('1.00:00:00')).toBe(86_400_000);
    expect(timeSpanMs('5s')).toBeUndefined();
  });
  it('reads the remaining-quota headers', () => {
    expect(quotaHintOf(headers({ 'x-ms-ratelimit-remaining-subscription-reads': '11999' }))).toEqual({ remainingReads: 11999, quotaRemaining: undefined, quotaResetsAfterMs: undefined });
    expect(quotaHintOf(headers({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:03' }))).toMatchObject({ quotaRemaining: 0, quotaResetsAfterMs: 3000 });
  });
  it('knows which headers the SDK’s throttling strategy acts on', () => {
    expect(sdkSeesRetryAfter(headers({ 'Retry-After': '1' }))).toBe(true);
    expect(sdkSeesRetryAfter(headers({ 'x-ms-user-quota-resets-after': '00:00:01' }))).toBe(false);
  });
});

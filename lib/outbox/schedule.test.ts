import { describe, expect, it } from 'vitest';
import { OUTBOX_RETRY, backoffDelayMs, decideAfterFailure, parseRetryAfterMs } from './schedule';

const NOW = new Date('2026-12-02T06:00:00Z');

describe('outbox retry schedule', () => {
  it('doubles the step per failed attempt, with half of it jittered, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, () => 0))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelayMs(30, () => 1)).toBe(OUTBOX_RETRY.maxDelayMs);
    expect(backoffDelayMs(30, () => 0)).toBe(OUTBOX_RETRY.maxDelayMs / 2);
  });

  it('reads Retry-After as seconds or as an HTTP date, and caps it', () => {
    expect(parseRetryAfterMs('7', NOW)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 02 Dec 2026 06:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfterMs('Wed, 02 Dec 2026 05:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfterMs('999999999', NOW)).toBe(OUTBOX_RETRY.maxRetryAfterMs);
    expect(parseRetryAfterMs('soon', NOW)).toBeNull();
    expect(parseRetryAfterMs(null, NOW)).toBeNull();
  });

  it('honours Retry-After over its own backoff', () => {
    expect(decideAfterFailure({ attempts: 1, status: 429, retryAfterMs: 5000, now: NOW, random: () => 1 })).toEqual({ state: 'failed', nextAttemptAt: new Date(NOW.getTime() + 5000) });
    expect(decideAfterFailure({ attempts: 2, status: 500, retryAfterMs: null, now: NOW, random: () => 1 })).toEqual({ state: 'failed', nextAttemptAt: new Date(NOW.getTime() + 60_000) });
    expect(decideAfterFailure({ attempts: 1, status: null, retryAfterMs: null, now: NOW, random: () => 0 }).state).toBe('failed');
  });

  it('gives up at once on a refusal that retrying cannot fix (403: no permission), and after the last attempt', () => {
    expect(decideAfterFailure({ attempts: 1, status: 403, retryAfterMs: null, now: NOW })).toEqual({ state: 'given_up', nextAttemptAt: null });
    expect(decideAfterFailure({ attempts: 1, status: 404, retryAfterMs: null, now: NOW }).state).toBe('given_up');
    expect(decideAfterFailure({ attempts: OUTBOX_RETRY.maxAttempts - 1, status: 503, retryAfterMs: null, now: NOW }).state).toBe('failed');
    expect(decideAfterFailure({ attempts: OUTBOX_RETRY.maxAttempts, status: 503, retryAfterMs: null, now: NOW }).state).toBe('given_up');
  });
});

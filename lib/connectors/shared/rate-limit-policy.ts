// Azure's rate limits, honoured so that a throttled sync slows down instead of failing.
//
// Built on the SDK's retry policy rather than beside it (see retry-hints.ts for what that already does):
// - a perRetry policy sees every attempt inside the SDK's retry loop. It keeps a per-subscription budget from the
//   quota headers, pauses before a request when the budget says the quota is spent, and, on a 429 that carries no
//   header the SDK reads (Resource Graph names its window in `x-ms-user-quota-resets-after`; some 429s name nothing),
//   adds `retry-after-ms` so the SDK's throttlingRetryStrategy does the waiting. It also charges every throttle wait
//   to the request and stops with an AzureThrottledError once the request would wait longer than the bound in total.
// - a perCall policy outside the SDK's loop takes over when the SDK gave up after its 3 retries on a response that is
//   still throttled: it waits as asked and sends again (another 3 SDK retries), until the bound.
// Outages (5xx without a Retry-After) are left to the SDK's exponential retries and still fail a run as before.
import type { AbortSignalLike } from '@azure/abort-controller';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { THROTTLE_STATUSES, quotaHintOf, retryAfterMsOf, sdkSeesRetryAfter } from './retry-hints';

/** Longest one request may spend waiting on throttling, all retries together, before the run fails (5 minutes). */
export const DEFAULT_MAX_THROTTLE_WAIT_MS = 5 * 60_000;
/** A 429 that says nothing about when to come back: back off from 1 s, doubling, at most 60 s a time. */
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
/** ARM refills a subscription's read bucket many times a second, so an empty bucket is worth a one-second pause. */
const EMPTY_READ_BUCKET_PAUSE_MS = 1000;

export interface ThrottleStats {
  /** Throttled answers (429, or 503 with a Retry-After) seen, the SDK's retries included. */
  throttled: number;
  /** Time spent waiting on throttling and quota pauses, in ms (waits of concurrent requests add up). */
  waitedMs: number;
  /** Requests held back before sending because the budget said the quota was spent. */
  paused: number;
}

export class AzureThrottledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AzureThrottledError';
  }
}

/** Which quota a request draws on: a subscription's ARM reads, the caller's Resource Graph quota, or the tenant's. */
export function throttleKeyOf(url: string): string {
  const path = new URL(url).pathname;
  const subscription = /\/subscriptions\/([^/]+)/i.exec(path)?.[1];
  if (subscription) return `subscription ${subscription.toLowerCase()}`;
  if (/\/providers\/Microsoft\.ResourceGraph\//i.test(path)) return 'Resource Graph';
  return 'tenant';
}

const duration = (ms: number): string => (ms < 10_000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
}

/** setTimeout that an abort signal ends early (rejecting), so a cancelled sync never sits out a long Retry-After. */
function sleep(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface KeyState extends ThrottleStats {
  /** No request on this key before this time (epoch ms): its quota is spent until then. */
  resumeAt: number;
}

/** Per-quota state shared by every SDK client built from one AzureSettings. */
export class RateLimitBudget {
  private readonly keys = new Map<string, KeyState>();
  private readonly requests = new WeakMap<PipelineRequest, { waitedMs: number; throttles: number }>();

  constructor(readonly maxWaitPerRequestMs = DEFAULT_MAX_THROTTLE_WAIT_MS) {}

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { resumeAt: 0, throttled: 0, waitedMs: 0, paused: 0 };
      this.keys.set(key, state);
    }
    return state;
  }

  private request(request: PipelineRequest): { waitedMs: number; throttles: number } {
    let entry = this.requests.get(request);
    if (!entry) {
      entry = { waitedMs: 0, throttles: 0 };
      this.requests.set(request, entry);
    }
    return entry;
  }

  /** Totals over all quotas, and per quota ("subscription …", "Resource Graph", "tenant"). */
  stats(): ThrottleStats & { byQuota: Record<string, ThrottleStats> } {
    const byQuota: Record<string, ThrottleStats> = {};
    const total: ThrottleStats = { throttled: 0, waitedMs: 0, paused: 0 };
    for (const [key, { throttled, waitedMs, paused }] of this.keys) {
      byQuota[key] = { throttled, waitedMs, paused };
      total.throttled += throttled;
      total.waitedMs += waitedMs;
      total.paused += paused;
    }
    return { ...total, byQuota };
  }

  /** Charges a wait to the request and its quota; throws when the request would wait past the bound in total. */
  private charge(request: PipelineRequest, key: string, ms: number, why: string): void {
    const entry = this.request(request);
    if (entry.waitedMs + ms > this.maxWaitPerRequestMs) {
      throw new AzureThrottledError(
        `Azure kept throttling ${key} (${why}): ${request.method} ${new URL(request.url).pathname} would wait ` +
          `${duration(entry.waitedMs + ms)} in total, over the ${duration(this.maxWaitPerRequestMs)} limit`,
      );
    }
    entry.waitedMs += ms;
    this.state(key).waitedMs += ms;
  }

  /** Before an attempt: wait out a spent quota. */
  async pauseIfSpent(request: PipelineRequest): Promise<void> {
    const key = throttleKeyOf(request.url);
    const state = this.state(key);
    const wait = state.resumeAt - Date.now();
    if (wait <= 0) return;
    this.charge(request, key, wait, 'quota spent');
    state.paused += 1;
    await sleep(wait, request.abortSignal);
  }

  /**
   * After an attempt: reads the quota headers, and on a throttled answer returns how long to wait (adding a
   * `retry-after-ms` the SDK reads when Azure named the wait some other way or not at all); undefined otherwise.
   */
  observe(request: PipelineRequest, response: PipelineResponse): number | undefined {
    const key = throttleKeyOf(request.url);
    const state = this.state(key);
    const now = Date.now();
    const quota = quotaHintOf(response.headers);
    if (quota.quotaRemaining === 0 && quota.quotaResetsAfterMs !== undefined) state.resumeAt = Math.max(state.resumeAt, now + quota.quotaResetsAfterMs);
    if (quota.remainingReads === 0) state.resumeAt = Math.max(state.resumeAt, now + EMPTY_READ_BUCKET_PAUSE_MS);

    if (!THROTTLE_STATUSES.includes(response.status)) return undefined;
    let waitMs = retryAfterMsOf(response.headers, now);
    // A 503 that names no wait is an outage, not throttling: the SDK's exponential retries handle it.
    if (waitMs === undefined && response.status !== 429) return undefined;
    const entry = this.request(request);
    waitMs ??= Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** entry.throttles);
    entry.throttles += 1;
    state.throttled += 1;
    this.charge(request, key, waitMs, `HTTP ${response.status}`);
    if (!sdkSeesRetryAfter(response.headers)) response.headers.set('retry-after-ms', String(waitMs));
    return waitMs;
  }
}

/** The two policies that apply a budget; both go into every SDK client's pipeline (client-options.ts). */
export function rateLimitPolicies(budget: RateLimitBudget): { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[] {
  const observe: PipelinePolicy = {
    name: 'azureRateLimitObservePolicy',
    async sendRequest(request, next) {
      await budget.pauseIfSpent(request);
      const response = await next(request);
      budget.observe(request, response);
      return response;
    },
  };
  const resend: PipelinePolicy = {
    name: 'azureRateLimitResendPolicy',
    async sendRequest(request, next) {
      for (;;) {
        const response = await next(request);
        // Still throttled after the SDK's own retries: the observe policy charged this wait already; sit it out here.
        if (!THROTTLE_STATUSES.includes(response.status) || !sdkSeesRetryAfter(response.headers)) return response;
        await sleep(retryAfterMsOf(response.headers) ?? 0, request.abortSignal);
      }
    },
  };
  return [
    { policy: resend, position: 'perCall' },
    { policy: observe, position: 'perRetry' },
  ];
}

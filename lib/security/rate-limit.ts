// A fixed-window counter per key (client address), in memory. One app process serves the dashboard, so an
// in-process limit is the whole limit; several replicas would each allow the limit (documented in
// docs/entra-id.md), which still stops password spraying against the demo IdP and sign-in floods.
export interface RateLimitVerdict {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets; sent as Retry-After. */
  retryAfter: number;
}

export interface RateLimiter {
  take(key: string, now?: number): RateLimitVerdict;
}

export function createRateLimiter(options: { limit: number | (() => number); windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  const limitOf = typeof options.limit === 'function' ? options.limit : () => options.limit as number;
  return {
    take(key, now = Date.now()) {
      const limit = limitOf();
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        // Bound memory under a flood of distinct addresses: drop expired windows, then the oldest.
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (now - v.start >= options.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) {
            const oldest = windows.keys().next().value;
            if (oldest !== undefined) windows.delete(oldest);
          }
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000));
      return { allowed: w.count <= limit, remaining: Math.max(0, limit - w.count), retryAfter };
    },
  };
}

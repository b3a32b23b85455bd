// Bounds how often an event anyone can trigger without signing in (a junk session cookie, a cross-site post) is
// written to the append-only audit log. Per key (action and client address) the first `perKey` events of a
// window are recorded; the rest are counted and the count rides on the key's next recorded row, so the log
// still says how many there were. A cap over all keys keeps many addresses from flooding it together.
export interface ThrottleVerdict {
  record: boolean;
  /** Events of this key left out since its last recorded one; reported on this row when `record`. */
  suppressed: number;
}

export interface EventThrottle {
  take(key: string, now?: number): ThrottleVerdict;
}

export function createEventThrottle(options: { perKey: number; total: number; windowMs: number; maxKeys?: number }): EventThrottle {
  const keys = new Map<string, { start: number; count: number; suppressed: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  let all = { start: 0, count: 0 };
  return {
    take(key, now = Date.now()) {
      if (now - all.start >= options.windowMs) all = { start: now, count: 0 };
      let k = keys.get(key);
      if (!k) {
        // Bound memory: forget the oldest key (its pending count is lost, which only under-reports a flood).
        if (keys.size >= maxKeys) {
          const oldest = keys.keys().next().value;
          if (oldest !== undefined) keys.delete(oldest);
        }
        k = { start: now, count: 0, suppressed: 0 };
        keys.set(key, k);
      } else if (now - k.start >= options.windowMs) {
        k.start = now;
        k.count = 0;
      }
      if (k.count >= options.perKey || all.count >= options.total) {
        k.suppressed += 1;
        return { record: false, suppressed: k.suppressed };
      }
      k.count += 1;
      all.count += 1;
      const suppressed = k.suppressed;
      k.suppressed = 0;
      return { record: true, suppressed };
    },
  };
}

// Issue 8 item 5: anonymous requests cannot flood the append-only audit log, and the log still says how many.
import { describe, expect, it } from 'vitest';
import { createEventThrottle } from './event-throttle';

describe('event throttle', () => {
  it('records the first event per key and window, and reports the left-out ones on the next recorded row', () => {
    const t = createEventThrottle({ perKey: 1, total: 100, windowMs: 60_000 });
    expect(t.take('a', 0)).toEqual({ record: true, suppressed: 0 });
    for (let i = 1; i <= 500; i++) expect(t.take('a', i).record).toBe(false);
    expect(t.take('b', 10).record).toBe(true); // another address is not affected
    expect(t.take('a', 60_001)).toEqual({ record: true, suppressed: 500 });
    expect(t.take('a', 60_002)).toEqual({ record: false, suppressed: 1 });
  });

  it('caps the total over all keys, so many addresses cannot flood it together', () => {
    const t = createEventThrottle({ perKey: 1, total: 10, windowMs: 60_000 });
    const recorded = Array.from({ length: 1000 }, (_, i) => t.take(`ip-${i}`, i).record).filter(Boolean);
    expect(recorded).toHaveLength(10);
  });

  it('keeps memory bounded under a flood of distinct keys', () => {
    const t = createEventThrottle({ perKey: 1, total: 1_000_000, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) t.take(`ip-${i}`, 0);
    // The oldest keys were forgotten: an early key counts as new again.
    expect(t.take('ip-0', 1).record).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { directionOf, newVsFixedPerWeek, ttrStats, weekStartOf } from './metrics';

describe('time to remediate', () => {
  it('is exact over grouped days: mean and median of an odd count', () => {
    // Findings fixed after 1, 1, 2, 10, 30 days: mean 44/5 = 8.8, median the 3rd = 2.
    expect(ttrStats([{ ttrDays: 10, fixed: 1 }, { ttrDays: 1, fixed: 2 }, { ttrDays: 30, fixed: 1 }, { ttrDays: 2, fixed: 1 }])).toEqual({
      fixed: 5, meanDays: 8.8, medianDays: 2,
    });
  });

  it('takes the mean of the two middle findings for an even count, across bucket edges', () => {
    // 0, 0, 0, 7, 7, 20: middle are the 3rd (0) and 4th (7) → 3.5; mean 34/6 = 5.666… → 5.7.
    expect(ttrStats([{ ttrDays: 0, fixed: 3 }, { ttrDays: 7, fixed: 2 }, { ttrDays: 20, fixed: 1 }])).toEqual({ fixed: 6, meanDays: 5.7, medianDays: 3.5 });
  });

  it('says "no value" rather than 0 when nothing was fixed', () => {
    expect(ttrStats([])).toEqual({ fixed: 0, meanDays: null, medianDays: null });
    expect(ttrStats([{ ttrDays: 4, fixed: 0 }])).toEqual({ fixed: 0, meanDays: null, medianDays: null });
  });
});

describe('new vs fixed per week', () => {
  it('finds the Monday of any day', () => {
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(() => weekStartOf('nope')).toThrow(/not a day/);
  });

  it('sums days into Monday–Sunday weeks; days without a sync add nothing', () => {
    const weeks = newVsFixedPerWeek([
      { day: '2026-11-30', opened: 1, fixed: 0 },
      { day: '2026-11-23', opened: 3, fixed: 1 },
      { day: '2026-11-29', opened: 2, fixed: 4 },
      // 24th–28th: no rows (no sync, or nothing changed)
      { day: '2026-11-22', opened: 0, fixed: 5 },
    ]);
    expect(weeks).toEqual([
      { weekStart: '2026-11-16', opened: 0, fixed: 5 },
      { weekStart: '2026-11-23', opened: 5, fixed: 5 },
      { weekStart: '2026-11-30', opened: 1, fixed: 0 },
    ]);
  });
});

describe('trend direction', () => {
  it('compares with the earlier value', () => {
    expect(directionOf(5, 3)).toBe('up');
    expect(directionOf(2, 3)).toBe('down');
    expect(directionOf(3, 3)).toBe('flat');
  });
});

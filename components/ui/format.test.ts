import { describe, expect, it } from 'vitest';
import {
  clampPercent,
  formatAbsoluteTime,
  formatCompactCount,
  formatCount,
  formatDay,
  formatPercent,
  formatRelativeTime,
  toDate,
} from './format';

const NOW = new Date('2025-11-26T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelativeTime', () => {
  it.each([
    [ago(10_000), 'just now'],
    [ago(5 * MIN), '5 minutes ago'],
    [ago(1 * MIN), '1 minute ago'],
    [ago(3 * HOUR), '3 hours ago'],
    [ago(DAY), 'yesterday'],
    [ago(4 * DAY), '4 days ago'],
    [ago(60 * DAY), '2 months ago'],
    [ago(800 * DAY), '2 years ago'],
  ])('%s reads as %s', (when, expected) => {
    expect(formatRelativeTime(when, NOW)).toBe(expected);
  });

  it('treats small clock skew into the future as just now', () => {
    expect(formatRelativeTime(new Date(NOW.getTime() + 90_000), NOW)).toBe('just now');
  });

  it('still says a real future time', () => {
    expect(formatRelativeTime(new Date(NOW.getTime() + 3 * HOUR), NOW)).toBe('in 3 hours');
  });

  it('accepts ISO strings as DTOs carry them', () => {
    expect(formatRelativeTime('2025-11-26T11:30:00Z', NOW.toISOString())).toBe('30 minutes ago');
  });

  it('throws on an unparseable date instead of showing a made-up time', () => {
    expect(() => formatRelativeTime('not a date', NOW)).toThrow(RangeError);
    expect(() => toDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('absolute and day formats', () => {
  it('names the zone so the reader knows it is UTC', () => {
    expect(formatAbsoluteTime('2025-11-26T15:29:00Z')).toBe('Nov 26, 2025, 15:29 UTC');
  });

  it('reads a calendar day without shifting it by a time zone', () => {
    expect(formatDay('2025-11-01')).toBe('Nov 1');
  });
});

describe('number formats', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('keeps exact counts below ten thousand and compacts above', () => {
    expect(formatCompactCount(9_876)).toBe('9,876');
    expect(formatCompactCount(12_345)).toBe('12.3K');
    expect(formatCompactCount(1_250_000)).toBe('1.3M');
  });

  it('never rounds a non-zero share to 0% or a partial one to 100%', () => {
    expect(formatPercent(1, 1000)).toBe('<1%');
    expect(formatPercent(999, 1000)).toBe('>99%');
    expect(formatPercent(0, 10)).toBe('0%');
    expect(formatPercent(10, 10)).toBe('100%');
    expect(formatPercent(1, 3)).toBe('33%');
  });

  it('has no percentage of nothing', () => {
    expect(formatPercent(0, 0)).toBe('—');
  });

  it('clamps bar widths', () => {
    expect(clampPercent(150, 100)).toBe(100);
    expect(clampPercent(-5, 100)).toBe(0);
    expect(clampPercent(5, 0)).toBe(0);
    expect(clampPercent(1, 4)).toBe(25);
  });
});

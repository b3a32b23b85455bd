import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_DAYS, calendarDaysLeft, countBreaches, dueAtFor, localDate, slaPolicyFrom, slaStateOf } from './sla';

const at = (iso: string) => new Date(iso);

describe('SLA policy', () => {
  it('defaults to critical 7, high 30, medium 90, low 180 days', () => {
    expect(DEFAULT_SLA_DAYS).toMatchObject({ critical: 7, high: 30, medium: 90, low: 180 });
    expect(slaPolicyFrom(undefined)).toEqual(DEFAULT_SLA_DAYS);
  });

  it('uses a saved policy, and falls back to the defaults when the saved value does not parse', () => {
    const saved = { critical: 3, high: 14, medium: 60, low: 120, informational: 365 };
    expect(slaPolicyFrom(saved)).toEqual(saved);
    expect(slaPolicyFrom({ ...saved, critical: 0 })).toEqual(DEFAULT_SLA_DAYS);
    expect(slaPolicyFrom('7')).toEqual(DEFAULT_SLA_DAYS);
  });

  it('sets the due date from detection and severity', () => {
    expect(dueAtFor(at('2026-11-01T10:00:00Z'), 'critical', DEFAULT_SLA_DAYS)).toEqual(at('2026-11-08T10:00:00Z'));
    expect(dueAtFor(at('2026-11-01T10:00:00Z'), 'high', { ...DEFAULT_SLA_DAYS, high: 14 })).toEqual(at('2026-11-15T10:00:00Z'));
  });
});

describe('SLA state with a fixed clock', () => {
  const item = { detectedAt: at('2026-11-01T10:00:00Z'), dueAt: at('2026-11-08T10:00:00Z'), active: true };
  it('is on track, then due soon, then breached the instant the due time passes', () => {
    expect(slaStateOf(item, at('2026-11-02T00:00:00Z'))).toBe('on-track');
    expect(slaStateOf(item, at('2026-11-06T12:00:00Z'))).toBe('on-track');
    expect(slaStateOf(item, at('2026-11-07T12:00:00Z'))).toBe('due-soon');
    expect(slaStateOf(item, at('2026-11-08T10:00:00Z'))).toBe('due-soon');
    expect(slaStateOf(item, at('2026-11-08T10:00:00.001Z'))).toBe('breached');
  });

  it('never breaches closed work', () => {
    expect(slaStateOf({ ...item, active: false }, at('2027-01-01T00:00:00Z'))).toBe('closed');
  });

  it('counts breaches at an instant, the same whatever the viewer\'s time zone', () => {
    const items = [
      item,
      { detectedAt: at('2026-11-01T23:30:00Z'), dueAt: at('2026-11-08T23:30:00Z'), active: true },
      { detectedAt: at('2026-10-01T00:00:00Z'), dueAt: at('2026-10-08T00:00:00Z'), active: false },
    ];
    // 23:00 UTC on the 8th is already the 9th in Tokyo and still the 8th in Los Angeles: the count does not care.
    expect(countBreaches(items, at('2026-11-08T23:00:00Z'))).toBe(1);
    expect(countBreaches(items, at('2026-11-08T23:30:00.001Z'))).toBe(2);
  });

  it('counts calendar days left in the viewer\'s time zone', () => {
    const due = at('2026-11-08T23:30:00Z');
    const now = at('2026-11-08T20:00:00Z');
    expect(localDate(due, 'Asia/Tokyo')).toBe('2026-11-09');
    expect(calendarDaysLeft(due, now, 'UTC')).toBe(0);
    // Tokyo: now is the 9th 05:00, due is the 9th 08:30 — due today.
    expect(calendarDaysLeft(due, now, 'Asia/Tokyo')).toBe(0);
    // Los Angeles: now is the 8th 12:00, due is the 8th 15:30 — due today.
    expect(calendarDaysLeft(due, now, 'America/Los_Angeles')).toBe(0);
    // A due time just after midnight UTC is still "yesterday" in New York.
    expect(calendarDaysLeft(at('2026-11-09T00:30:00Z'), now, 'America/New_York')).toBe(0);
    expect(calendarDaysLeft(at('2026-11-09T00:30:00Z'), now, 'UTC')).toBe(1);
    expect(calendarDaysLeft(at('2026-11-05T12:00:00Z'), now, 'Europe/Amsterdam')).toBe(-3);
  });

  it('counts days across a daylight-saving change as calendar days', () => {
    // Europe/Amsterdam leaves summer time on 2026-10-25.
    expect(calendarDaysLeft(at('2026-10-26T10:00:00Z'), at('2026-10-24T10:00:00Z'), 'Europe/Amsterdam')).toBe(2);
  });
});

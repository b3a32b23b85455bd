import { describe, expect, it } from 'vitest';
import { generateTenant } from './generate-tenant';
import { DEMO_HISTORY_DAYS, demoSecureScoreHistory } from './secure-score-history';

const NOW = new Date('2026-12-02T06:00:00Z');
const tenant = generateTenant({ seed: 20261126, clusters: 8, now: NOW });
const history = demoSecureScoreHistory(tenant, NOW);

const estate = (day: string) => {
  const rows = history.filter((r) => r.day === day && r.controlId === '');
  return rows.reduce((n, r) => n + r.current, 0) / rows.reduce((n, r) => n + r.max, 0);
};
const daysAgo = (d: number) => new Date(Date.UTC(2026, 11, 2) - d * 86_400_000).toISOString().slice(0, 10);

describe('the demo tenant\'s secure score history', () => {
  it('covers the year before today for every subscription and control, never today (the sync\'s)', () => {
    const perDay = tenant.subscriptions.reduce((n, s) => n + tenant.count('secureScores', s.subscriptionId) + tenant.count('secureScoreControls', s.subscriptionId), 0);
    expect(history).toHaveLength(perDay * DEMO_HISTORY_DAYS);
    expect(history.some((r) => r.day === '2026-12-02')).toBe(false);
    expect(new Set(history.map((r) => r.day)).size).toBe(DEMO_HISTORY_DAYS);
    expect(history.every((r) => r.current >= 0 && r.current <= r.max && r.percentage >= 0 && r.percentage <= 1)).toBe(true);
  });

  it('rises over the year, with a dip where the CVE wave landed', () => {
    expect(estate(daysAgo(1)) / estate(daysAgo(365))).toBeGreaterThan(1.4);
    expect(estate(daysAgo(88))).toBeLessThan(estate(daysAgo(97)) - 0.02);
  });

  it('is the same for the same tenant', () => {
    expect(demoSecureScoreHistory(tenant, NOW).slice(0, 50)).toEqual(history.slice(0, 50));
  });
});

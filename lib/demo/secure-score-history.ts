// The demo tenant's plausible past secure score: Defender serves only today's score (and keeps about three months),
// so a real installation builds its history one day at a time. The demo starts with a year of it so the trends page
// has something to show: each subscription's score a year ago well below today's, rising in steps as controls were
// fixed, with a dip where a wave of new image CVEs landed about three months ago. Today's row is the sync's, never
// this generator's. Pure and deterministic (seeded by the tenant).
import type pg from 'pg';
import type { SecureScoreRow } from '../connectors/secure-score/transform';
import { toSecureScoreControlRow, toSecureScoreRow } from '../connectors/secure-score/transform';
import type { DemoTenant } from './generate-tenant';
import { addMissingSecureScoreDays } from '../trends/secure-score-store';
import { CVE_WAVE_DAYS_AGO, DEMO_HISTORY_DAYS } from './finding-history';
import { createRng, hashInts, hashString } from './prng';

export { DEMO_HISTORY_DAYS };
const DAY_MS = 86_400_000;

/** How far along its improvement a score was `daysAgo` days before today: ~0.6 a year ago, 1 today. */
function progressAt(daysAgo: number, jitter: number): number {
  const t = 1 - daysAgo / DEMO_HISTORY_DAYS;
  // Quarterly remediation pushes: a staircase on a slow rise.
  const steps = Math.floor(t * 4) / 4;
  const base = 0.6 + 0.25 * t + 0.15 * steps;
  // The CVE wave (the findings' own, finding-history.ts): the container vulnerability control dropped the day it
  // landed, and recovered over six weeks.
  const wave = daysAgo <= CVE_WAVE_DAYS_AGO && daysAgo > CVE_WAVE_DAYS_AGO - 45 ? -0.12 * (1 - (CVE_WAVE_DAYS_AGO - daysAgo) / 45) : 0;
  return Math.min(1, Math.max(0.3, base + wave + jitter));
}

/** Rows for the `days` days before `now` (today excluded), per subscription and control, scaled from today's score. */
export function demoSecureScoreHistory(tenant: DemoTenant, now: Date, days = DEMO_HISTORY_DAYS): SecureScoreRow[] {
  const today = now.toISOString().slice(0, 10);
  const rows: SecureScoreRow[] = [];
  for (const [s, sub] of tenant.subscriptions.entries()) {
    const current = [
      ...tenant.page('secureScores', sub.subscriptionId, 0, tenant.count('secureScores', sub.subscriptionId)).map((r) => toSecureScoreRow(r, sub.subscriptionId, today)),
      ...tenant.page('secureScoreControls', sub.subscriptionId, 0, tenant.count('secureScoreControls', sub.subscriptionId)).map((r) => toSecureScoreControlRow(r, sub.subscriptionId, today)),
    ];
    for (let d = 1; d <= days; d += 1) {
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - d * DAY_MS).toISOString().slice(0, 10);
      const rng = createRng(hashInts(tenant.seed, hashString('secure-score-history'), s, d));
      const factor = progressAt(d, (rng.next() - 0.5) * 0.02);
      for (const row of current) {
        const value = Math.round(Math.min(row.max, row.current * factor) * 100) / 100;
        rows.push({ ...row, day, current: value, percentage: row.max > 0 ? Math.round((value / row.max) * 10_000) / 10_000 : 0 });
      }
    }
  }
  return rows;
}

/** Demo start-up: adds the days of history not held yet (a restart adds nothing; today stays the sync's). */
export async function seedDemoSecureScoreHistory(pool: pg.Pool, tenant: DemoTenant, now: Date): Promise<number> {
  return addMissingSecureScoreDays(pool, demoSecureScoreHistory(tenant, now));
}

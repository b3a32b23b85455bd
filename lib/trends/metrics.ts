// Pure trend arithmetic over snapshot rows: time to remediate from "fixed after n days" counts, new vs fixed per
// week, and the direction of a number against an earlier one. Kept pure so it is tested against hand-computed
// fixtures; the data layer only sums snapshot rows and hands them here.

export interface TtrBucket {
  ttrDays: number;
  fixed: number;
}

export interface TtrStats {
  fixed: number;
  /** Mean days from first seen to fixed, one decimal; null when nothing was fixed. */
  meanDays: number | null;
  /** Median days (the middle finding, or the mean of the two middle ones); null when nothing was fixed. */
  medianDays: number | null;
}

/** Exact mean and median over findings grouped by whole days open. */
export function ttrStats(buckets: readonly TtrBucket[]): TtrStats {
  const sorted = buckets.filter((b) => b.fixed > 0).sort((a, b) => a.ttrDays - b.ttrDays);
  const n = sorted.reduce((sum, b) => sum + b.fixed, 0);
  if (n === 0) return { fixed: 0, meanDays: null, medianDays: null };
  const total = sorted.reduce((sum, b) => sum + b.ttrDays * b.fixed, 0);
  // The k-th finding (1-based) in days-open order.
  const nth = (k: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.fixed;
      if (seen >= k) return b.ttrDays;
    }
    throw new Error('unreachable: k is at most the number of findings');
  };
  const median = n % 2 === 1 ? nth((n + 1) / 2) : (nth(n / 2) + nth(n / 2 + 1)) / 2;
  return { fixed: n, meanDays: Math.round((total / n) * 10) / 10, medianDays: median };
}

export interface DayCounts {
  /** YYYY-MM-DD */
  day: string;
  opened: number;
  fixed: number;
}

export interface WeekCounts {
  /** The Monday (UTC) starting the week, YYYY-MM-DD. */
  weekStart: string;
  opened: number;
  fixed: number;
}

/** Monday of a YYYY-MM-DD day (UTC), as YYYY-MM-DD. */
export function weekStartOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`not a day: ${day}`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * New vs fixed per week (Monday to Sunday), oldest first. Days missing from the input (no finding opened or fixed,
 * or no sync) count as zero; a week appears when any of its days is in the input.
 */
export function newVsFixedPerWeek(days: readonly DayCounts[]): WeekCounts[] {
  const weeks = new Map<string, WeekCounts>();
  for (const d of days) {
    const key = weekStartOf(d.day);
    const w = weeks.get(key) ?? { weekStart: key, opened: 0, fixed: 0 };
    w.opened += d.opened;
    w.fixed += d.fixed;
    weeks.set(key, w);
  }
  return [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
}

export type TrendDirection = 'up' | 'down' | 'flat';

/** Direction of `now` against `before` (for counts of problems, "up" is worse). */
export function directionOf(now: number, before: number): TrendDirection {
  if (now > before) return 'up';
  if (now < before) return 'down';
  return 'flat';
}

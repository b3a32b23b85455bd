// SLA by severity: how long an item may stay open before it breaches. Pure (the clock is an argument) so the rules
// are tested with a fixed clock. Breach is an instant comparison, independent of anyone's time zone; "days left"
// counts calendar days in the viewer's time zone, so "due today" means today where the analyst sits.
import { z } from 'zod';
import type { Severity } from '../domain/model';

export const DAY_MS = 86_400_000;

export const DEFAULT_SLA_DAYS = { critical: 7, high: 30, medium: 90, low: 180, informational: 365 } as const satisfies Record<Severity, number>;
export type SlaPolicy = Record<Severity, number>;

const days = z.number().int().min(1, 'at least 1 day').max(3650, 'at most 10 years');
export const slaPolicySchema = z.object({ critical: days, high: days, medium: days, low: days, informational: days });

/** The app_settings key an admin's SLA policy is saved under. */
export const SLA_SETTING_KEY = 'triageSlaDays';

/** A saved policy, or the defaults when none was saved (or what was saved no longer parses). */
export function slaPolicyFrom(saved: unknown): SlaPolicy {
  const parsed = slaPolicySchema.safeParse(saved);
  return parsed.success ? parsed.data : { ...DEFAULT_SLA_DAYS };
}

/** Severity rank for sorting: most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, informational: 4 };

export function dueAtFor(detectedAt: Date, severity: Severity, policy: SlaPolicy): Date {
  return new Date(detectedAt.getTime() + policy[severity] * DAY_MS);
}

export type SlaState = 'breached' | 'due-soon' | 'on-track' | 'closed';

/** Open work past its due instant is breached; within 20% of its window (at most 3 days) it is due soon. */
export function slaStateOf(item: { dueAt: Date; detectedAt: Date; active: boolean }, now: Date): SlaState {
  if (!item.active) return 'closed';
  const left = item.dueAt.getTime() - now.getTime();
  if (left < 0) return 'breached';
  const window = item.dueAt.getTime() - item.detectedAt.getTime();
  return left <= Math.min(3 * DAY_MS, window * 0.2) ? 'due-soon' : 'on-track';
}

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Calendar days from today to the due date, both in `timeZone`: 0 = due today, negative = overdue by that many days. */
export function calendarDaysLeft(dueAt: Date, now: Date, timeZone: string): number {
  const toUtcMidnight = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return Math.round((toUtcMidnight(localDate(dueAt, timeZone)) - toUtcMidnight(localDate(now, timeZone))) / DAY_MS);
}

/** Breaches among active items at `now` (the count the landing page and the cluster page show). */
export function countBreaches(items: readonly { dueAt: Date; detectedAt: Date; active: boolean }[], now: Date): number {
  return items.filter((i) => slaStateOf(i, now) === 'breached').length;
}

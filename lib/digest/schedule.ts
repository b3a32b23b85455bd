// When the scheduler sends a digest: on DIGEST_DAY (UTC) — or the first tick after it, if the app was down —
// the week before the current one. Pure, so the rule is unit-tested with a fixed clock.
const DAY_MS = 86_400_000;
export const DIGEST_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DigestDay = (typeof DIGEST_DAYS)[number];

/** Monday 00:00 UTC of the week holding `d`. */
export function weekStartOf(d: Date): Date {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The week (YYYY-MM-DD of its Monday) whose digest is due at `now`, or null before this week's digest day. */
export function dueDigestWeek(now: Date, day: DigestDay): string | null {
  const monday = weekStartOf(now);
  if (now.getTime() < monday.getTime() + DIGEST_DAYS.indexOf(day) * DAY_MS) return null;
  return new Date(monday.getTime() - 7 * DAY_MS).toISOString().slice(0, 10);
}

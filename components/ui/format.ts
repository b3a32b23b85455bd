// Display formatting shared by the kit, the posture components and the charts. Pure and locale-pinned ('en'), so
// the server render and the client hydration produce the same string.

export type DateInput = Date | string | number;

const LOCALE = 'en';

/** Parses a DTO timestamp; throws on garbage because a wrong "last synced" is worse than a failed render. */
export function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid date: ${String(value)}`);
  }
  return date;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto', style: 'long' });

/**
 * "just now", "5 minutes ago", "yesterday", "3 months ago". Times a little in the future (clock skew between the
 * sync worker and the web server) read as "just now" rather than "in 20 seconds".
 */
export function formatRelativeTime(value: DateInput, now: DateInput = Date.now()): string {
  const diff = toDate(value).getTime() - toDate(now).getTime();
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND || (diff > 0 && abs < 2 * MINUTE)) return 'just now';
  const sign = diff < 0 ? -1 : 1;
  if (abs < 45 * MINUTE) return relativeFormat.format(sign * Math.max(1, Math.round(abs / MINUTE)), 'minute');
  if (abs < 22 * HOUR) return relativeFormat.format(sign * Math.max(1, Math.round(abs / HOUR)), 'hour');
  if (abs < 26 * DAY) return relativeFormat.format(sign * Math.max(1, Math.round(abs / DAY)), 'day');
  if (abs < 320 * DAY) return relativeFormat.format(sign * Math.max(1, Math.round(abs / (30 * DAY))), 'month');
  return relativeFormat.format(sign * Math.max(1, Math.round(abs / (365 * DAY))), 'year');
}

const absoluteFormat = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  // UTC, said out loud: the server has no idea of the reader's zone, and a silent server zone misleads.
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "Nov 26, 2025, 15:29 UTC" — for titles and tooltips next to a relative time. */
export function formatAbsoluteTime(value: DateInput): string {
  return absoluteFormat.format(toDate(value));
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 26" for chart axes. Trend days are calendar dates (`YYYY-MM-DD`), read as UTC so no zone shifts them. */
export function formatDay(value: DateInput): string {
  return dayFormat.format(toDate(value));
}

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });

/** "1,234". */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** "987", "12.3K", "1.2M": exact below ten thousand, where a compact form would hide a change that matters. */
export function formatCompactCount(value: number): string {
  return Math.abs(value) < 10_000 ? countFormat.format(value) : compactFormat.format(value);
}

/** A ratio as "42%"; values between 0 and 1% show as "<1%" so a non-zero share never reads as none. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const percent = (part / whole) * 100;
  if (percent > 0 && percent < 1) return '<1%';
  if (percent < 100 && percent > 99) return '>99%';
  return `${Math.round(percent)}%`;
}

/** Width of a bar in percent, kept inside 0–100 whatever the inputs. */
export function clampPercent(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, (value / max) * 100));
}

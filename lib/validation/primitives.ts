// Values that must pass validation only when the database can take them: a string of digits is not a bigint
// id unless it fits Postgres's int8, and four-two-two digits are not a date unless that day exists. Checked up
// front, so a bad URL is a 400 (or a 404 for a path) with a reason, never a query that fails under a 200.
import { z } from 'zod';

/** Largest value of Postgres `bigint` (int8): 2^63 - 1. */
export const MAX_BIGINT_ID = BigInt('9223372036854775807');

/** A positive int8 id as written in a URL: digits only, no sign or leading zeros, at most 2^63 - 1. */
export function bigintId(what: string) {
  return z
    .string()
    .regex(/^[1-9]\d{0,18}$/, `${what} is a positive whole number`)
    // Refinements run even after the regex failed: only compare what is digits, and say one thing at a time.
    .refine((s) => !/^\d+$/.test(s) || BigInt(s) <= MAX_BIGINT_ID, { message: `${what} is too large`, abort: true });
}

/** Years the app can meet in its data; year 0 and the far future are refused before Postgres refuses them. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-31 does not), as the Date of its UTC midnight. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  // One reason at a time: each check runs only when the ones before it passed.
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return;
    const year = Number(s.slice(0, 4));
    if (year < MIN_YEAR || year > MAX_YEAR) {
      ctx.addIssue({ code: 'custom', message: `the year must be between ${MIN_YEAR} and ${MAX_YEAR}` });
      return;
    }
    const d = new Date(`${s}T00:00:00Z`);
    // A day that does not exist rolls over (2026-02-31 → 2026-03-03); the round trip catches it.
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) ctx.addIssue({ code: 'custom', message: 'is not a day of the calendar' });
  })
  .transform((s) => new Date(`${s}T00:00:00Z`));

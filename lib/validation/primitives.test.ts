// Issue 8 item 6: values that used to pass validation and then fail in Postgres are refused up front.
import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '../audit/list-audit';
import { findingFiltersSchema, findingIdSchema } from './findings';
import { bigintId, calendarDay } from './primitives';

describe('range and calendar checks', () => {
  it('accepts ids up to 2^63 - 1 and refuses anything above, zero, signs and leading zeros', () => {
    const id = bigintId('id');
    expect(id.safeParse('9223372036854775807').success).toBe(true);
    expect(id.safeParse('1').success).toBe(true);
    for (const bad of ['9223372036854775808', '9999999999999999999', '0', '-1', '007', '1e3', '', '12345678901234567890']) {
      expect(id.safeParse(bad).success, bad).toBe(false);
    }
    expect(findingIdSchema.safeParse('9223372036854775808').success).toBe(false);
  });

  it('refuses a findings cursor and an audit `before` above the bigint range, with a reason', () => {
    const cursor = findingFiltersSchema.safeParse({ cursor: '9223372036854775808' });
    expect(cursor.success).toBe(false);
    expect(cursor.error?.issues[0]?.message).toMatch(/too large/);
    expect(auditFilterSchema.safeParse({ before: '9999999999999999999' }).success).toBe(false);
  });

  it('accepts real days only, in years the database can store', () => {
    expect(calendarDay.parse('2026-02-28').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(calendarDay.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2026-02-31', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '10000-01-01', '2026-1-1']) {
      expect(calendarDay.safeParse(bad).success, bad).toBe(false);
    }
    expect(auditFilterSchema.safeParse({ from: '0000-01-01' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-02-31' }).error?.issues[0]?.message).toMatch(/not a day/);
  });
});

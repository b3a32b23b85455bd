import { describe, expect, it } from 'vitest';
import { acceptanceSchema, effectiveStatus, isAcceptanceExpired, isActiveAt } from './expiry';

const at = (iso: string) => new Date(iso);
const accepted = { status: 'risk_accepted' as const, acceptedUntil: at('2026-12-31T00:00:00Z') };

describe('risk acceptance expiry with a fixed clock', () => {
  it('holds until the expiry instant, then the item reopens', () => {
    expect(isAcceptanceExpired(accepted, at('2026-12-30T23:59:59.999Z'))).toBe(false);
    expect(effectiveStatus(accepted, at('2026-12-30T23:59:59.999Z'))).toEqual({ status: 'risk_accepted', expired: false });
    expect(isActiveAt(accepted, at('2026-12-30T23:59:59.999Z'))).toBe(false);
    expect(isAcceptanceExpired(accepted, at('2026-12-31T00:00:00Z'))).toBe(true);
    expect(effectiveStatus(accepted, at('2026-12-31T00:00:00Z'))).toEqual({ status: 'new', expired: true });
    expect(isActiveAt(accepted, at('2026-12-31T00:00:00Z'))).toBe(true);
  });

  it('only risk acceptance expires', () => {
    expect(isAcceptanceExpired({ status: 'resolved', acceptedUntil: at('2020-01-01T00:00:00Z') }, at('2026-01-01T00:00:00Z'))).toBe(false);
    expect(effectiveStatus({ status: 'in_progress', acceptedUntil: null }, at('2026-01-01T00:00:00Z')).status).toBe('in_progress');
  });

  it('requires a justification and an expiry in the future, within a year', () => {
    const now = at('2026-12-01T12:00:00Z');
    const schema = acceptanceSchema(now);
    expect(schema.safeParse({ justification: 'WAF rule blocks the path until the fix ships', acceptedUntil: '2027-01-15' }).success).toBe(true);
    const short = schema.safeParse({ justification: 'ok', acceptedUntil: '2027-01-15' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toMatch(/say why/);
    const past = schema.safeParse({ justification: 'compensating control in place', acceptedUntil: '2026-12-01T11:59:59Z' });
    expect(past.error?.issues[0]?.message).toBe('the expiry must be in the future');
    const far = schema.safeParse({ justification: 'compensating control in place', acceptedUntil: '2028-01-01' });
    expect(far.error?.issues[0]?.message).toBe('the expiry must be within 365 days');
    expect(schema.safeParse({ justification: 'compensating control in place' }).success).toBe(false);
  });
});

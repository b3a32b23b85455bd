import { describe, expect, it } from 'vitest';
import { hasMfa, toSessionClaims } from './claims';
import { classifySession } from './session-state';

const base = { oid: '11111111-1111-1111-1111-111111111111', tid: '22222222-2222-2222-2222-222222222222' };

describe('Entra claims', () => {
  it('keeps known roles, lists unknown ones, keeps groups and amr', () => {
    const c = toSessionClaims({ ...base, name: 'N', roles: ['developer', 'Reader', 'developer'], groups: ['g1', 'g1', 'g2'], amr: ['pwd', 'mfa'] });
    expect(c.roles).toEqual(['developer']);
    expect(c.unknownRoles).toEqual(['Reader']);
    expect(c.groups).toEqual(['g1', 'g2']);
    expect(hasMfa(c)).toBe(true);
  });

  it('refuses a token without oid or tid', () => {
    expect(() => toSessionClaims({ tid: base.tid })).toThrow();
    expect(() => toSessionClaims({ oid: base.oid })).toThrow();
  });

  it('detects group overage and grants no groups', () => {
    const c = toSessionClaims({ ...base, _claim_names: { groups: 'src1' } });
    expect(c.groupsOverage).toBe(true);
    expect(c.groups).toEqual([]);
  });

  it('never copies tokens or unknown claims into the session', () => {
    const c = toSessionClaims({ ...base, access_token: 'eyJ.x.y', id_token: 'eyJ.a.b', upn: 'x' }) as unknown as Record<string, unknown>;
    expect(Object.keys(c).sort()).toEqual(['amr', 'email', 'endsAt', 'groups', 'groupsOverage', 'name', 'oid', 'roles', 'sid', 'tid', 'unknownRoles']);
  });

  it('classifies sessions: anonymous, no role, MFA missing, ok', () => {
    expect(classifySession(null, false).kind).toBe('anonymous');
    expect(classifySession(toSessionClaims({ ...base }), false).kind).toBe('no-role');
    const pwdOnly = toSessionClaims({ ...base, roles: ['admin'], amr: ['pwd'] });
    expect(classifySession(pwdOnly, true).kind).toBe('mfa-required');
    expect(classifySession(pwdOnly, false).kind).toBe('ok-pending');
    expect(classifySession(toSessionClaims({ ...base, roles: ['admin'], amr: ['pwd', 'mfa'] }), true).kind).toBe('ok-pending');
  });
});

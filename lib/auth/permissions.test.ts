import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { PERMISSION_NAMES, ROLE_PERMISSIONS, assertCan, can, permissionsOf, roleCan } from './permissions';
import { APP_ROLES, type AppRole } from './viewer';

// The table written out again, as the reviewers read it: a change to ROLE_PERMISSIONS must change this
// test too, on purpose.
const EXPECTED: Record<AppRole, string> = {
  security: 'posture.view findings.view findings.triage reports.upload sync.run audit.view',
  'cluster-operator': 'posture.view findings.view findings.triage sync.run',
  'app-operator': 'posture.view findings.view findings.triage reports.upload',
  developer: 'posture.view findings.view reports.upload',
  manager: 'posture.view findings.view',
  admin: 'posture.view findings.view findings.triage reports.upload sync.run scopes.manage audit.view settings.manage',
};

describe('permission table', () => {
  it.each(APP_ROLES)('%s holds exactly the expected permissions', (role) => {
    const expected = EXPECTED[role].split(' ').sort();
    expect(PERMISSION_NAMES.filter((p) => roleCan(role, p)).sort()).toEqual(expected);
  });

  it('covers every role and no permission outside the list', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...APP_ROLES].sort());
    for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) expect(PERMISSION_NAMES).toContain(p);
  });

  it('only admins manage scopes and settings; only admin and security read the audit log', () => {
    expect(APP_ROLES.filter((r) => roleCan(r, 'scopes.manage'))).toEqual(['admin']);
    expect(APP_ROLES.filter((r) => roleCan(r, 'settings.manage'))).toEqual(['admin']);
    expect(APP_ROLES.filter((r) => roleCan(r, 'audit.view')).sort()).toEqual(['admin', 'security']);
  });

  it('combines several roles and denies with no role', () => {
    expect(can({ roles: ['manager', 'developer'] }, 'reports.upload')).toBe(true);
    expect(can({ roles: [] }, 'posture.view')).toBe(false);
    expect(permissionsOf({ roles: [] })).toEqual([]);
  });

  it('assertCan throws FORBIDDEN', () => {
    expect(() => assertCan({ roles: ['manager'] }, 'findings.triage')).toThrow(AppError);
    try {
      assertCan({ roles: ['developer'] }, 'audit.view');
    } catch (e) {
      expect(e instanceof AppError && e.code).toBe('FORBIDDEN');
    }
    expect(() => assertCan({ roles: ['admin'] }, 'settings.manage')).not.toThrow();
  });
});

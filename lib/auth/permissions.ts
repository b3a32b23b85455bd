// The permission table: which app role may do what. Enforced on the server by the guards (lib/auth/guards.ts)
// and the data layer; the UI reads the same table only to hide controls a role may not use.
import { AppError } from '../errors';
import type { AppRole, Viewer } from './viewer';

export const PERMISSIONS = {
  'posture.view': 'See posture overviews, trends and controls',
  'findings.view': 'See findings and their evidence',
  'findings.triage': 'Dismiss, accept risk on, or reopen findings',
  'reports.upload': 'Upload scanner reports from pipelines',
  'sync.run': 'Start a sync with Azure',
  'scopes.manage': 'Edit the group-to-cluster scope mapping',
  'audit.view': 'Read and export the audit log',
  'settings.manage': 'Change application settings',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

// Least privilege per role. Managers follow trends read-only; developers see their findings and upload
// pipeline reports; operators triage what runs on their clusters; security triages everywhere and reads the
// audit log; only admins change scopes and settings.
export const ROLE_PERMISSIONS = {
  security: ['posture.view', 'findings.view', 'findings.triage', 'reports.upload', 'sync.run', 'audit.view'],
  'cluster-operator': ['posture.view', 'findings.view', 'findings.triage', 'sync.run'],
  'app-operator': ['posture.view', 'findings.view', 'findings.triage', 'reports.upload'],
  developer: ['posture.view', 'findings.view', 'reports.upload'],
  manager: ['posture.view', 'findings.view'],
  admin: [
    'posture.view',
    'findings.view',
    'findings.triage',
    'reports.upload',
    'sync.run',
    'scopes.manage',
    'audit.view',
    'settings.manage',
  ],
} as const satisfies Record<AppRole, readonly Permission[]>;

export function roleCan(role: AppRole, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/** True when any of the viewer's roles grants the permission. */
export function can(viewer: Pick<Viewer, 'roles'>, permission: Permission): boolean {
  return viewer.roles.some((role) => roleCan(role, permission));
}

/** Every permission the viewer holds, for the UI to decide which controls to render. */
export function permissionsOf(viewer: Pick<Viewer, 'roles'>): Permission[] {
  return PERMISSION_NAMES.filter((p) => can(viewer, p));
}

/** Throws FORBIDDEN unless the viewer holds the permission; data-access functions call it before querying. */
export function assertCan(viewer: Pick<Viewer, 'roles'>, permission: Permission): void {
  if (!can(viewer, permission)) {
    throw new AppError('FORBIDDEN', `Your role does not allow this (${PERMISSIONS[permission].toLowerCase()}).`);
  }
}

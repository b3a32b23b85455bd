// Which team role's controls a viewer lands on: their own, so each role opens a view fitted to it. Managers
// follow the whole estate, and admins or people with several team roles see all roles; the switcher changes it.
import { TEAM_ROLES, type TeamRole } from '../domain/model';
import type { Viewer } from './viewer';

export function defaultRoleFocus(viewer: Pick<Viewer, 'roles'>): TeamRole | 'all' {
  const team = viewer.roles.filter((r): r is TeamRole => (TEAM_ROLES as readonly string[]).includes(r) && r !== 'manager');
  return team.length === 1 && viewer.roles.length === 1 ? team[0]! : 'all';
}

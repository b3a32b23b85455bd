// The demo directory: one user per app role, named after the role, password `demo`. The local identity
// provider issues these claims exactly as Entra would (oid, tid, roles, groups, amr), and
// config/scopes.example.json maps the demo groups to clusters, so demo mode exercises the production path.
import type { AppRole } from './viewer';

export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';
export const DEMO_PASSWORD = 'demo';

/**
 * Demo Entra groups; their object ids appear in config/scopes.example.json, which maps team A to the demo
 * tenant's `payments` clusters and team B to its `storefront` clusters (lib/demo TEAMS).
 */
export const DEMO_GROUPS = {
  securityTeam: { id: '5ec00000-0000-4000-8000-000000000001', name: 'Security team' },
  platform: { id: '91a7f000-0000-4000-8000-000000000002', name: 'Platform (all clusters)' },
  teamA: { id: '7ea0000a-0000-4000-8000-00000000000a', name: 'Payments team' },
  teamB: { id: '7ea0000b-0000-4000-8000-00000000000b', name: 'Storefront team' },
} as const;

export interface DemoUser {
  username: AppRole;
  oid: string;
  name: string;
  email: string;
  roles: AppRole[];
  groups: string[];
}

const user = (username: AppRole, n: number, name: string, groups: string[]): DemoUser => ({
  username,
  oid: `d3e00000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  name,
  email: `${username}@demo.invalid`,
  roles: [username],
  groups,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('security', 1, 'Sam Security', [DEMO_GROUPS.securityTeam.id]),
  user('cluster-operator', 2, 'Casey Cluster-Operator', [DEMO_GROUPS.platform.id]),
  user('app-operator', 3, 'Alex App-Operator', [DEMO_GROUPS.teamB.id]),
  user('developer', 4, 'Dana Developer', [DEMO_GROUPS.teamA.id]),
  user('manager', 5, 'Morgan Manager', []),
  user('admin', 6, 'Ari Admin', [DEMO_GROUPS.securityTeam.id]),
];

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username.trim().toLowerCase());
}

// Role focus as links: the choice lives in the URL (?role=…), so each role's view is a bookmark.
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { TEAM_ROLES, TEAM_ROLE_LABELS, type TeamRole } from '@/lib/domain/model';

const SHORT: Record<TeamRole, string> = {
  developer: 'Developer',
  'app-operator': 'SRE',
  'cluster-operator': 'Cluster operator',
  security: 'Security',
  manager: 'Manager',
};

export function RoleSwitcher({ basePath, active }: { basePath: string; active: TeamRole | 'all' }) {
  const items = [
    { label: 'All roles', href: `${basePath}?role=all`, active: active === 'all' },
    ...TEAM_ROLES.map((r) => ({ label: <span title={TEAM_ROLE_LABELS[r]}>{SHORT[r]}</span>, href: `${basePath}?role=${r}`, active: active === r })),
  ];
  return <SegmentedLinks items={items} aria-label="Focus on a team role" />;
}

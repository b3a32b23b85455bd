// Who is signed in, with which roles, the colour theme, and the way out (a same-origin POST, not a link: it changes state).
import { UserRound } from 'lucide-react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import type { Viewer } from '@/lib/auth/viewer';
import { currentTheme } from '@/lib/theme/current-theme';
import { ThemeToggle } from './theme-toggle';

const ROLE_LABELS: Record<string, string> = {
  security: 'Security',
  'cluster-operator': 'Cluster operator',
  'app-operator': 'App operator',
  developer: 'Developer',
  manager: 'Manager',
  admin: 'Admin',
};

export async function UserMenu({ viewer }: { viewer: Viewer }) {
  const theme = await currentTheme();
  return (
    <div className="flex items-center gap-3 text-sm">
      <div className="hidden items-center gap-2 sm:flex">
        <UserRound aria-hidden="true" className="size-4 text-muted-foreground" />
        <span className="font-medium" data-testid="viewer-name">{viewer.name}</span>
        <span className="text-muted-foreground" data-testid="viewer-roles">
          {viewer.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}
        </span>
      </div>
      <ThemeToggle initial={theme} />
      <SignOutButton size="sm" />
    </div>
  );
}

// Who is signed in, with which roles, and the way out. Sign-out goes through Auth.js's own sign-out page,
// which posts with its CSRF token.
import { LogOut, UserRound } from 'lucide-react';
import type { Viewer } from '@/lib/auth/viewer';

const ROLE_LABELS: Record<string, string> = {
  security: 'Security',
  'cluster-operator': 'Cluster operator',
  'app-operator': 'App operator',
  developer: 'Developer',
  manager: 'Manager',
  admin: 'Admin',
};

export function UserMenu({ viewer }: { viewer: Viewer }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <div className="hidden items-center gap-2 sm:flex">
        <UserRound aria-hidden="true" className="size-4 text-muted-foreground" />
        <span className="font-medium" data-testid="viewer-name">{viewer.name}</span>
        <span className="text-muted-foreground" data-testid="viewer-roles">
          {viewer.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}
        </span>
      </div>
      <a
        href="/api/auth/signout"
        className="inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        <LogOut aria-hidden="true" className="size-3.5" />
        Sign out
      </a>
    </div>
  );
}

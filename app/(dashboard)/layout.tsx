import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { AppNav, type NavItem } from '@/components/layout/app-nav';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/session';
import { UserMenu } from '@/components/layout/user-menu';
import type { Permission } from '@/lib/auth/permissions';

const NAV: readonly (NavItem & { permission: Permission })[] = [
  { href: '/', label: 'Overview', permission: 'posture.view' },
  { href: '/clusters', label: 'Clusters', permission: 'posture.view' },
  { href: '/compliance', label: 'Compliance', permission: 'posture.view' },
  { href: '/trends', label: 'Trends', permission: 'posture.view' },
  { href: '/findings', label: 'Findings', permission: 'findings.view' },
  { href: '/triage', label: 'Triage', permission: 'findings.view' },
  { href: '/admin', label: 'Admin', permission: 'audit.view' },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const items = NAV.filter((n) => can(viewer, n.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <ShieldCheck aria-hidden="true" className="size-5 text-primary" />
            <span>AKS Posture</span>
          </Link>
          <AppNav items={items} />
          <div className="ml-auto">
            <UserMenu viewer={viewer} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-[1600px] flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}

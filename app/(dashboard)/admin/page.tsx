// /admin — the administration entry: the scope mapping (admins), the audit log (admins and security) and sync
// (everyone who may start one).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const viewer = await requireViewer();
  const sections = [
    can(viewer, 'scopes.manage') && { href: '/admin/scopes', title: 'Cluster scopes', text: 'Which Entra groups see which clusters.' },
    can(viewer, 'settings.manage') && { href: '/admin/settings', title: 'Settings', text: 'Security settings such as requiring MFA.' },
    can(viewer, 'audit.view') && { href: '/admin/audit', title: 'Audit log', text: 'Sign-ins, denied requests and every change, with CSV export.' },
    can(viewer, 'sync.run') && { href: '/admin/sync', title: 'Sync', text: 'Sync a source or all of them with Azure now, and watch each run live.' },
  ].filter((s): s is { href: string; title: string; text: string } => Boolean(s));
  if (sections.length === 0) notFound();
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Admin" />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <Link key={s.href} href={s.href} className="rounded-lg focus-visible:outline-2 focus-visible:outline-ring">
            <Card className="h-full hover:bg-muted/40">
              <CardHeader>
                <CardTitle as="h2">{s.title}</CardTitle>
                <CardDescription>{s.text}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}

// /admin/audit — the audit log, newest first; filters live in the URL so every view is a link, and the CSV
// export takes the same filters.
import type { Metadata } from 'next';
import Link from 'next/link';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { buttonVariants } from '@/components/ui/button';
import { getPrisma } from '@/lib/db/prisma';
import { auditFilterSchema, listAuditEntries } from '@/lib/audit/list-audit';
import { requirePermission } from '@/lib/auth/session';
import { AuditFilters } from './_components/audit-filters';
import { AuditTable } from './_components/audit-table';

export const metadata: Metadata = { title: 'Audit log' };

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('audit.view');
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(raw);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/admin/audit" />;
  const { entries, nextBefore } = await listAuditEntries(getPrisma(), viewer, parsed.data, 50);
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const current = { actor: text('actor'), action: text('action'), outcome: text('outcome'), from: text('from'), to: text('to') };
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        description="Sign-ins, failed sign-ins, denied requests and every change. Entries cannot be edited or deleted."
        actions={
          <a href={`/api/audit/export${query(current)}`} className={buttonVariants({ variant: 'outline' })} download>
            Export CSV
          </a>
        }
      />
      <AuditFilters current={current} />
      {entries.length === 0 ? (
        <EmptyState title="No entries match these filters." />
      ) : (
        <AuditTable entries={entries} />
      )}
      <nav aria-label="Audit log pages" className="flex gap-4 text-sm">
        {parsed.data.before ? <Link href={`/admin/audit${query(current)}`} className="underline">Newest</Link> : null}
        {nextBefore ? <Link href={`/admin/audit${query({ ...current, before: nextBefore })}`} className="underline">Older entries</Link> : null}
      </nav>
    </div>
  );
}

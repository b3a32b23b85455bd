import type { Metadata } from 'next';
import Link from 'next/link';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { TriageQueryProvider } from '@/components/triage/triage-query-provider';
import { WriteBackNote } from '@/components/triage/write-back-note';
import { can } from '@/lib/auth/permissions';
import { getEnv } from '@/lib/env';
import { requirePermission } from '@/lib/auth/session';
import { listTriageFilterOptions, listTriageQueue } from '@/lib/data/triage';
import { triageFiltersSchema } from '@/lib/validation/triage';
import { toQueryString } from '@/lib/validation/query-string';
import { TriageFiltersBar, filterParams } from './_components/triage-filters';
import { TriageQueue } from './_components/triage-queue';

export const metadata: Metadata = { title: 'Triage' };

export default async function TriagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('findings.view');
  const parsed = triageFiltersSchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/triage" />;
  const filters = parsed.data;
  const [page, options] = await Promise.all([listTriageQueue(viewer, filters), listTriageFilterOptions(viewer)]);
  const params = { ...filterParams(filters), cursor: filters.cursor, limit: filters.limit === 50 ? undefined : String(filters.limit) };
  const canTriage = can(viewer, 'findings.triage');
  const next = page.nextCursor ? `/triage${toQueryString({ ...params, cursor: page.nextCursor })}` : null;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Triage"
        description={
          <>
            Defender alerts, Sentinel incidents and new critical and high findings — most urgent first (severity, SLA due date, age).
            An incident shows once, with the alerts it contains. Filters live in the address bar.{' '}
            <Link href="/triage" className="underline">Reset</Link>
          </>
        }
        actions={<WriteBackNote canTriage={canTriage} writeBackEnabled={getEnv().TRIAGE_WRITE_BACK} />}
      />
      <TriageFiltersBar filters={filters} clusters={options.clusters} teams={options.teams} />
      <TriageQueryProvider>
        <TriageQueue key={JSON.stringify(params)} initialPage={page} params={params} canTriage={canTriage} me={{ id: viewer.id, name: viewer.name }} />
      </TriageQueryProvider>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {filters.cursor ? <Link href={`/triage${toQueryString({ ...params, cursor: undefined })}`} className="underline">First page</Link> : <span />}
        {next ? <Link href={next} className="underline" rel="next">Next page</Link> : null}
      </nav>
    </div>
  );
}

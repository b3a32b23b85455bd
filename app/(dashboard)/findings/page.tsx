import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePermission } from '@/lib/auth/session';
import { findingFiltersSchema } from '@/lib/validation/findings';
import { FindingFiltersBar } from './_components/finding-filters-bar';
import { FindingsTable } from './_components/findings-table';

export const metadata: Metadata = { title: 'Findings' };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('findings.view');
  const raw = await searchParams;
  const parsed = findingFiltersSchema.safeParse(raw);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/findings" />;
  const filters = parsed.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Findings"
        description={
          <>
            Every finding from every source, most severe first. Filters live in the address bar — bookmark any view.{' '}
            <Link href="/findings" className="underline">Reset</Link>
          </>
        }
      />
      <FindingFiltersBar filters={filters} />
      <SectionBoundary title="Findings">
        <Suspense key={JSON.stringify(filters)} fallback={<Skeleton className="h-[480px]" />}>
          <FindingsTable viewer={viewer} filters={filters} />
        </Suspense>
      </SectionBoundary>
    </div>
  );
}

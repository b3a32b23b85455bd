import type { Metadata } from 'next';
import Link from 'next/link';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PageHeader } from '@/components/layout/page-header';
import { SectionCard } from '@/components/layout/section-card';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import { requirePermission } from '@/lib/auth/session';
import { listTriageFilterOptions } from '@/lib/data/triage';
import { getWhatChanged, mondayOf } from '@/lib/data/what-changed';
import { dropEmptyParams, toQueryString } from '@/lib/validation/query-string';
import { whatChangedFiltersSchema } from '@/lib/validation/trends';
import { ChangedFindings, NewBreaches, ScoreChanges } from './_components/change-lists';

export const metadata: Metadata = { title: 'What changed' };

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

// "What changed" for one week (Monday to Sunday, UTC) — the same data the weekly digest sends (lib/data/what-changed.ts).
export default async function WhatChangedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('posture.view');
  const parsed = whatChangedFiltersSchema.safeParse(dropEmptyParams(await searchParams));
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/trends/changes" />;
  const params = parsed.data;
  // Default: last week, the one a Monday review looks back on.
  const monday = params.week ? mondayOf(new Date(`${params.week}T00:00:00Z`)) : new Date(mondayOf(new Date()).getTime() - 7 * DAY_MS);
  const [changes, options] = await Promise.all([
    // The page lists the first lines of each section (the totals count all); the digest takes more.
    getWhatChanged(viewer, { weekStart: monday, team: params.team, clusterId: params.cluster, limit: 25 }),
    listTriageFilterOptions(viewer),
  ]);
  const link = (week: Date) => `/trends/changes${toQueryString({ week: iso(week), team: params.team, cluster: params.cluster })}`;
  const thisMonday = mondayOf(new Date());
  const where = params.team ? `team ${params.team}` : params.cluster ? (options.clusters.find((c) => c.id === params.cluster)?.name ?? 'one cluster') : 'all clusters you can see';
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="What changed"
        description={
          <>
            The week of {changes.week.start} to {changes.week.end} for {where}: new critical and high findings, fixes, SLAs that ran out, and secure score moves.{' '}
            <Link href={`/trends${toQueryString({ team: params.team, cluster: params.cluster })}`} className="underline">Back to trends</Link>
          </>
        }
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action="/trends/changes" className="flex flex-wrap items-end gap-3" aria-label="Choose a week and a team">
          <FilterField label="Week containing">
            <input type="date" name="week" defaultValue={changes.week.start} className={filterInputClass} />
          </FilterField>
          <FilterField label="Team">
            <select name="team" defaultValue={params.team ?? ''} className={filterInputClass}>
              <option value="">All teams</option>
              {options.teams.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          </FilterField>
          <FilterField label="Cluster">
            <select name="cluster" defaultValue={params.cluster ?? ''} className={filterInputClass}>
              <option value="">All clusters</option>
              {options.clusters.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </FilterField>
          <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">Show</button>
        </form>
        <nav aria-label="Weeks" className="flex gap-3 text-sm">
          <Link href={link(new Date(monday.getTime() - 7 * DAY_MS))} className="underline">← Previous week</Link>
          {monday.getTime() < thisMonday.getTime() ? <Link href={link(new Date(monday.getTime() + 7 * DAY_MS))} className="underline">Next week →</Link> : null}
        </nav>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <SectionCard title={`New critical and high findings (${changes.totals.newFindings})`} description="First seen this week.">
          <ChangedFindings lines={changes.newFindings} total={changes.totals.newFindings} testId="new-findings" empty="No new critical or high finding this week." />
        </SectionCard>
        <SectionCard title={`Fixed (${changes.totals.fixedFindings})`} description="Critical and high findings resolved this week.">
          <ChangedFindings lines={changes.fixedFindings} total={changes.totals.fixedFindings} testId="fixed-findings" empty="Nothing critical or high was fixed this week." />
        </SectionCard>
        <SectionCard title={`Newly breaching SLAs (${changes.totals.newBreaches})`} description="Triage items whose due date fell this week and that are still open.">
          <NewBreaches lines={changes.newBreaches} total={changes.totals.newBreaches} />
        </SectionCard>
        <SectionCard title="Secure score" description="Per subscription: the last score before the week against the last one in it.">
          <ScoreChanges lines={changes.scoreChanges} />
        </SectionCard>
      </div>
    </div>
  );
}

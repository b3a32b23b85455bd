// The trends page's cut: range as links (each a bookmark), team as a plain GET form. Everything lives in the URL.
import Link from 'next/link';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { toQueryString } from '@/lib/validation/query-string';
import { TREND_RANGES, type TrendFilters } from '@/lib/validation/trends';

export function TrendFiltersBar({ params, teams, basePath }: { params: TrendFilters; teams: readonly string[]; basePath: string }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Choose a team">
        <FilterField label="Team">
          <select name="team" defaultValue={params.team ?? ''} className={filterInputClass}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </FilterField>
        <input type="hidden" name="range" value={params.range} />
        {params.cluster ? <input type="hidden" name="cluster" value={params.cluster} /> : null}
        <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">Apply</button>
        {params.team || params.cluster ? <Link href={`${basePath}${toQueryString({ range: params.range })}`} className="h-9 px-2 text-sm leading-9 underline">All of my estate</Link> : null}
      </form>
      <SegmentedLinks
        aria-label="Period"
        items={TREND_RANGES.map((r) => ({ label: `${r} days`, href: `${basePath}${toQueryString({ ...params, range: r })}`, active: params.range === r }))}
      />
    </div>
  );
}

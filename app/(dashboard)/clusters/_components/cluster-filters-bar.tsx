// Filters of the clusters list as a plain GET form: submitting writes them into the URL (a bookmark), works
// without JavaScript, and starts again from page 1.
import type { ClusterListQuery } from '@/lib/validation/clusters';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';

export function ClusterFiltersBar({ query, teams }: { query: ClusterListQuery; teams: readonly string[] }) {
  return (
    <form method="get" action="/clusters" className="flex flex-wrap items-end gap-3" aria-label="Filter clusters">
      <FilterField label="Search">
        <input name="q" defaultValue={query.q ?? ''} placeholder="Cluster or resource group" className={`${filterInputClass} w-64`} />
      </FilterField>
      <FilterField label="Team">
        <select name="team" defaultValue={query.team ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {teams.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </FilterField>
      {query.sort !== 'name' ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
        Apply
      </button>
    </form>
  );
}

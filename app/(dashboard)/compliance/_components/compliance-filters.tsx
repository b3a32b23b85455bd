// Filters as a plain GET form: the URL holds them, so the view is a bookmark and works without JavaScript.
import Link from 'next/link';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import type { ComplianceOverview } from '@/lib/data/compliance';
import type { ComplianceParams } from '@/lib/validation/compliance';



export function ComplianceFilters({ params, options }: { params: ComplianceParams; options: Pick<ComplianceOverview, 'byInitiative' | 'byAssignment' | 'byCluster'> }) {
  return (
    <form method="get" action="/compliance" className="flex flex-wrap items-end gap-3" aria-label="Filter compliance">
      <FilterField label="Initiative">
        <select name="initiative" defaultValue={params.initiative ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {options.byInitiative.map((i) => (
            <option key={i.key} value={i.key}>{i.label}</option>
          ))}
        </select>
      </FilterField>
      <FilterField label="Assignment">
        <select name="assignment" defaultValue={params.assignment ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {options.byAssignment.map((a) => (
            <option key={a.key} value={a.key}>{a.label}</option>
          ))}
        </select>
      </FilterField>
      <FilterField label="Cluster">
        <select name="cluster" defaultValue={params.cluster ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {options.byCluster.map((c) => (
            <option key={c.key} value={c.key}>{c.label}</option>
          ))}
        </select>
      </FilterField>
      {params.policy ? <input type="hidden" name="policy" value={params.policy} /> : null}
      <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">Apply</button>
      <Link href="/compliance" className="h-9 px-2 text-sm leading-9 underline">Reset</Link>
    </form>
  );
}

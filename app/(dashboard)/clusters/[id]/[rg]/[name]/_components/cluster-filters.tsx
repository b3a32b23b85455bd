// The cluster page's findings filters as a plain GET form on the page's own address: the result is a bookmark.
import Link from 'next/link';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import { FINDING_STATUSES, SOURCE_IDS, SOURCE_LABELS, STAGES, STAGE_LABELS } from '@/lib/domain/model';
import type { ClusterPageParams } from '@/lib/validation/cluster-page';
import { SeverityOptions } from '@/components/posture/severity-options';

const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);


export function ClusterFilters({ path, params }: { path: string; params: ClusterPageParams }) {
  return (
    <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Filter this cluster's findings">
      <FilterField label="Stage">
        <select name="stage" defaultValue={params.stage ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
        </select>
      </FilterField>
      <FilterField label="Severity">
        <select name="severity" defaultValue={params.severity[0] ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          <SeverityOptions />
        </select>
      </FilterField>
      <FilterField label="Status">
        <select name="status" defaultValue={params.status} className={filterInputClass}>
          {[...FINDING_STATUSES, 'all' as const].map((s) => <option key={s} value={s}>{s === 'all' ? 'Any' : title(s)}</option>)}
        </select>
      </FilterField>
      <FilterField label="Source">
        <select name="source" defaultValue={params.source ?? ''} className={filterInputClass}>
          <option value="">Any</option>
          {SOURCE_IDS.filter((s) => s !== 'inventory').map((s) => <option key={s} value={s}>{SOURCE_LABELS[s]}</option>)}
        </select>
      </FilterField>
      {params.role ? <input type="hidden" name="role" value={params.role} /> : null}
      <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">Apply</button>
      <Link href={`${path}#findings`} className="h-9 px-2 text-sm leading-9 underline">Reset</Link>
    </form>
  );
}

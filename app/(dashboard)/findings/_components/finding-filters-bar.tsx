// Filters as a plain GET form: submitting it writes the filters into the URL, so it works without JavaScript
// and every result is a bookmark.
import Link from 'next/link';
import { X } from 'lucide-react';
import { CONTROLS } from '@/lib/catalog';
import { FINDING_STATUSES, SOURCE_IDS, SOURCE_LABELS, STAGES, STAGE_LABELS } from '@/lib/domain/model';
import type { FindingFilters } from '@/lib/validation/findings';
import { toQueryString } from '@/lib/validation/query-string';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import { SeverityOptions } from '@/components/posture/severity-options';

export function FindingFiltersBar({ filters }: { filters: FindingFilters }) {
  const base = { ...filters, cursor: undefined, limit: undefined };
  const chips: { label: string; href: string }[] = [];
  if (filters.control) chips.push({ label: `Control: ${CONTROLS.find((c) => c.id === filters.control)?.title ?? filters.control}`, href: `/findings${toQueryString({ ...base, control: undefined })}` });
  if (filters.cluster) chips.push({ label: `Cluster: ${filters.cluster}`, href: `/findings${toQueryString({ ...base, cluster: undefined })}` });
  return (
    <div className="flex flex-col gap-3">
      <form method="get" action="/findings" className="flex flex-wrap items-end gap-3" aria-label="Filter findings">
        <FilterField label="Search">
          <input name="q" defaultValue={filters.q ?? ''} placeholder="Title, CVE, rule or resource" className={`${filterInputClass} w-64`} />
        </FilterField>
        <FilterField label="Severity">
          <select name="severity" defaultValue={filters.severity[0] ?? ''} className={filterInputClass}>
            <option value="">Any</option>
            <SeverityOptions />
          </select>
        </FilterField>
        <FilterField label="Status">
          <select name="status" defaultValue={filters.status} className={filterInputClass}>
            {[...FINDING_STATUSES, 'all' as const].map((s) => (
              <option key={s} value={s}>{s === 'all' ? 'Any' : s[0]!.toUpperCase() + s.slice(1)}</option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Stage">
          <select name="stage" defaultValue={filters.stage ?? ''} className={filterInputClass}>
            <option value="">Any</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>{STAGE_LABELS[s]}</option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Source">
          <select name="source" defaultValue={filters.source ?? ''} className={filterInputClass}>
            <option value="">Any</option>
            {SOURCE_IDS.filter((s) => s !== 'inventory').map((s) => (
              <option key={s} value={s}>{SOURCE_LABELS[s]}</option>
            ))}
          </select>
        </FilterField>
        {filters.control ? <input type="hidden" name="control" value={filters.control} /> : null}
        {filters.cluster ? <input type="hidden" name="cluster" value={filters.cluster} /> : null}
        <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
          Apply
        </button>
      </form>
      {chips.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.href}>
              <Link href={c.href} className="inline-flex items-center gap-1 rounded-full border bg-muted px-2.5 py-0.5 text-xs hover:bg-muted/70">
                {c.label}
                <X aria-label="Remove filter" className="size-3" />
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

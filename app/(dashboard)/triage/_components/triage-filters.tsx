// Queue filters as a plain GET form: submitting writes them into the URL, so every filtered queue is a bookmark and
// the form works without JavaScript. Quick toggles ("mine", "unassigned", "breaching SLA") are links.
import Link from 'next/link';
import { FilterField, filterInputClass } from '@/components/ui/filter-field';
import { X } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { SOURCE_IDS, SOURCE_LABELS } from '@/lib/domain/model';
import { TRIAGE_STATUS_LABELS, TRIAGE_STATUSES } from '@/lib/domain/triage-status';
import { TRIAGE_AGE_FILTERS, type TriageFilters } from '@/lib/validation/triage';
import { toQueryString } from '@/lib/validation/query-string';
import { SeverityOptions } from '@/components/posture/severity-options';


/** "Any" plus one option per value. */
function AnyOptions<T extends string>({ values, label }: { values: readonly T[]; label: (v: T) => string }) {
  return (
    <>
      <option value="">Any</option>
      {values.map((v) => (
        <option key={v} value={v}>{label(v)}</option>
      ))}
    </>
  );
}

const STATUS_FILTER_LABELS: Record<TriageFilters['status'], string> = {
  active: 'Needs attention',
  closed: 'Closed',
  accepted: 'Risk accepted',
  all: 'Any',
  ...TRIAGE_STATUS_LABELS,
};


/** The filters as URL params, without paging, dropping the defaults (canonical bookmarks). */
export function filterParams(f: TriageFilters) {
  return {
    source: f.source,
    severity: f.severity,
    status: f.status === 'active' ? undefined : f.status,
    owner: f.owner,
    cluster: f.cluster,
    team: f.team,
    age: f.age,
    mine: f.mine ? '1' : undefined,
    unassigned: f.unassigned ? '1' : undefined,
    breaching: f.breaching ? '1' : undefined,
  };
}

export function TriageFiltersBar({ filters, clusters, teams }: { filters: TriageFilters; clusters: { id: string; name: string }[]; teams: string[] }) {
  const base = filterParams(filters);
  const toggle = (key: 'mine' | 'unassigned' | 'breaching') => `/triage${toQueryString({ ...base, [key]: filters[key] ? undefined : '1' })}`;
  const chips: { label: string; href: string }[] = [];
  if (filters.owner) chips.push({ label: `Owner: ${filters.owner}`, href: `/triage${toQueryString({ ...base, owner: undefined })}` });
  return (
    <div className="flex flex-col gap-3">
      <form method="get" action="/triage" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <FilterField label="Source">
          <select name="source" defaultValue={filters.source ?? ''} className={filterInputClass}>
            <AnyOptions values={SOURCE_IDS} label={(s) => SOURCE_LABELS[s]} />
          </select>
        </FilterField>
        <FilterField label="Severity">
          <select name="severity" defaultValue={filters.severity.join(',')} className={filterInputClass}>
            <option value="">Any</option>
            <option value="critical,high">Critical and high</option>
            <SeverityOptions />
          </select>
        </FilterField>
        <FilterField label="Status">
          <select name="status" defaultValue={filters.status} className={filterInputClass}>
            {(['active', 'closed', 'accepted', 'all', ...TRIAGE_STATUSES.filter((s) => s !== 'risk_accepted')] as const).map((s) => (
              <option key={s} value={s}>{STATUS_FILTER_LABELS[s]}</option>
            ))}
          </select>
        </FilterField>
        <FilterField label="Cluster">
          <select name="cluster" defaultValue={filters.cluster ?? ''} className={filterInputClass}>
            <AnyOptions values={clusters.map((c) => c.id)} label={(id) => clusters.find((c) => c.id === id)?.name ?? id} />
          </select>
        </FilterField>
        <FilterField label="Team">
          <select name="team" defaultValue={filters.team ?? ''} className={filterInputClass}>
            <AnyOptions values={teams} label={(t) => t} />
          </select>
        </FilterField>
        <FilterField label="Detected">
          <select name="age" defaultValue={filters.age ?? ''} className={filterInputClass}>
            <option value="">Any time</option>
            {Object.keys(TRIAGE_AGE_FILTERS).map((a) => (
              <option key={a} value={a}>Last {a.replace('d', ' day').replace(/^1 day$/, '24 hours')}{a === '1d' ? '' : 's'}</option>
            ))}
          </select>
        </FilterField>
        {filters.mine ? <input type="hidden" name="mine" value="1" /> : null}
        {filters.unassigned ? <input type="hidden" name="unassigned" value="1" /> : null}
        {filters.breaching ? <input type="hidden" name="breaching" value="1" /> : null}
        {filters.owner ? <input type="hidden" name="owner" value={filters.owner} /> : null}
        <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
          Apply
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {(
          [
            ['mine', 'Assigned to me'],
            ['unassigned', 'Unassigned'],
            ['breaching', 'Breaching SLA'],
          ] as const
        ).map(([key, label]) => (
          <Link
            key={key}
            href={toggle(key)}
            className={cn(
              'inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 font-medium transition-colors hover:bg-muted',
              filters[key] && 'border-primary/40 bg-primary/10 text-primary',
            )}
          >
            {label}
            {/* A link cannot carry aria-pressed: the state is said in words instead. */}
            {filters[key] ? (
              <>
                <X aria-hidden="true" className="size-3" />
                <span className="sr-only"> (on: select to remove)</span>
              </>
            ) : null}
          </Link>
        ))}
        {chips.map((c) => (
          <Link key={c.href} href={c.href} className="inline-flex items-center gap-1 rounded-full border bg-muted px-2.5 py-0.5 hover:bg-muted/70">
            {c.label}
            <X aria-label="Remove filter" className="size-3" />
          </Link>
        ))}
      </div>
    </div>
  );
}

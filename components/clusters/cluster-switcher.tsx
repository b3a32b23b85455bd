'use client';
// Jumps to another cluster's page, keeping the current filters (stage, severity, status, source) in the address.
import { useRouter, useSearchParams } from 'next/navigation';

export interface SwitcherOption {
  path: string;
  label: string;
}

export function ClusterSwitcher({ options, current }: { options: SwitcherOption[]; current: string }) {
  const router = useRouter();
  const search = useSearchParams();
  return (
    <label className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
      Cluster
      <select
        aria-label="Switch cluster"
        data-testid="cluster-switcher"
        value={current}
        onChange={(e) => {
          const query = search.toString();
          router.push(`${e.target.value}${query ? `?${query}` : ''}`);
        }}
        className="h-8 max-w-64 rounded-md border bg-background px-2 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        {options.map((o) => (
          <option key={o.path} value={o.path}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

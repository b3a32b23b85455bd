'use client';
// The rows of the clusters list, rendered from one compact record per cluster. As server markup each row crossed
// the wire twice — once as HTML and again, element by element with every class string, in the RSC payload that
// hydrates the page (≈ 4.7 KB a row, 432 KB at 50 rows). As a client component the payload holds only these
// records, and the HTML is rendered from them once.
import Link from 'next/link';
import { SeverityCounts } from '@/components/posture/severity-counts';
import { TableCell, TableRow } from '@/components/ui/table';
import { SEVERITIES, type Severity } from '@/lib/domain/model';

export interface ClusterRow {
  id: string;
  name: string;
  /** The cluster page's address, worked out on the server (the address helper brings zod with it). */
  href: string;
  resourceGroup: string;
  location: string | null;
  team: string | null;
  kubernetesVersion: string | null;
  networkPolicy: string | null;
  open: Record<Severity, number>;
}

export function ClusterRows({ rows }: { rows: readonly ClusterRow[] }) {
  return rows.map((c) => {
    // Only non-zero counts link to the findings list: a link to an empty list helps nobody.
    const hrefs: Partial<Record<Severity, string>> = Object.fromEntries(
      SEVERITIES.filter((s) => c.open[s] > 0).map((s) => [s, `/findings?cluster=${c.id}&severity=${s}`]),
    );
    return (
      <TableRow key={c.id} data-cluster={c.id}>
        <TableCell>
          <Link href={c.href} className="font-medium hover:underline">{c.name}</Link>
          <div className="text-xs text-muted-foreground">{c.resourceGroup} · {c.location ?? 'unknown region'}</div>
        </TableCell>
        <TableCell>{c.team ?? <span className="text-muted-foreground">untagged</span>}</TableCell>
        <TableCell className="tabular-nums">{c.kubernetesVersion ?? '—'}</TableCell>
        <TableCell>{c.networkPolicy ?? <span className="text-muted-foreground">none</span>}</TableCell>
        <TableCell><SeverityCounts counts={c.open} hrefs={hrefs} compact aria-label={`Open findings on ${c.name}`} /></TableCell>
      </TableRow>
    );
  });
}

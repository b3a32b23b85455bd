// The team comparison: who needs help. Open criticals with an arrow against 30 days ago, SLA breaches, time to
// remediate; each team links to its clusters and to its own trends.
import Link from 'next/link';
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { TeamComparisonRow } from '@/lib/data/team-comparison';
import { toQueryString } from '@/lib/validation/query-string';
import type { TrendFilters } from '@/lib/validation/trends';

function Arrow({ row }: { row: TeamComparisonRow }) {
  const text = `${row.trend === 'up' ? 'up' : row.trend === 'down' ? 'down' : 'unchanged'} from ${row.openCritical30dAgo} 30 days ago`;
  const Icon = row.trend === 'up' ? ArrowUpRight : row.trend === 'down' ? ArrowDownRight : ArrowRight;
  const tone = row.trend === 'up' ? 'text-critical' : row.trend === 'down' ? 'text-pass' : 'text-muted-foreground';
  return (
    <span className={`inline-flex items-center gap-1 ${tone}`} title={text}>
      <Icon aria-hidden="true" className="size-4" />
      <span className="sr-only">{text}</span>
    </span>
  );
}

export function TeamTable({ rows, params }: { rows: TeamComparisonRow[]; params: TrendFilters }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No cluster in your view carries a team tag yet.</p>;
  return (
    <Table data-testid="team-comparison">
      <TableHeader>
        <TableRow>
          <TableHead>Team</TableHead>
          <TableHead className="text-right">Open critical</TableHead>
          <TableHead>vs 30 days ago</TableHead>
          <TableHead className="text-right">Open high</TableHead>
          <TableHead className="text-right">SLA breaches</TableHead>
          <TableHead className="text-right">Fixed</TableHead>
          <TableHead className="text-right">Mean days to fix</TableHead>
          <TableHead className="text-right">Median days to fix</TableHead>
          <TableHead>Clusters</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.team}>
            <TableCell className="font-medium">
              <Link href={`/trends${toQueryString({ range: params.range, team: r.team })}`} className="hover:underline">{r.team}</Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{r.openCritical}</TableCell>
            <TableCell><Arrow row={r} /></TableCell>
            <TableCell className="text-right tabular-nums">{r.openHigh}</TableCell>
            <TableCell className={`text-right tabular-nums ${r.breaches > 0 ? 'font-semibold text-critical' : ''}`}>{r.breaches}</TableCell>
            <TableCell className="text-right tabular-nums">{r.fixed}</TableCell>
            <TableCell className="text-right tabular-nums">{r.meanTtrDays ?? '–'}</TableCell>
            <TableCell className="text-right tabular-nums">{r.medianTtrDays ?? '–'}</TableCell>
            <TableCell><Link href={r.clustersPath} className="underline">Clusters of {r.team}</Link></TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

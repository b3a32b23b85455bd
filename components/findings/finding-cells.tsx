// The cells the findings list and a cluster page's findings table share: the finding (linked, with its rule and a
// status other than open), its stage and control, its source and when it was last seen. Each table keeps its own
// "where" column and its own spacing (`className`).
import Link from 'next/link';
import { SeverityBadge } from '@/components/posture/severity-badge';
import { TableCell } from '@/components/ui/table';
import { getControl, isControlId } from '@/lib/catalog';
import { SOURCE_LABELS, STAGE_LABELS, type Severity, type SourceId, type Stage } from '@/lib/domain/model';

const controlTitle = (id: string) => (isControlId(id) ? getControl(id).title : id);

export interface FindingCellRow {
  id: string;
  severity: Severity;
  title: string;
  ruleId: string;
  status: string;
  stage: Stage;
  controlId: string;
}

export function LeadingFindingCells({ f }: { f: FindingCellRow }) {
  return (
    <>
      <TableCell><SeverityBadge severity={f.severity} /></TableCell>
      <TableCell className="max-w-md">
        <Link href={`/findings/${f.id}`} className="font-medium hover:underline">{f.title}</Link>
        <div className="truncate text-xs text-muted-foreground">{f.ruleId}{f.status !== 'open' ? ` · ${f.status}` : ''}</div>
      </TableCell>
    </>
  );
}

export function TrailingFindingCells({ f, nowrap = false }: { f: FindingCellRow & { source: string; lastSeenAt: string }; nowrap?: boolean }) {
  const wrap = nowrap ? 'whitespace-nowrap ' : '';
  return (
    <>
      <TableCell className="text-sm">
        {STAGE_LABELS[f.stage]}
        <div className="truncate text-xs text-muted-foreground">{controlTitle(f.controlId)}</div>
      </TableCell>
      <TableCell className={`${wrap}text-sm`}>{SOURCE_LABELS[f.source as SourceId] ?? f.source}</TableCell>
      <TableCell className={`${wrap}text-right text-sm tabular-nums`}>
        <time dateTime={f.lastSeenAt}>{f.lastSeenAt.slice(0, 10)}</time>
      </TableCell>
    </>
  );
}

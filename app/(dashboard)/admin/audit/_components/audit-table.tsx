import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuditEntryDto } from '@/lib/audit/list-audit';
import { AUDIT_ACTIONS } from '@/lib/audit/record-audit';

const label = (action: string) => (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  return <pre className="max-w-[40ch] overflow-x-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditTable({ entries }: { entries: AuditEntryDto[] }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">When (UTC)</TableHead>
          <TableHead scope="col">Who</TableHead>
          <TableHead scope="col">What</TableHead>
          <TableHead scope="col">Outcome</TableHead>
          <TableHead scope="col">Target</TableHead>
          <TableHead scope="col">Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="whitespace-nowrap font-mono text-xs">{e.at.replace('T', ' ').slice(0, 19)}</TableCell>
            <TableCell>
              <div>{e.actorName ?? e.actorId}</div>
              {e.ip ? <div className="text-xs text-muted-foreground">{e.ip}</div> : null}
            </TableCell>
            <TableCell>{label(e.action)}</TableCell>
            <TableCell>
              <Badge variant={e.outcome === 'success' ? 'secondary' : 'destructive'}>{e.outcome}</Badge>
            </TableCell>
            <TableCell className="text-xs">{e.targetType ? `${e.targetType}: ${e.targetId ?? ''}` : ''}</TableCell>
            <TableCell>
              {e.before !== null || e.after !== null || e.detail !== null ? (
                <details>
                  <summary className="cursor-pointer text-xs underline">Show</summary>
                  {e.before !== null ? <><p className="mt-1 text-xs font-medium">Before</p><Json value={e.before} /></> : null}
                  {e.after !== null ? <><p className="mt-1 text-xs font-medium">After</p><Json value={e.after} /></> : null}
                  {e.detail !== null ? <><p className="mt-1 text-xs font-medium">Detail</p><Json value={e.detail} /></> : null}
                </details>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

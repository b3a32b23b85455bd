// A plain GET form: filtering needs no script and the result is a bookmarkable URL.
import { buttonVariants } from '@/components/ui/button';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@/lib/audit/record-audit';

const field = 'h-8 rounded-md border bg-background px-2 text-sm';

export function AuditFilters({ current }: { current: Record<string, string | undefined> }) {
  return (
    <form method="get" action="/admin/audit" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Person (name or id)
        <input name="actor" defaultValue={current.actor ?? ''} className={field} maxLength={200} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Action
        <select name="action" defaultValue={current.action ?? ''} className={field}>
          <option value="">Any</option>
          {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Outcome
        <select name="outcome" defaultValue={current.outcome ?? ''} className={field}>
          <option value="">Any</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        From
        <input type="date" name="from" defaultValue={current.from ?? ''} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        To
        <input type="date" name="to" defaultValue={current.to ?? ''} className={field} />
      </label>
      <button type="submit" className={buttonVariants({ variant: 'secondary' })}>Filter</button>
    </form>
  );
}

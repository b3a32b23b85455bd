import Link from 'next/link';
import { Progress } from '@/components/ui/progress';
import type { ComplianceCounts } from '@/lib/data/compliance';

/** Pass ≥ 90 %, warn ≥ 70 %, fail below: the same thresholds everywhere compliance is drawn. */
export function complianceTone(percent: number | null): 'pass' | 'warning' | 'fail' | 'default' {
  if (percent === null) return 'default';
  return percent >= 90 ? 'pass' : percent >= 70 ? 'warning' : 'fail';
}

export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(percent % 1 === 0 ? 0 : 1)}%`;
}

/** One row: label (a link when given), percentage, bar and the counts behind it. */
export function ComplianceBar({ label, href, counts, testId }: { label: string; href?: string; counts: ComplianceCounts; testId?: string }) {
  return (
    <li className="flex flex-col gap-1.5" data-testid={testId}>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        {href ? (
          <Link href={href} className="min-w-0 truncate font-medium hover:underline" title={label}>{label}</Link>
        ) : (
          <span className="min-w-0 truncate font-medium" title={label}>{label}</span>
        )}
        <span className="shrink-0 font-semibold tabular-nums">{formatPercent(counts.percent)}</span>
      </div>
      <Progress value={counts.percent ?? 0} label={`${label} compliance`} valueText={formatPercent(counts.percent)} tone={complianceTone(counts.percent)} />
      <p className="text-xs text-muted-foreground tabular-nums">
        {counts.nonCompliant.toLocaleString('en-US')} non-compliant · {counts.compliant.toLocaleString('en-US')} compliant
        {counts.exempt ? ` · ${counts.exempt.toLocaleString('en-US')} exempt` : ''}
      </p>
    </li>
  );
}

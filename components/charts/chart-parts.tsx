'use client';

import * as React from 'react';
import type { TooltipContentProps } from 'recharts';
import { SEVERITIES, type Severity } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatCompactCount, formatCount } from '@/components/ui/format';
import { SEVERITY_DOT_CLASSES, SEVERITY_LABELS } from '@/components/posture/severity';

/** Axis and grid styling shared by the cartesian charts; tokens keep them legible in both schemes. */
export const AXIS_TICK = { fill: 'var(--color-muted-foreground)', fontSize: 11 } as const;
export const GRID_STROKE = 'var(--color-border)';

/** Y axis of finding counts: whole numbers only, compact past ten thousand, no axis line (the grid carries it). */
export const COUNT_Y_AXIS = {
  allowDecimals: false,
  tickFormatter: (value: number) => formatCompactCount(value),
  tick: AXIS_TICK,
  tickLine: false,
  axisLine: false,
  width: 40,
} as const;

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * Tooltip body for severity-stacked charts: most severe first, zeros left out, a total underneath. Rows carry the
 * severity word next to the swatch so the tooltip does not rely on colour.
 */
export function SeverityTooltipContent({
  active,
  payload,
  label,
  formatLabel,
}: Pick<TooltipContentProps, 'active' | 'payload' | 'label'> & { formatLabel?: (label: string | number) => string }) {
  if (!active || payload.length === 0) return null;
  const rows = payload
    .map((entry) => ({ severity: entry.dataKey, value: typeof entry.value === 'number' ? entry.value : 0 }))
    .filter((row): row is { severity: Severity; value: number } => isSeverity(row.severity))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const total = rows.reduce((sum, row) => sum + row.value, 0);
  return (
    <div className="min-w-40 rounded-md border bg-popover px-2.5 py-2 text-xs text-popover-foreground shadow-md">
      {label !== undefined ? (
        <p className="mb-1.5 font-medium">{formatLabel ? formatLabel(label) : String(label)}</p>
      ) : null}
      <ul className="space-y-0.5 tabular-nums">
        {rows
          .filter((row) => row.value > 0)
          .map((row) => (
            <li key={row.severity} className="flex items-center gap-2">
              <span aria-hidden="true" className={cn('size-2 rounded-[2px]', SEVERITY_DOT_CLASSES[row.severity])} />
              <span className="text-muted-foreground">{SEVERITY_LABELS[row.severity]}</span>
              <span className="ml-auto font-medium">{formatCount(row.value)}</span>
            </li>
          ))}
      </ul>
      <p className="mt-1.5 flex justify-between border-t pt-1.5 font-medium tabular-nums">
        <span>Total</span>
        <span>{formatCount(total)}</span>
      </p>
    </div>
  );
}

/** HTML legend (not Recharts') so it wraps, reads as a list, and pairs each colour with its word and count. */
export function SeverityLegend({
  counts,
  className,
}: {
  counts?: Partial<Record<Severity, number>>;
  className?: string;
}) {
  return (
    <ul aria-label="Legend" className={cn('mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground', className)}>
      {SEVERITIES.map((severity) => (
        <li key={severity} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={cn('size-2 rounded-[2px]', SEVERITY_DOT_CLASSES[severity])} />
          {SEVERITY_LABELS[severity]}
          {counts ? <span className="font-medium tabular-nums text-foreground">{formatCount(counts[severity] ?? 0)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export type SeverityTableRow = { key: string; label: string; total: number } & Record<Severity, number>;

/** The chart's numbers as a table behind a disclosure: the fallback for screen readers and for anyone who wants exact values. */
export function SeverityDataTable({
  caption,
  firstColumn,
  rows,
}: {
  caption: string;
  firstColumn: string;
  rows: readonly SeverityTableRow[];
}) {
  return (
    <details className="group mt-2 text-xs">
      <summary className="cursor-pointer select-none rounded-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
        Show data table
      </summary>
      <div className="mt-2 max-h-64 overflow-auto rounded-md border">
        <table className="w-full text-xs tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-muted">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                {firstColumn}
              </th>
              {SEVERITIES.map((severity) => (
                <th key={severity} scope="col" className="px-2 py-1 text-right font-medium">
                  {SEVERITY_LABELS[severity]}
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {row.label}
                </th>
                {SEVERITIES.map((severity) => (
                  <td key={severity} className="px-2 py-1 text-right">
                    {formatCount(row[severity])}
                  </td>
                ))}
                <td className="px-2 py-1 text-right font-medium">{formatCount(row.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

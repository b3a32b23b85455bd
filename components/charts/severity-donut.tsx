'use client';

import * as React from 'react';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { SEVERITIES, type Severity } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatCompactCount, formatCount, formatPercent } from '@/components/ui/format';
import {
  SEVERITY_CHART_COLORS,
  SEVERITY_DOT_CLASSES,
  SEVERITY_LABELS,
  severityEntries,
  totalSeverityCount,
  type SeverityCountMap,
} from '@/components/posture/severity';
import { ChartFrame } from './chart-frame';
import { summariseSeverityCounts } from './chart-data';

export type SeverityDonutProps = {
  counts: SeverityCountMap;
  label?: string;
  /** Shown under the total in the middle, e.g. "open". */
  centerCaption?: string;
  height?: number;
  className?: string;
};

type Slice = { severity: Severity; name: string; value: number };

function SliceTooltip({ active, name, slices }: { active: boolean; name: unknown; slices: readonly Slice[] }) {
  const slice = slices.find((candidate) => candidate.name === name);
  if (!active || !slice) return null;
  return (
    <div className="rounded-md border bg-popover px-2 py-1 text-xs text-popover-foreground shadow-md tabular-nums">
      <span className="font-medium">{slice.name}</span>: {formatCount(slice.value)}
    </div>
  );
}

/** Share of open findings per severity, with the total in the middle and an exact legend beside it. */
export function SeverityDonut({
  counts,
  label = 'Open findings by severity',
  centerCaption = 'open',
  height = 180,
  className,
}: SeverityDonutProps) {
  const total = totalSeverityCount(counts);
  const slices: Slice[] = severityEntries(counts)
    .filter((entry) => entry.count > 0)
    .map((entry) => ({ severity: entry.severity, name: SEVERITY_LABELS[entry.severity], value: entry.count }));
  return (
    <ChartFrame label={label} summary={summariseSeverityCounts(counts)} height={height} className={className}>
      <div className="flex h-full items-center gap-4">
        <div className="relative aspect-square h-full shrink-0">
          <ResponsiveContainer width="100%" height="100%">
            <PieChart>
              {total === 0 ? (
                // A muted full ring keeps the shape when there is nothing open.
                <Pie
                  data={[{ name: 'none', value: 1 }]}
                  dataKey="value"
                  innerRadius="68%"
                  outerRadius="100%"
                  fill="var(--color-muted)"
                  stroke="none"
                  isAnimationActive={false}
                />
              ) : (
                <Pie
                  data={slices}
                  dataKey="value"
                  nameKey="name"
                  innerRadius="68%"
                  outerRadius="100%"
                  startAngle={90}
                  endAngle={-270}
                  paddingAngle={slices.length > 1 ? 1.5 : 0}
                  // The card colour as a separator keeps adjacent slices apart when their hues are close.
                  stroke="var(--color-card)"
                  strokeWidth={1}
                  isAnimationActive={false}
                >
                  {slices.map((slice) => (
                    <Cell key={slice.severity} fill={SEVERITY_CHART_COLORS[slice.severity]} />
                  ))}
                </Pie>
              )}
              {total === 0 ? null : <Tooltip
                  content={(props) => <SliceTooltip active={props.active} name={props.payload[0]?.name} slices={slices} />}
                />}
            </PieChart>
          </ResponsiveContainer>
          <div aria-hidden="true" className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
            <span className="text-xl font-semibold tabular-nums leading-none">{formatCompactCount(total)}</span>
            <span className="mt-1 text-[11px] text-muted-foreground">{centerCaption}</span>
          </div>
        </div>
        <ul aria-label="Legend" className="min-w-0 flex-1 space-y-1 text-xs tabular-nums">
          {SEVERITIES.map((severity) => {
            const value = counts[severity] ?? 0;
            return (
              <li key={severity} className={cn('flex items-center gap-2', value === 0 && 'text-muted-foreground')}>
                <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-[2px]', SEVERITY_DOT_CLASSES[severity], value === 0 && 'opacity-40')} />
                <span className="truncate">{SEVERITY_LABELS[severity]}</span>
                <span className="ml-auto font-medium">{formatCount(value)}</span>
                <span className="w-9 text-right text-muted-foreground">{formatPercent(value, total)}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </ChartFrame>
  );
}

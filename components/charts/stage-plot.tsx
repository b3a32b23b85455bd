'use client';
// The Recharts half of StageBar, in its own module so `next/dynamic` keeps Recharts out of the first load.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEVERITIES } from '@/lib/domain/model';
import { SEVERITY_CHART_COLORS, SEVERITY_LABELS } from '@/components/posture/severity';
import { AXIS_TICK, COUNT_Y_AXIS, GRID_STROKE, SeverityTooltipContent } from './chart-parts';
import type { toStageRows } from './chart-data';

export function StagePlot({ rows }: { rows: ReturnType<typeof toStageRows> }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap="28%">
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID_STROKE }} interval={0} />
        <YAxis {...COUNT_Y_AXIS} />
        <Tooltip cursor={{ fill: 'var(--color-muted)' }} content={(props) => <SeverityTooltipContent {...props} />} />
        {SEVERITIES.map((severity) => (
          <Bar
            key={severity}
            dataKey={severity}
            name={SEVERITY_LABELS[severity]}
            stackId="open"
            fill={SEVERITY_CHART_COLORS[severity]}
            // A hairline in the card colour separates adjacent segments whose hues are close.
            stroke="var(--color-card)"
            strokeWidth={1}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

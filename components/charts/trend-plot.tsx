'use client';
// The Recharts half of TrendChart, in its own module so `next/dynamic` keeps Recharts out of the first load.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEVERITIES } from '@/lib/domain/model';
import { formatDay } from '@/components/ui/format';
import { SEVERITY_CHART_COLORS, SEVERITY_LABELS } from '@/components/posture/severity';
import { AXIS_TICK, COUNT_Y_AXIS, GRID_STROKE, SeverityTooltipContent } from './chart-parts';
import type { toTrendRows } from './chart-data';

const formatTick = (value: unknown) => (typeof value === 'string' ? formatDay(value) : String(value));

export function TrendPlot({ rows }: { rows: ReturnType<typeof toTrendRows> }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis
          dataKey="day"
          tickFormatter={formatTick}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: GRID_STROKE }}
          minTickGap={24}
        />
        <YAxis {...COUNT_Y_AXIS} />
        <Tooltip
          cursor={{ stroke: 'var(--color-muted-foreground)', strokeDasharray: '3 3' }}
          content={(props) => <SeverityTooltipContent {...props} formatLabel={(day) => formatTick(day)} />}
        />
        {SEVERITIES.map((severity) => (
          <Area
            key={severity}
            dataKey={severity}
            name={SEVERITY_LABELS[severity]}
            stackId="open"
            type="linear"
            stroke={SEVERITY_CHART_COLORS[severity]}
            fill={SEVERITY_CHART_COLORS[severity]}
            fillOpacity={0.35}
            strokeWidth={1.5}
            // Calm, and no motion for people who asked for less: data changes on navigation, not live.
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

'use client';

import * as React from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEVERITIES } from '@/lib/domain/model';
import { formatDay } from '@/components/ui/format';
import { SEVERITY_CHART_COLORS, SEVERITY_LABELS } from '@/components/posture/severity';
import { ChartEmpty, ChartFrame } from './chart-frame';
import { AXIS_TICK, COUNT_Y_AXIS, GRID_STROKE, SeverityDataTable, SeverityLegend, SeverityTooltipContent } from './chart-parts';
import { summariseTrend, toTrendRows, type TrendPoint } from './chart-data';

export type TrendChartProps = {
  data: readonly TrendPoint[];
  /** Accessible name; also the table caption. */
  label?: string;
  height?: number;
  className?: string;
};

const formatTick = (value: unknown) => (typeof value === 'string' ? formatDay(value) : String(value));

/** Stacked area of open findings per day, critical at the bottom where the eye lands first. */
export function TrendChart({
  data,
  label = 'Open findings per day by severity',
  height = 240,
  className,
}: TrendChartProps) {
  const rows = React.useMemo(() => toTrendRows(data), [data]);
  const summary = React.useMemo(() => summariseTrend(data), [data]);
  const latest = rows.at(-1);
  return (
    <ChartFrame
      label={label}
      summary={summary}
      height={height}
      className={className}
      empty={rows.length === 0 ? <ChartEmpty>No trend data for this period yet.</ChartEmpty> : undefined}
      footer={
        rows.length === 0 ? null : (
          <>
            <SeverityLegend counts={latest} />
            <SeverityDataTable
              caption={label}
              firstColumn="Day"
              rows={rows.map((row) => ({ ...row, key: row.day, label: formatDay(row.day) }))}
            />
          </>
        )
      }
    >
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
    </ChartFrame>
  );
}

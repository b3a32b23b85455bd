'use client';
// The Recharts half of SeriesChart, in its own module so `next/dynamic` keeps Recharts out of the first load.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, GRID_STROKE } from './chart-parts';
import type { SeriesValue } from './csv';

export type SeriesKind = 'line' | 'stacked-area' | 'bar';
export interface PlotSeries {
  key: string;
  label: string;
  color: string;
}

export function SeriesPlot({
  kind,
  xKey,
  series,
  rows,
  formatX,
  formatY,
  yDomain,
}: {
  kind: SeriesKind;
  xKey: string;
  series: readonly PlotSeries[];
  rows: readonly Record<string, SeriesValue | undefined>[];
  formatX: (value: string) => string;
  formatY: (value: number) => string;
  yDomain?: [number, number];
}) {
  const common = { data: [...rows], margin: { top: 4, right: 8, bottom: 0, left: 0 } };
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      <XAxis dataKey={xKey} tickFormatter={(v: unknown) => formatX(String(v))} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID_STROKE }} minTickGap={24} />
      <YAxis tickFormatter={(v: number) => formatY(v)} tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} domain={yDomain} allowDecimals={false} />
      <Tooltip
        labelFormatter={(v: unknown) => formatX(String(v))}
        formatter={(value: unknown, name: unknown) => [typeof value === 'number' ? formatY(value) : String(value), String(name)]}
        contentStyle={{ background: 'var(--color-popover)', color: 'var(--color-popover-foreground)', border: '1px solid var(--color-border)', borderRadius: 6, fontSize: 12 }}
        labelStyle={{ fontWeight: 600 }}
      />
    </>
  );
  // No animation: data changes on navigation, not live, and people who asked for less motion get none.
  if (kind === 'bar') {
    return (
      <ResponsiveContainer width="100%" height="100%">
        <BarChart {...common}>
          {axes}
          {series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} radius={[2, 2, 0, 0]} />)}
        </BarChart>
      </ResponsiveContainer>
    );
  }
  if (kind === 'stacked-area') {
    return (
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart {...common}>
          {axes}
          {series.map((s) => (
            <Area key={s.key} dataKey={s.key} name={s.label} stackId="stack" type="linear" stroke={s.color} fill={s.color} fillOpacity={0.35} strokeWidth={1.5} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    );
  }
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart {...common}>
        {axes}
        {series.map((s, i) => (
          <Line key={s.key} dataKey={s.key} name={s.label} type="monotone" stroke={s.color} strokeWidth={i === 0 ? 2.5 : 1.5} dot={false} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

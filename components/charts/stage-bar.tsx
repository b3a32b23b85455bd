'use client';

import * as React from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEVERITIES } from '@/lib/domain/model';
import { SEVERITY_CHART_COLORS, SEVERITY_LABELS } from '@/components/posture/severity';
import { ChartFrame } from './chart-frame';
import { AXIS_TICK, COUNT_Y_AXIS, GRID_STROKE, SeverityDataTable, SeverityLegend, SeverityTooltipContent } from './chart-parts';
import { summariseStages, toStageRows, type StageBarDatum } from './chart-data';

export type StageBarProps = {
  data: readonly StageBarDatum[];
  label?: string;
  height?: number;
  className?: string;
};

/** Open findings per lifecycle stage (Plan → Operate), each column stacked by severity. */
export function StageBar({ data, label = 'Open findings per stage by severity', height = 220, className }: StageBarProps) {
  const rows = React.useMemo(() => toStageRows(data), [data]);
  return (
    <ChartFrame
      label={label}
      summary={summariseStages(data)}
      height={height}
      className={className}
      footer={
        <>
          <SeverityLegend />
          <SeverityDataTable
            caption={label}
            firstColumn="Stage"
            rows={rows.map((row) => ({ ...row, key: row.stage }))}
          />
        </>
      }
    >
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
    </ChartFrame>
  );
}

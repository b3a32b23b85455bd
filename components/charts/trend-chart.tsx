'use client';

import * as React from 'react';
import dynamic from 'next/dynamic';
import { formatDay } from '@/components/ui/format';
import { ChartEmpty, ChartFrame, ChartLoading } from './chart-frame';
import { SeverityDataTable, SeverityLegend } from './chart-parts';
import { summariseTrend, toTrendRows, type TrendPoint } from './chart-data';

export type TrendChartProps = {
  data: readonly TrendPoint[];
  /** Accessible name; also the table caption. */
  label?: string;
  height?: number;
  className?: string;
};

// Recharts loads after the page, into the height ChartFrame reserves, so nothing shifts when it arrives.
const TrendPlot = dynamic(() => import('./trend-plot').then((m) => m.TrendPlot), { ssr: false, loading: () => <ChartLoading /> });

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
      <TrendPlot rows={rows} />
    </ChartFrame>
  );
}

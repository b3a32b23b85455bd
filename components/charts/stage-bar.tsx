'use client';

import * as React from 'react';
import dynamic from 'next/dynamic';
import { ChartFrame, ChartLoading } from './chart-frame';
import { SeverityDataTable, SeverityLegend } from './chart-parts';
import { summariseStages, toStageRows, type StageBarDatum } from './chart-data';

// Recharts loads after the page, into the height ChartFrame reserves, so nothing shifts when it arrives.
const StagePlot = dynamic(() => import('./stage-plot').then((m) => m.StagePlot), { ssr: false, loading: () => <ChartLoading /> });

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
      <StagePlot rows={rows} />
    </ChartFrame>
  );
}

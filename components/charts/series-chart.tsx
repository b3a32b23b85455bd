'use client';
// A chart with everything the trends page promises around it: a legend in words, a data table of the same numbers,
// a CSV download built from that table's columns and rows (components/charts/csv.ts), so the three agree, and a PNG
// of the chart as drawn, with its title and legend (chart-png-export.ts).
import * as React from 'react';
import dynamic from 'next/dynamic';
import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatDay } from '@/components/ui/format';
import { ChartEmpty, ChartFrame, ChartLoading } from './chart-frame';
import { downloadChartPng } from './chart-png-export';
import { cellText, csvFileName, toCsv, type SeriesColumn, type SeriesValue } from './csv';
import type { PlotSeries, SeriesKind } from './series-plot';

const SeriesPlot = dynamic(() => import('./series-plot').then((m) => m.SeriesPlot), { ssr: false, loading: () => <ChartLoading /> });


export type SeriesUnit = 'count' | 'percent' | 'days';

export interface SeriesChartProps {
  label: string;
  /** Plain-language summary read by screen readers in place of the picture. */
  summary: string;
  kind: SeriesKind;
  /** The x column: a day (YYYY-MM-DD) or a week start. */
  x: { key: string; label: string };
  series: readonly PlotSeries[];
  /** Columns shown in the table and the CSV but not drawn (e.g. a count beside plotted days). */
  extraColumns?: readonly SeriesColumn[];
  rows: readonly Record<string, SeriesValue | undefined>[];
  unit: SeriesUnit;
  height?: number;
  empty?: string;
}

const formatValue = (unit: SeriesUnit) => (v: number) => (unit === 'percent' ? `${v}%` : unit === 'days' ? `${v} d` : v.toLocaleString('en-US'));

export function SeriesChart({ label, summary, kind, x, series, extraColumns = [], rows, unit, height = 240, empty = 'No data for this period yet.' }: SeriesChartProps) {
  const columns = React.useMemo(
    () => [{ key: x.key, label: x.label }, ...series.map((s) => ({ key: s.key, label: s.label })), ...extraColumns],
    [x, series, extraColumns],
  );
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = csvFileName(label);
    a.click();
    URL.revokeObjectURL(url);
  };
  const [pngError, setPngError] = React.useState<string | null>(null);
  const downloadPng = (event: React.MouseEvent<HTMLButtonElement>) => {
    const figure = event.currentTarget.closest('figure');
    if (!figure) return;
    setPngError(null);
    downloadChartPng(figure, { label, legend: series }).catch((e: unknown) => setPngError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <ChartFrame
      label={label}
      summary={summary}
      height={height}
      empty={rows.length === 0 ? <ChartEmpty>{empty}</ChartEmpty> : undefined}
      footer={
        rows.length === 0 ? null : (
          <>
            <ul aria-label="Legend" className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
              {series.map((s) => (
                <li key={s.key} className="inline-flex items-center gap-1.5">
                  <span aria-hidden="true" className="size-2 rounded-[2px]" style={{ background: s.color }} />
                  {s.label}
                </li>
              ))}
            </ul>
            <div className="mt-2 flex flex-wrap items-start justify-between gap-2">
              <details className="group min-w-0 flex-1 text-xs" data-testid="chart-table">
                <summary className="cursor-pointer select-none rounded-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                  Show data table
                </summary>
                <div className="mt-2 max-h-64 overflow-auto rounded-md border">
                  <table className="w-full text-xs tabular-nums">
                    <caption className="sr-only">{label}</caption>
                    <thead className="sticky top-0 bg-muted">
                      <tr>
                        {columns.map((c, i) => (
                          <th key={c.key} scope="col" className={i === 0 ? 'px-2 py-1 text-left font-medium' : 'px-2 py-1 text-right font-medium'}>{c.label}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row, r) => (
                        <tr key={cellText(row[x.key]) || r} className="border-t">
                          {columns.map((c, i) =>
                            i === 0 ? (
                              <th key={c.key} scope="row" className="px-2 py-1 text-left font-normal">{cellText(row[c.key])}</th>
                            ) : (
                              <td key={c.key} className="px-2 py-1 text-right">{cellText(row[c.key])}</td>
                            ),
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
              <div className="flex gap-2">
                <Button type="button" size="sm" variant="outline" onClick={download}>
                  <Download aria-hidden="true" className="size-3.5" />
                  <span className="sr-only">Download </span>CSV<span className="sr-only"> of {label}</span>
                </Button>
                <Button type="button" size="sm" variant="outline" onClick={downloadPng}>
                  <Download aria-hidden="true" className="size-3.5" />
                  <span className="sr-only">Download </span>PNG<span className="sr-only"> of {label}</span>
                </Button>
              </div>
            </div>
            {pngError ? (
              <p role="alert" className="mt-1 text-xs text-critical">
                PNG not saved: {pngError}
              </p>
            ) : null}
          </>
        )
      }
    >
      <SeriesPlot kind={kind} xKey={x.key} series={series} rows={rows} formatX={(v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : v)} formatY={formatValue(unit)} yDomain={unit === 'percent' ? [0, 100] : undefined} />
    </ChartFrame>
  );
}

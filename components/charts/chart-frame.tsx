import * as React from 'react';
import { cn } from '@/components/ui/cn';

export type ChartFrameProps = {
  /** Accessible name of the chart, e.g. "Open findings per day by severity". */
  label: string;
  /** Plain-language summary read after the name; the chart itself is only a picture of it. */
  summary: string;
  /** Fixed pixel height reserved before Recharts measures, so the page does not jump when the chart appears. */
  height: number;
  className?: string;
  /** Shown instead of the chart when there is nothing to draw, in the same reserved space. */
  empty?: React.ReactNode;
  /** Legend, data table and other text under the plot. */
  footer?: React.ReactNode;
  children: React.ReactNode;
};

export function ChartFrame({ label, summary, height, className, empty, footer, children }: ChartFrameProps) {
  const summaryId = React.useId();
  return (
    <figure data-slot="chart" aria-label={label} aria-describedby={summaryId} className={cn('m-0 w-full min-w-0', className)}>
      <p id={summaryId} className="sr-only">
        {summary}
      </p>
      <div className="relative w-full" style={{ height }}>
        {empty ?? children}
      </div>
      {footer}
    </figure>
  );
}

export function ChartEmpty({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-full items-center justify-center rounded-md border border-dashed text-xs text-muted-foreground">
      {children}
    </div>
  );
}

/** Fills the reserved plot area while the chart's code loads. */
export function ChartLoading() {
  return <div aria-hidden="true" className="h-full w-full animate-pulse rounded-md bg-muted/40" />;
}

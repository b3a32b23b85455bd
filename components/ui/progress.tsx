import * as React from 'react';
import { cn } from './cn';
import { clampPercent } from './format';

export type ProgressProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  value: number;
  max?: number;
  /** Accessible name, e.g. "Controls passing". */
  label: string;
  /** Spoken value, e.g. "42 of 60 controls"; defaults to the percentage. */
  valueText?: string;
  tone?: 'default' | 'pass' | 'fail' | 'warning';
};

const TONE: Record<NonNullable<ProgressProps['tone']>, string> = {
  default: 'bg-primary',
  pass: 'bg-pass',
  fail: 'bg-fail',
  warning: 'bg-warning',
};

export function Progress({ value, max = 100, label, valueText, tone = 'default', className, ...props }: ProgressProps) {
  const percent = clampPercent(value, max);
  return (
    <div
      data-slot="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(Math.max(value, 0), max)}
      aria-valuetext={valueText ?? `${Math.round(percent)}%`}
      className={cn('relative h-1.5 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <div className={cn('h-full rounded-full transition-[width]', TONE[tone])} style={{ width: `${percent}%` }} />
    </div>
  );
}

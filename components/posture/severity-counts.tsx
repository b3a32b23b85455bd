import * as React from 'react';
import Link from 'next/link';
import type { Severity } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatCompactCount, formatCount } from '@/components/ui/format';
import {
  SEVERITY_DOT_CLASSES,
  SEVERITY_LABELS,
  SEVERITY_SHORT_LABELS,
  severityEntries,
  type SeverityCountMap,
} from './severity';

export type SeverityCountsProps = Omit<React.ComponentProps<'ul'>, 'children'> & {
  counts: SeverityCountMap;
  /** Where each count leads, e.g. the findings list filtered to that severity. A plain object (not a function) so a
   * server component can pass it to client parents too. */
  hrefs?: Partial<Record<Severity, string>>;
  /** Short labels ("Crit", "Med") for tight rows; the full word stays available to screen readers. */
  compact?: boolean;
  /** Names the list, e.g. "Open findings by severity". */
  'aria-label'?: string;
};

/** One row of five counts. Zeros are dimmed rather than hidden so the row keeps its shape from one card to the next. */
export function SeverityCounts({
  counts,
  hrefs,
  compact = false,
  className,
  'aria-label': ariaLabel = 'Open findings by severity',
  ...props
}: SeverityCountsProps) {
  return (
    <ul
      data-slot="severity-counts"
      aria-label={ariaLabel}
      className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 text-xs tabular-nums', className)}
      {...props}
    >
      {severityEntries(counts).map(({ severity, count }) => {
        const zero = count === 0;
        const content = (
          <>
            <span
              aria-hidden="true"
              className={cn('size-2 shrink-0 rounded-[2px]', SEVERITY_DOT_CLASSES[severity], zero && 'opacity-40')}
            />
            <span className={cn('font-semibold', zero ? 'font-normal' : 'text-foreground')}>
              {formatCompactCount(count)}
            </span>
            {compact ? (
              <>
                <span aria-hidden="true">{SEVERITY_SHORT_LABELS[severity]}</span>
                <span className="sr-only">{SEVERITY_LABELS[severity]}</span>
              </>
            ) : (
              <span>{SEVERITY_LABELS[severity]}</span>
            )}
          </>
        );
        const href = hrefs?.[severity];
        const itemClass = cn('inline-flex items-center gap-1 text-muted-foreground', zero && 'opacity-70');
        return (
          <li key={severity} data-severity={severity} title={`${formatCount(count)} ${SEVERITY_LABELS[severity]}`}>
            {href ? (
              <Link
                href={href}
                className={cn(
                  itemClass,
                  'rounded-sm hover:text-foreground hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                )}
              >
                {content}
              </Link>
            ) : (
              <span className={itemClass}>{content}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

import * as React from 'react';
import Link from 'next/link';
import type { Severity } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatCompactCount, formatCount } from '@/components/ui/format';
import {
  SEVERITY_BORDER_CLASSES,
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

/**
 * One row of five counts. Zeros stay in place so the row keeps its shape from one card to the next, but read quieter:
 * regular weight in the muted text colour (never faded below 4.5:1 contrast, WCAG 1.4.3), a hollow marker instead of
 * a filled one, and no link — a zero has nothing to drill into, and 200 dead tab stops on the board would bury the
 * live ones for keyboard users.
 */
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
              className={cn(
                'size-2 shrink-0 rounded-[2px]',
                zero ? cn('border', SEVERITY_BORDER_CLASSES[severity]) : SEVERITY_DOT_CLASSES[severity],
              )}
            />
            <span className={zero ? 'font-normal' : 'font-semibold text-foreground'}>{formatCompactCount(count)}</span>
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
        const href = zero ? undefined : hrefs?.[severity];
        // 24px tall: the WCAG 2.2 minimum target size (2.5.8), in rows where the counts sit 12px apart.
        const itemClass = 'inline-flex min-h-6 items-center gap-1 text-muted-foreground';
        return (
          <li key={severity} data-severity={severity} data-count={count} title={`${formatCount(count)} ${SEVERITY_LABELS[severity]}`}>
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

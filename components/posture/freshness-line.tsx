import * as React from 'react';
import { CircleX, TriangleAlert } from 'lucide-react';
import { SOURCE_LABELS } from '@/lib/domain/model';
import { cn } from '@/components/ui/cn';
import { formatAbsoluteTime, formatRelativeTime, type DateInput } from '@/components/ui/format';
import { describeFreshness, DEFAULT_STALE_AFTER_MS, type SourceFreshness } from './freshness';

export type FreshnessLineProps = Omit<React.ComponentProps<'dl'>, 'children'> & {
  sources: readonly SourceFreshness[];
  /** The request time; passed in so a page renders every relative time against the same instant. */
  now?: DateInput;
  staleAfterMs?: number;
};

/** `<time>` with the exact UTC time as a hover title and, for screen readers and keyboard users, in hidden text. */
function Timestamp({ at, now }: { at: Date; now: DateInput }) {
  const absolute = formatAbsoluteTime(at);
  return (
    <>
      <time dateTime={at.toISOString()} title={absolute}>
        {formatRelativeTime(at, now)}
      </time>
      <span className="sr-only"> ({absolute})</span>
    </>
  );
}

/** "Defender alerts: 5 minutes ago · Sentinel incidents: failed 2 hours ago — 403 Forbidden · …" */
export function FreshnessLine({
  sources,
  // A server component rendered per request: "now" is the request's time, which is the point of the line.
  // eslint-disable-next-line react-hooks/purity
  now = Date.now(),
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
  className,
  ...props
}: FreshnessLineProps) {
  return (
    <dl
      data-slot="freshness-line"
      className={cn('flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-muted-foreground', className)}
      {...props}
    >
      {sources.map((entry) => {
        const state = describeFreshness(entry, now, staleAfterMs);
        return (
          <div key={entry.source} data-source={entry.source} data-state={state.kind} className="flex min-w-0 items-baseline gap-1">
            <dt className="shrink-0 font-medium text-foreground">{SOURCE_LABELS[entry.source]}:</dt>
            <dd className="min-w-0">
              {state.kind === 'not-connected' ? (
                <span className="italic">not connected yet</span>
              ) : state.kind === 'never' ? (
                <span className="italic">never synced</span>
              ) : state.kind === 'synced' ? (
                <span className={cn(state.stale && 'text-warning')}>
                  {state.stale ? <TriangleAlert aria-hidden="true" className="mr-0.5 inline size-3 align-[-2px]" /> : null}
                  {state.stale ? 'stale, last synced ' : null}
                  <Timestamp at={state.at} now={now} />
                </span>
              ) : (
                <span className="text-destructive">
                  <CircleX aria-hidden="true" className="mr-0.5 inline size-3 align-[-2px]" />
                  failed <Timestamp at={state.at} now={now} />
                  {': '}
                  <span className="break-words font-mono [overflow-wrap:anywhere]">{state.error}</span>
                  {state.lastSuccessAt ? (
                    <span className="text-muted-foreground">
                      {' '}
                      (last success <Timestamp at={state.lastSuccessAt} now={now} />)
                    </span>
                  ) : (
                    <span className="text-muted-foreground"> (never synced successfully)</span>
                  )}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

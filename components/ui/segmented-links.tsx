import * as React from 'react';
import Link from 'next/link';
import { cn } from './cn';

export type SegmentedLinkItem = {
  label: React.ReactNode;
  href: string;
  active: boolean;
};

export type SegmentedLinksProps = Omit<React.ComponentProps<'nav'>, 'children'> & {
  items: readonly SegmentedLinkItem[];
  /** Names the group for screen readers, e.g. "Stage". Required: several of these can sit on one page. */
  'aria-label': string;
  size?: 'sm' | 'default';
};

/**
 * Tab-like switch whose options are links, because the filter it sets lives in the URL: each option is a bookmark,
 * works without JavaScript, and the back button undoes it. Links (not role="tab") keep native keyboard behaviour.
 */
export function SegmentedLinks({ items, size = 'default', className, ...props }: SegmentedLinksProps) {
  return (
    <nav data-slot="segmented-links" className={cn('inline-flex', className)} {...props}>
      <ul className="inline-flex items-center gap-0.5 rounded-lg border bg-muted p-0.5">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.active ? 'page' : undefined}
              scroll={false}
              className={cn(
                'inline-flex items-center gap-1.5 whitespace-nowrap rounded-md font-medium text-muted-foreground transition-colors',
                'hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
                size === 'sm' ? 'h-6 px-2 text-xs' : 'h-7 px-2.5 text-sm',
                item.active && 'bg-background text-foreground shadow-xs ring-1 ring-border',
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

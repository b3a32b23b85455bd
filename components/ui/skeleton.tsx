import * as React from 'react';
import { cn } from './cn';

/** Decorative placeholder: the surrounding region carries `aria-busy`, so the shapes themselves stay hidden. */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-muted', className)}
      {...props}
    />
  );
}

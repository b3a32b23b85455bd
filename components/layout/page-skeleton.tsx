import { Skeleton } from '@/components/ui/skeleton';

/** The loading state of a route segment, shaped like a page header over a content block. */
export function PageSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-12 w-1/3" />
      <Skeleton className="h-[480px]" />
    </div>
  );
}

'use client';
// The error state of a whole route segment: a person-readable message and a retry; the details stay in the
// server log, referenced by the digest.
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert
      variant="error"
      title="This page could not be loaded"
      description={`Something failed while loading the data. Try again; if it keeps failing, check the sources' status.${error.digest ? ` Reference: ${error.digest}.` : ''}`}
      action={<Button size="sm" variant="outline" onClick={reset}>Retry</Button>}
    />
  );
}

// A URL whose filters do not parse: say which parameter is wrong and offer the unfiltered view, instead of
// silently ignoring it and showing numbers for a different question.
import Link from 'next/link';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';

export function InvalidParams({ error, resetHref }: { error: z.ZodError; resetHref: string }) {
  // It stands in for the whole page, so it carries the page's h1 (hidden: the alert's title says the same on screen).
  return (
    <>
      <h1 className="sr-only">Filter not understood</h1>
      <Alert
        variant="error"
        title="This link has a filter we cannot read"
        description={
          <ul className="list-disc pl-5">
            {error.issues.map((i, n) => (
              <li key={n}>
                <code>{i.path.filter((p) => typeof p === 'string').join('.') || 'query'}</code>: {i.message}
              </li>
            ))}
          </ul>
        }
        action={
          <Link href={resetHref} className="text-sm font-medium underline">
            Clear filters
          </Link>
        }
      />
    </>
  );
}

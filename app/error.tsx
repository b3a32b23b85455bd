'use client';
// Errors of a section's own layout, which its error.tsx cannot catch: the dashboard's layout checks the session
// first, and with the database unreachable that check fails. The app's error state with a retry, centred, since
// the page chrome did not render.
import { RouteError } from '@/components/layout/route-error';

export default function AppError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto mt-16 w-full max-w-xl px-6">
      <RouteError {...props} />
    </main>
  );
}

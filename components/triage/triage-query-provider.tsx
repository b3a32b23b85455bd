'use client';
// TanStack Query for the triage views: one client per mounted view (no module-level singleton shared across
// requests on the server).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import * as React from 'react';

export function TriageQueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = React.useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

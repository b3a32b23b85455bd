'use client';
// TanStack Query for a client view: one client per mounted view (no module-level singleton shared across
// requests on the server).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import * as React from 'react';

export function QueryProvider({ children, staleTimeMs = 15_000 }: { children: React.ReactNode; staleTimeMs?: number }) {
  const [client] = React.useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: staleTimeMs, retry: 1 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

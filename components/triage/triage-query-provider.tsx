'use client';
// TanStack Query for the triage views (components/query/query-provider.tsx).
import type * as React from 'react';
import { QueryProvider } from '../query/query-provider';

export function TriageQueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}

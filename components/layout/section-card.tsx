// A titled card around one data section of a page: it loads (Suspense) and fails (SectionBoundary) on its own.
import { Suspense } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { SectionBoundary } from './section-boundary';

export function SectionCard({ id, title, description, children }: { id?: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card id={id} className="scroll-mt-4">
      <CardHeader>
        <CardTitle as="h2">{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        <SectionBoundary title={title}>
          <Suspense fallback={<Skeleton className="h-32" />}>{children}</Suspense>
        </SectionBoundary>
      </CardContent>
    </Card>
  );
}

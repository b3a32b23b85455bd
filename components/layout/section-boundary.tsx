'use client';
// Wraps one data section of a page: if its query fails, that section shows an error with a retry, and the
// rest of the page still renders. Never an empty or zero state in place of an error.
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

interface State {
  error: (Error & { digest?: string }) | null;
}

class Boundary extends React.Component<{ title: string; onRetry: () => void; children: React.ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    const digest = this.state.error.digest;
    return (
      <Alert
        variant="error"
        title={`${this.props.title} could not be loaded`}
        description={`The data behind this section did not load. Other sections are unaffected.${digest ? ` Reference: ${digest}.` : ''}`}
        action={
          <Button
            size="sm"
            variant="outline"
            onClick={() => {
              this.setState({ error: null });
              this.props.onRetry();
            }}
          >
            Retry
          </Button>
        }
      />
    );
  }
}

export function SectionBoundary({ title, children }: { title: string; children: React.ReactNode }) {
  const router = useRouter();
  return (
    <Boundary title={title} onRetry={() => router.refresh()}>
      {children}
    </Boundary>
  );
}

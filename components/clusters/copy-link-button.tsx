'use client';
// Copies the page's full address, filters included, so a colleague (or a bookmark) opens exactly this view.
import * as React from 'react';
import { Check, Link2 } from 'lucide-react';
import { Button } from '@/components/ui/button';

export function CopyLinkButton() {
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      data-testid="copy-link"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(window.location.href);
          setState('copied');
        } catch {
          setState('failed');
        }
        window.setTimeout(() => setState('idle'), 2500);
      }}
    >
      {state === 'copied' ? <Check aria-hidden="true" /> : <Link2 aria-hidden="true" />}
      {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Copy failed — use the address bar' : 'Copy link'}
      <span className="sr-only" aria-live="polite">{state === 'copied' ? 'The link to this view is on the clipboard.' : ''}</span>
    </Button>
  );
}

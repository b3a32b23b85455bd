// The landing page's way into the queue: what needs attention, SLA breaches and critical items, within scope.
// Reads the triage queue table (never the findings table); a failed read shows an error, never "0".
import { ArrowRight, Siren } from 'lucide-react';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { Viewer } from '@/lib/auth/viewer';
import { getTriageAttention } from '@/lib/data/triage';

export async function TriageAttentionCard({ viewer }: { viewer: Viewer }) {
  const a = await getTriageAttention(viewer);
  return (
    <Card data-testid="triage-attention">
      <CardHeader className="flex-row items-center justify-between pb-2">
        <CardTitle className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          <Siren aria-hidden="true" className="size-4" />
          Security triage
        </CardTitle>
        <Link href="/triage" className="inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline">
          Open the queue <ArrowRight aria-hidden="true" className="size-3.5" />
        </Link>
      </CardHeader>
      <CardContent className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
        <Link href="/triage" className="text-3xl font-semibold tabular-nums hover:underline" data-testid="triage-attention-count">
          {a.active.toLocaleString('en-US')}
        </Link>
        <span className="text-sm text-muted-foreground">alerts, incidents and new critical/high findings need attention</span>
        <Link href="/triage?breaching=1" className={`text-sm tabular-nums hover:underline ${a.breaching > 0 ? 'font-medium text-critical' : 'text-muted-foreground'}`}>
          {a.breaching.toLocaleString('en-US')} breaching SLA
        </Link>
        <Link href="/triage?severity=critical" className="text-sm tabular-nums text-muted-foreground hover:underline">
          {a.critical.toLocaleString('en-US')} critical
        </Link>
      </CardContent>
    </Card>
  );
}

// A cluster's open alerts, incidents and new critical/high findings, most urgent first, with SLA breaches marked —
// for the cluster page. Scope is applied inside the query, like everywhere else.
import Link from 'next/link';
import { SeverityBadge } from '@/components/posture/severity-badge';
import { SlaDue } from '@/components/triage/sla-due';
import { TriageStatusBadge } from '@/components/triage/triage-status-badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { Viewer } from '@/lib/auth/viewer';
import { listClusterTriage } from '@/lib/data/triage';

export async function ClusterTriagePanel({ viewer, clusterId }: { viewer: Viewer; clusterId: string }) {
  const items = await listClusterTriage(viewer, clusterId);
  const breaching = items.filter((i) => i.sla === 'breached').length;
  return (
    <Card data-testid="cluster-triage">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle as="h2">Security alerts and incidents</CardTitle>
        <Link href={`/triage?cluster=${clusterId}`} className="text-sm text-primary hover:underline">
          {items.length === 0 ? 'Triage queue' : `All in the triage queue${breaching ? ` · ${breaching} breaching SLA` : ''}`}
        </Link>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing open on this cluster.</p>
        ) : (
          <ul className="divide-y text-sm">
            {items.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2">
                <SeverityBadge severity={i.severity} />
                <Link href={`/triage/${i.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">{i.title}</Link>
                <TriageStatusBadge status={i.status} expired={i.acceptanceExpired} />
                <SlaDue dueAt={i.dueAt} sla={i.sla} />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

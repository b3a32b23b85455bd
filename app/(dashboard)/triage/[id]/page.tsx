import type { Metadata } from 'next';
import { ExternalLink } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { SeverityBadge } from '@/components/posture/severity-badge';
import { SlaDue } from '@/components/triage/sla-due';
import { TriageQueryProvider } from '@/components/triage/triage-query-provider';
import { TriageStatusBadge } from '@/components/triage/triage-status-badge';
import { WriteBackNote } from '@/components/triage/write-back-note';
import { WriteBackDetail } from '@/components/triage/write-back-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { getEnv } from '@/lib/env';
import { requirePermission } from '@/lib/auth/session';
import { getTriageItem, listAssignees } from '@/lib/data/triage';
import { SOURCE_LABELS, type SourceId } from '@/lib/domain/model';
import { isAppError } from '@/lib/errors';
import { triageItemIdSchema } from '@/lib/validation/triage';
import { EntityList } from './_components/entity-list';
import { ItemActions } from './_components/item-actions';
import { TriageHistory } from './_components/triage-history';

export const metadata: Metadata = { title: 'Triage item' };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const TARGET_LABELS: Record<string, string> = { cluster: 'Cluster', workload: 'Workload', registry: 'Container registry', 'key-vault': 'Key vault', image: 'Image', other: 'Resource' };

export default async function TriageItemPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission('findings.view');
  const id = triageItemIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let item;
  try {
    item = await getTriageItem(viewer, id.data);
  } catch (e) {
    // Out of scope and absent look the same.
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const canTriage = can(viewer, 'findings.triage');
  const assignees = canTriage ? await listAssignees(viewer) : [];
  const ev = item.evidence;
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/triage" className="hover:underline">Triage</Link>
        {item.cluster ? (
          <>
            {' / '}
            <Link href={`/clusters/${item.cluster.id}`} className="hover:underline">{item.cluster.name}</Link>
          </>
        ) : null}
      </nav>
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-3"><SeverityBadge severity={item.severity} />{item.title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {SOURCE_LABELS[item.source as SourceId] ?? item.source}
            {ev?.incidentNumber ? ` · incident #${ev.incidentNumber}` : ''} · <TriageStatusBadge status={item.status} expired={item.acceptanceExpired} />
          </span>
        }
        actions={<WriteBackNote canTriage={canTriage} writeBackEnabled={getEnv().TRIAGE_WRITE_BACK} />}
      />
      {item.acceptanceExpired ? (
        <p className="rounded-md border border-high/40 bg-high/10 px-3 py-2 text-sm" role="status">
          The risk acceptance expired on {item.acceptedUntil?.slice(0, 10)}: this item is open again.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card>
            <CardHeader><CardTitle as="h2">What happened</CardTitle></CardHeader>
            <CardContent>
              <dl className="divide-y">
                {item.description ? <Row label="Description">{item.description}</Row> : null}
                <Row label="Hit">
                  {item.target && item.target.kind !== 'cluster' ? `${TARGET_LABELS[item.target.kind] ?? 'Resource'}${item.target.name ? ` · ${item.target.name}` : ''}` : null}
                  {!item.target && !item.cluster ? '—' : null}
                  {item.cluster ? (
                    <>
                      {item.target && item.target.kind !== 'cluster' ? ' on ' : 'Cluster '}
                      <Link href={`/clusters/${item.cluster.id}`} className="font-medium hover:underline">{item.cluster.name}</Link>
                    </>
                  ) : null}
                  {item.team ? <span className="text-muted-foreground"> · team {item.team}</span> : null}
                </Row>
                <Row label="Resource"><code className="text-xs">{item.resourceId}</code></Row>
                <Row label="Detected"><time dateTime={item.detectedAt}>{item.detectedAt.replace('T', ' ').slice(0, 16)} UTC</time></Row>
                <Row label="SLA due"><SlaDue dueAt={item.dueAt} sla={item.sla} /></Row>
                <Row label="Rule">{item.ruleId}</Row>
                {item.writeBack.state !== 'local' || item.writeBack.reason === 'off' ? <Row label="Write-back"><WriteBackDetail status={item.writeBack} /></Row> : null}
                {ev?.sourceStatus ? <Row label="Status at source">{ev.sourceStatus}{!item.sourceOpen ? ' (closed)' : ''}</Row> : null}
                {ev?.sourceOwner ? <Row label="Owner at source">{ev.sourceOwner}</Row> : null}
                {ev?.classification ? <Row label="Classification">{ev.classification}{ev.classificationReason ? ` · ${ev.classificationReason}` : ''}</Row> : null}
                {ev?.portalUrl ? (
                  <Row label="In Azure">
                    <a href={ev.portalUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 hover:underline">
                      Open in the Azure portal <ExternalLink aria-hidden="true" className="size-3" />
                    </a>
                  </Row>
                ) : null}
              </dl>
            </CardContent>
          </Card>
          {ev ? (
            <Card>
              <CardHeader><CardTitle as="h2">Evidence</CardTitle></CardHeader>
              <CardContent className="flex flex-col gap-4 text-sm">
                <div>
                  <h3 className="mb-1.5 text-xs font-medium text-muted-foreground">MITRE ATT&CK tactics and techniques</h3>
                  {ev.tactics.length + ev.techniques.length === 0 ? (
                    <p className="text-muted-foreground">None reported.</p>
                  ) : (
                    <ul className="flex flex-wrap gap-1.5" data-testid="mitre">
                      {ev.tactics.map((t) => <li key={`t-${t}`}><Badge variant="secondary">{t}</Badge></li>)}
                      {ev.techniques.map((t) => <li key={`q-${t}`}><Badge variant="outline" className="font-mono">{t}</Badge></li>)}
                    </ul>
                  )}
                </div>
                <div>
                  <h3 className="mb-1.5 text-xs font-medium text-muted-foreground">Entities</h3>
                  <EntityList entities={ev.entities} compromised={ev.compromisedEntity} />
                </div>
                {ev.remediationSteps.length > 0 || item.remediation ? (
                  <div>
                    <h3 className="mb-1.5 text-xs font-medium text-muted-foreground">Remediation</h3>
                    <ol className="list-decimal space-y-1 pl-5">
                      {(ev.remediationSteps.length > 0 ? ev.remediationSteps : (item.remediation ?? '').split('\n')).map((s) => <li key={s}>{s}</li>)}
                    </ol>
                  </div>
                ) : null}
              </CardContent>
            </Card>
          ) : item.remediation ? (
            <Card>
              <CardHeader><CardTitle as="h2">Remediation</CardTitle></CardHeader>
              <CardContent className="text-sm">{item.remediation}</CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader><CardTitle as="h2">Related</CardTitle></CardHeader>
            <CardContent>
              {item.related.length === 0 ? (
                <p className="text-sm text-muted-foreground">No related alert or incident.</p>
              ) : (
                <ul className="divide-y text-sm" data-testid="related">
                  {item.related.map((r) => (
                    <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
                      <SeverityBadge severity={r.severity} />
                      <span className="text-xs text-muted-foreground">{r.relation === 'alert' ? 'Contained alert' : 'Part of incident'}</span>
                      <Link href={`/triage/${r.id}`} className="font-medium hover:underline">{r.title}</Link>
                      <TriageStatusBadge status={r.status} className="ml-auto" />
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-3 text-xs"><Link href={`/findings/${item.id}`} className="underline">The finding behind this item</Link></p>
            </CardContent>
          </Card>
          <details className="rounded-lg border bg-card p-4">
            <summary className="cursor-pointer text-sm font-medium">Raw payload from the source</summary>
            <pre className="mt-3 max-h-[480px] overflow-auto rounded bg-muted p-3 text-xs">{JSON.stringify(item.raw, null, 2)}</pre>
          </details>
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader><CardTitle as="h2">Triage</CardTitle></CardHeader>
            <CardContent>
              {canTriage ? (
                <TriageQueryProvider>
                  <ItemActions item={item} assignees={assignees} me={{ id: viewer.id, name: viewer.name }} />
                </TriageQueryProvider>
              ) : (
                <dl className="divide-y">
                  <Row label="Owner">{item.owner?.name ?? 'Unassigned'}</Row>
                  <Row label="Status"><TriageStatusBadge status={item.status} expired={item.acceptanceExpired} /></Row>
                  {item.status === 'risk_accepted' ? <Row label="Accepted until">{item.acceptedUntil?.slice(0, 10)}</Row> : null}
                </dl>
              )}
              {item.justification && item.status === 'risk_accepted' ? (
                <p className="mt-3 rounded-md bg-muted p-2 text-xs"><span className="font-medium">Justification:</span> {item.justification}</p>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle as="h2">History</CardTitle></CardHeader>
            <CardContent><TriageHistory entries={item.history} /></CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { SeverityBadge } from '@/components/posture/severity-badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/session';
import { getControl, isControlId } from '@/lib/catalog';
import { getFinding } from '@/lib/data/findings';
import { SOURCE_LABELS, STAGE_LABELS, type SourceId } from '@/lib/domain/model';
import { isAppError } from '@/lib/errors';
import { findingIdSchema } from '@/lib/validation/findings';

export const metadata: Metadata = { title: 'Finding' };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission('findings.view');
  const id = findingIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let finding;
  try {
    finding = await getFinding(viewer, id.data);
  } catch (e) {
    // Out of scope and absent look the same: no hint that a finding exists elsewhere.
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const control = isControlId(finding.controlId) ? getControl(finding.controlId) : null;
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/findings" className="hover:underline">Findings</Link>
        {finding.cluster ? (
          <>
            {' / '}
            <Link href={`/clusters/${finding.cluster.id}`} className="hover:underline">{finding.cluster.name}</Link>
          </>
        ) : null}
      </nav>
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-3"><SeverityBadge severity={finding.severity} />{finding.title}</span>}
        description={`${SOURCE_LABELS[finding.source as SourceId] ?? finding.source} · ${finding.ruleId} · ${finding.status}`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader><CardTitle>Details</CardTitle></CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Row label="Status">{finding.status}{finding.resolvedAt ? ` (since ${finding.resolvedAt.slice(0, 10)})` : ''}</Row>
              <Row label="Resource"><code className="text-xs">{finding.resourceId}</code></Row>
              {finding.resourceType ? <Row label="Resource type">{finding.resourceType}</Row> : null}
              {finding.subscriptionId ? <Row label="Subscription"><code className="text-xs">{finding.subscriptionId}</code></Row> : null}
              {finding.image ? <Row label="Image"><code className="text-xs">{finding.image}</code></Row> : null}
              {finding.imageDigest ? <Row label="Image digest"><code className="text-xs">{finding.imageDigest}</code></Row> : null}
              <Row label="First seen"><time dateTime={finding.firstSeenAt}>{finding.firstSeenAt.replace('T', ' ').slice(0, 16)} UTC</time></Row>
              <Row label="Last seen"><time dateTime={finding.lastSeenAt}>{finding.lastSeenAt.replace('T', ' ').slice(0, 16)} UTC</time></Row>
              {finding.description ? <Row label="Description">{finding.description}</Row> : null}
              {finding.remediation ? <Row label="Remediation">{finding.remediation}</Row> : null}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>Practice</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-2 text-sm">
            <p><span className="text-muted-foreground">Stage:</span> {STAGE_LABELS[finding.stage]}</p>
            {control ? (
              <>
                <Link href={`/findings?control=${control.id}`} className="font-medium hover:underline">{control.title}</Link>
                <p className="text-muted-foreground">{control.summary}</p>
              </>
            ) : <p>{finding.controlId}</p>}
          </CardContent>
        </Card>
      </div>
      {finding.imageDigest ? (
        <Card>
          <CardHeader><CardTitle>Where this image runs</CardTitle></CardHeader>
          <CardContent>
            {finding.runningIn.length === 0 ? (
              <p className="text-sm text-muted-foreground">No workload in your clusters runs this image digest.</p>
            ) : (
              <ul className="grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
                {finding.runningIn.map((w) => (
                  <li key={`${w.clusterId}/${w.namespace}/${w.kind}/${w.name}`}>
                    <Link href={`/clusters/${w.clusterId}`} className="font-medium hover:underline">{w.clusterName}</Link>
                    <span className="text-muted-foreground"> · {w.namespace}/{w.kind}/{w.name}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ) : null}
      <details className="rounded-lg border bg-card p-4">
        <summary className="cursor-pointer text-sm font-medium">Raw payload from the source</summary>
        <pre className="mt-3 max-h-[480px] overflow-auto rounded bg-muted p-3 text-xs">{JSON.stringify(finding.raw, null, 2)}</pre>
      </details>
    </div>
  );
}

// The five lifecycle stages side by side, each with its controls: status, open findings by severity (each a
// link to the matching findings list) and the roles that own the control.
import Link from 'next/link';
import { ControlStatusPill } from '@/components/posture/control-status-pill';
import { RoleChips } from '@/components/posture/role-chips';
import { SeverityCounts } from '@/components/posture/severity-counts';
import { StageHeader } from '@/components/posture/stage-header';
import { EmptyState } from '@/components/ui/empty-state';
import { SEVERITIES, STAGE_DESCRIPTIONS, type Severity } from '@/lib/domain/model';
import type { StageSummary } from '@/lib/data/posture';

function findingsHref(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/findings?${q.toString()}`;
}

export function StageBoard({ stages, clusterId }: { stages: StageSummary[]; clusterId?: string }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-5" data-testid="stage-board">
      {stages.map((s) => (
        <section key={s.stage} aria-labelledby={`stage-${s.stage}-heading`} className="flex min-w-0 flex-col gap-3" data-stage={s.stage}>
          <StageHeader stage={s.stage} description={STAGE_DESCRIPTIONS[s.stage]} tallies={s.tally} />
          {s.controls.length === 0 ? (
            <EmptyState title="No controls for this role" description="Switch to another role to see this stage's controls." />
          ) : (
            <ul className="flex flex-col gap-2">
              {s.controls.map((c) => {
                const hrefs = Object.fromEntries(
                  SEVERITIES.map((sev) => [sev, findingsHref({ control: c.id, severity: sev, cluster: clusterId })]),
                ) as Record<Severity, string>;
                return (
                  <li key={c.id} className="rounded-lg border bg-card p-3 shadow-xs" data-control={c.id} data-status={c.status}>
                    <div className="flex items-start justify-between gap-2">
                      <Link
                        href={findingsHref({ control: c.id, cluster: clusterId, status: c.openTotal === 0 ? 'all' : undefined })}
                        className="text-sm font-medium leading-5 hover:underline focus-visible:underline"
                        title={c.summary}
                      >
                        {c.title}
                      </Link>
                      {/* "Status: Fail" to a screen reader; the pill alone read as a stray word after the link. */}
                      <span className="shrink-0">
                        <span className="sr-only">Status: </span>
                        <ControlStatusPill status={c.status} />
                      </span>
                    </div>
                    <p className="mt-1 line-clamp-2 text-xs text-muted-foreground">{c.summary}</p>
                    <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
                      {c.manual ? (
                        <span className="text-xs text-muted-foreground">Manual practice — no automated evidence</span>
                      ) : (
                        <SeverityCounts counts={c.open} hrefs={hrefs} compact aria-label={`Open findings for ${c.title}`} />
                      )}
                    </div>
                    <RoleChips roles={c.ownerRoles} className="mt-2" />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

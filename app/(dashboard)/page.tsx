import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/page-header';
import { InvalidParams } from '@/components/layout/invalid-params';
import { PostureView } from '@/components/overview/posture-view';
import { RoleSwitcher } from '@/components/overview/role-switcher';
import { SectionBoundary } from '@/components/layout/section-boundary';
import { TriageAttentionCard } from '@/components/triage/triage-attention-card';
import { requirePermission } from '@/lib/auth/session';
import { defaultRoleFocus } from '@/lib/auth/role-focus';
import { overviewParamsSchema } from '@/lib/validation/overview';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission('posture.view');
  const parsed = overviewParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidParams error={parsed.error} resetHref="/" />;
  const role = parsed.data.role ?? defaultRoleFocus(viewer);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Posture overview"
        description={
          <>
            Every DevSecOps practice across plan, develop, build, deploy and operate — for all clusters you can see.{' '}
            <Link href="/compliance" className="underline">Azure Policy and Gatekeeper compliance</Link>
          </>
        }
        actions={<RoleSwitcher basePath="/" active={role} />}
      />
      <SectionBoundary title="Security triage">
        <TriageAttentionCard viewer={viewer} />
      </SectionBoundary>
      <PostureView viewer={viewer} role={role} />
    </div>
  );
}

// /admin/settings — security settings admins change at run time (audited); defaults come from the environment.
import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/session';
import { listSettings, SETTINGS } from '@/lib/auth/settings';
import { getPrisma } from '@/lib/db/prisma';
import { getEnv } from '@/lib/env';
import { SettingForm } from './_components/setting-form';
import { SlaForm } from './_components/sla-form';
import { getSlaPolicy } from '@/lib/data/triage-sla';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const viewer = await requirePermission('settings.manage');
  const settings = await listSettings(getPrisma(), viewer, getEnv());
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Settings" description="Changes apply to the next request and are recorded in the audit log." />
      {settings.map((s) => (
        <Card key={s.key}>
          <CardContent className="pt-4">
            <SettingForm setting={s} label={SETTINGS[s.key].label} description={SETTINGS[s.key].description} />
          </CardContent>
        </Card>
      ))}
      <Card>
        <CardContent className="pt-4">
          <SlaForm current={await getSlaPolicy()} />
        </CardContent>
      </Card>
    </div>
  );
}

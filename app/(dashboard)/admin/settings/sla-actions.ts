'use server';
// Server action of the triage SLA form: admin only (settings.manage), validated, audited with before and after.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withActionPermission } from '@/lib/auth/guards';
import { changeSlaPolicy, type SlaPolicyDto } from '@/lib/data/triage-sla';
import { requestInfo } from '@/lib/security/request-info';

const days = z.coerce.number({ message: 'must be a number of days' });
const formSchema = z.object({ critical: days, high: days, medium: days, low: days, informational: days });

export const changeSlaAction = withActionPermission('settings.manage', formSchema, async (viewer, input, request): Promise<SlaPolicyDto> => {
  const saved = await changeSlaPolicy(viewer, input, requestInfo(request.headers));
  revalidatePath('/admin/settings');
  revalidatePath('/triage');
  return saved;
});

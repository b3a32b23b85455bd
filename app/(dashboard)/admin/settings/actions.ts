'use server';
// Server action of the settings page: admin only (settings.manage), validated, audited with before and after.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withActionPermission } from '@/lib/auth/guards';
import { changeSetting, type SettingDto } from '@/lib/auth/settings';
import { getPrisma } from '@/lib/db/prisma';
import { getEnv } from '@/lib/env';
import { requestInfo } from '@/lib/security/request-info';

const formSchema = z.object({
  key: z.string().min(1, 'is required'),
  // A checkbox sends its value only when ticked.
  value: z.enum(['on']).optional().transform((v) => v === 'on'),
});

export const changeSettingAction = withActionPermission('settings.manage', formSchema, async (viewer, input, request): Promise<SettingDto> => {
  const saved = await changeSetting(getPrisma(), viewer, input, getEnv(), requestInfo(request.headers));
  revalidatePath('/admin/settings');
  return saved;
});

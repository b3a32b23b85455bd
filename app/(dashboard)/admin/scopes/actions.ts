'use server';
// Server actions of the scope editor. Each is wrapped by withActionPermission (session, same-origin, the
// scopes.manage permission, zod input); saveGroupScope/deleteGroupScope check the permission again and write
// the audit entry in the same transaction as the change.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withActionPermission } from '@/lib/auth/guards';
import { deleteGroupScope, saveGroupScope, type GroupScopeDto } from '@/lib/auth/group-scopes';
import { getPrisma } from '@/lib/db/prisma';
import { requestInfo } from '@/lib/security/request-info';

// Lists arrive as free text from a textarea: commas, spaces or new lines separate the items.
const listText = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.join(',') : (v ?? '')).split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean));

const saveSchema = z.object({
  groupId: z.string().trim().min(1, 'is required'),
  displayName: z.string().trim().max(200).optional().transform((s) => (s ? s : null)),
  clusterIds: listText,
  subscriptionIds: listText,
  teams: listText,
  allClusters: z.enum(['on', 'yes', 'true']).optional().transform((v) => v !== undefined),
  ownerTeam: z.string().trim().max(100).optional().transform((s) => (s ? s : null)),
});

export const saveScopeAction = withActionPermission('scopes.manage', saveSchema, async (viewer, input, request): Promise<GroupScopeDto> => {
  const saved = await saveGroupScope(getPrisma(), viewer, input, requestInfo(request.headers));
  revalidatePath('/admin/scopes');
  return saved;
});

export const deleteScopeAction = withActionPermission(
  'scopes.manage',
  z.object({ groupId: z.string().trim().min(1, 'is required') }),
  async (viewer, input, request): Promise<string> => {
    await deleteGroupScope(getPrisma(), viewer, input.groupId, requestInfo(request.headers));
    revalidatePath('/admin/scopes');
    return input.groupId;
  },
);

// POST /api/triage/items/:id — one triage action (assign, status, comment, accept risk) on one item, audited with
// before and after in the same transaction. Answers the item as it now stands; 404 outside the viewer's scope.
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { applyTriageAction } from '@/lib/data/triage-actions';
import { requestInfo } from '@/lib/security/request-info';
import { readJsonBody } from '@/lib/validation/read-json';
import { triageActionBodySchema, triageItemIdSchema } from '@/lib/validation/triage';

export const dynamic = 'force-dynamic';

export const POST = withPermission<{ id: string }>('findings.triage', async (request: NextRequest, { params, viewer }) => {
  const id = triageItemIdSchema.parse((await params).id);
  const body = triageActionBodySchema.parse(await readJsonBody(request));
  return NextResponse.json(await applyTriageAction(viewer, id, body, requestInfo(request.headers)));
});

// POST /api/triage/bulk — one triage action on a selection (at most 100), all or nothing, each item audited; an item
// already in the asked status is left as it is rather than refusing the rest.
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { applyBulkTriageAction } from '@/lib/data/triage-actions';
import { requestInfo } from '@/lib/security/request-info';
import { readJsonBody } from '@/lib/validation/read-json';
import { triageBulkBodySchema } from '@/lib/validation/triage';

export const dynamic = 'force-dynamic';

export const POST = withPermission('findings.triage', async (request: NextRequest, { viewer }) => {
  const body = triageBulkBodySchema.parse(await readJsonBody(request));
  return NextResponse.json({ items: await applyBulkTriageAction(viewer, body, requestInfo(request.headers)) });
});

// GET /api/triage/items — a page of the triage queue with the same search params as /triage, within the viewer's
// scope. The queue page's client refreshes through it, so items brought in by the next sync appear without a reload.
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { listTriageQueue } from '@/lib/data/triage';
import { triageFiltersSchema } from '@/lib/validation/triage';

export const dynamic = 'force-dynamic';

export const GET = withPermission('findings.view', async (request: NextRequest, { viewer }) => {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const filters = triageFiltersSchema.parse(params);
  return NextResponse.json(await listTriageQueue(viewer, filters));
});

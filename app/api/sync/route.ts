// GET /api/sync — each source's sync state (queued, running with page and records so far, succeeded, failed),
// read from the job queue and sync_runs, so any replica answers the same; the admin page polls it.
// POST /api/sync — "sync now": queues one source ({"source": "<id>"}) or all ({}), audited; 202 with what was queued.
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { listSyncStatus, requestSync } from '@/lib/data/sync-status';
import { requestInfo } from '@/lib/security/request-info';
import { readJsonBody } from '@/lib/validation/read-json';
import { syncRequestBodySchema } from '@/lib/validation/sync';

export const dynamic = 'force-dynamic';

export const GET = withPermission('sync.run', async (_request: NextRequest, { viewer }) => NextResponse.json(await listSyncStatus(viewer)));

export const POST = withPermission('sync.run', async (request: NextRequest, { viewer }) => {
  const body = syncRequestBodySchema.parse(await readJsonBody(request, 1_000));
  return NextResponse.json(await requestSync(viewer, body, requestInfo(request.headers)), { status: 202 });
});

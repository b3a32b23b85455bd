// GET /api/health — public liveness/readiness for load balancers: 200 with the database state and each
// source's last sync, 503 when the database cannot be reached. Says nothing about findings.
import { NextResponse } from 'next/server';
import { SYSTEM_VIEWER } from '@/lib/auth/viewer';
import { withPublic } from '@/lib/auth/guards';
import { checkDatabase } from '@/lib/data/health';
import { listSourceFreshness } from '@/lib/data/sources';

export const dynamic = 'force-dynamic';

export const GET = withPublic(async () => {
  const database = await checkDatabase();
  if (!database.ok) {
    return NextResponse.json({ status: 'unavailable', database }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
  const sources = await listSourceFreshness(SYSTEM_VIEWER);
  return NextResponse.json(
    {
      status: 'ok',
      database,
      sources: sources.map((s) => ({ source: s.source, lastSuccessAt: s.lastSuccessAt, lastFailureAt: s.lastFailure?.at ?? null, running: s.running })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});

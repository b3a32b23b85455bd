// GET /api/audit/export — the audit log as CSV, with the viewer's filters (same search params as
// /admin/audit). Admin and security only; the export itself is audited.
import type { NextRequest } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { getPrisma } from '@/lib/db/prisma';
import { auditCsvHeader, auditCsvRow } from '@/lib/audit/csv';
import { auditFilterSchema, iterateAuditEntries } from '@/lib/audit/list-audit';
import { recordAudit } from '@/lib/audit/record-audit';
import { requestInfo } from '@/lib/security/request-info';

export const dynamic = 'force-dynamic';

export const GET = withPermission('audit.view', async (request: NextRequest, { viewer }) => {
  const filter = auditFilterSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const prisma = getPrisma();
  await recordAudit(prisma, { actor: viewer, action: 'audit.export', outcome: 'success', detail: { filter: Object.fromEntries(request.nextUrl.searchParams) }, request: requestInfo(request.headers) });
  const encoder = new TextEncoder();
  const entries = iterateAuditEntries(prisma, viewer, filter);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await entries.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});

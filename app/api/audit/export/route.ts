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
  // The first page is read before the 200 goes out: a query that cannot run answers with an error status, never
  // a header-only CSV that looks like an empty log. A failure further on errors the stream, which aborts the
  // chunked response without its final chunk, so browsers and curl report the download as failed.
  let pending = await entries.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      if (pending.done) return controller.close();
      controller.enqueue(encoder.encode(auditCsvRow(pending.value)));
      pending = await entries.next();
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

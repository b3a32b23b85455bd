// GET /api/findings/export — CSV of exactly the rows the findings list (view=list) or a cluster page's findings
// table (view=cluster) shows with the same filters, in the same order. Scope-checked inside the query like the
// pages (another team's cluster answers 404), streamed in keyset batches so 100,000 rows cost one batch of memory.
import type { NextRequest } from 'next/server';
import { withPermission } from '@/lib/auth/guards';
import { csvCell } from '@/lib/audit/csv';
import { recordAudit } from '@/lib/audit/record-audit';
import { getCluster } from '@/lib/data/clusters';
import { FINDING_CSV_COLUMNS, iterateFindingRows } from '@/lib/data/cluster-findings';
import { getPrisma } from '@/lib/db/prisma';
import { requestInfo } from '@/lib/security/request-info';
import { findingExportParamsSchema } from '@/lib/validation/finding-export';

export const dynamic = 'force-dynamic';

export const GET = withPermission('findings.view', async (request: NextRequest, { viewer }) => {
  const params = findingExportParamsSchema.parse(Object.fromEntries([...request.nextUrl.searchParams.keys()].map((k) => {
    const all = request.nextUrl.searchParams.getAll(k);
    return [k, all.length > 1 ? all : all[0]];
  })));
  // A cluster outside the scope is "not found", before a single byte of CSV is sent.
  const cluster = params.cluster ? await getCluster(viewer, params.cluster) : null;
  await recordAudit(getPrisma(), {
    actor: viewer,
    action: 'findings.export',
    outcome: 'success',
    detail: { filter: Object.fromEntries(request.nextUrl.searchParams) },
    request: requestInfo(request.headers),
  });
  const { view, ...filters } = params;
  const rows = iterateFindingRows(viewer, { ...filters, includeRunningImages: view === 'cluster' });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${FINDING_CSV_COLUMNS.join(',')}\r\n`));
    },
    async pull(controller) {
      // Up to 200 rows per chunk: fewer, larger writes without holding more than one keyset batch.
      let chunk = '';
      for (let i = 0; i < 200; i += 1) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += `${FINDING_CSV_COLUMNS.map((c) => csvCell(next.value[c])).join(',')}\r\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const name = cluster ? `findings-${cluster.name}` : 'findings';
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});

// Measures demo-tenant generation and full rendering at demo size and benchmark size:
//   npx tsx lib/demo/bench-generate.ts [clusters…]   (default: 8 2000)
// Rendering walks every page the stand-in could serve, one page at a time, so peak memory shows what a sync costs.
import { DEMO_RECORD_KINDS, generateTenant, type DemoRecordKind } from './generate-tenant';

const SKIP: ReadonlySet<DemoRecordKind> = new Set(['containerVulnerabilities']); // the union of the two split kinds

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function run(clusters: number): void {
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const tenant = generateTenant({ seed: 1, clusters, now: new Date() });
  const t1 = performance.now();
  sample();
  const generatedHeap = process.memoryUsage().heapUsed - before;
  const counts: Record<string, number> = {};
  let records = 0;
  let bytes = 0;
  for (const kind of DEMO_RECORD_KINDS) {
    if (SKIP.has(kind)) continue;
    for (const s of tenant.subscriptions) {
      const total = tenant.count(kind, s.subscriptionId);
      counts[kind] = (counts[kind] ?? 0) + total;
      for (let offset = 0; offset < total; offset += 1000) {
        const page = tenant.page(kind, s.subscriptionId, offset, 1000);
        bytes += JSON.stringify(page).length;
        records += page.length;
      }
      sample();
    }
  }
  const t2 = performance.now();
  console.log(
    JSON.stringify(
      {
        clusters,
        subscriptions: tenant.subscriptions.length,
        images: tenant.images.length,
        workloads: tenant.workloads.length,
        counts,
        records,
        generateMs: Math.round(t1 - t0),
        heapAfterGenerate: mb(generatedHeap),
        renderAllMs: Math.round(t2 - t1),
        renderedJson: mb(bytes),
        peakHeap: mb(peak),
        rss: mb(process.memoryUsage().rss),
      },
      null,
      2,
    ),
  );
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
for (const clusters of sizes.length > 0 ? sizes : [8, 2000]) run(clusters);

// EXPLAIN ANALYZE of the queries the pages run, at benchmark size: the data-layer functions themselves run
// against the database `npm run bench:web` built, with auto_explain reporting each statement's plan back to
// this client (log_level = notice), so what is printed is the exact SQL of the code, not a copy of it.
// Usage: npm run bench:explain -- [--clusters 2000] [--pg-port 55550] [--data-dir .data/bench-web] [--min-ms 0] [--only <text>]
//   --only runs the cases whose label contains the text; --runs times each case that many times after the warm-up
//   and prints the median, so one slow run on a shared machine does not stand for the query.
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { SYSTEM_VIEWER, type Viewer } from '../../lib/auth/viewer';
import { countFindingRows, listFindingRows } from '../../lib/data/cluster-findings';
import { listClusterPage } from '../../lib/data/clusters';
import { listFindings } from '../../lib/data/findings';
import { getPostureOverview } from '../../lib/data/posture';
import { getFindingStats } from '../../lib/data/stats';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { clusterListSchema } from '../../lib/validation/clusters';
import { findingFiltersSchema } from '../../lib/validation/findings';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '2000' },
    'pg-port': { type: 'string', default: process.env.BENCH_PG_PORT ?? '55550' },
    'data-dir': { type: 'string', default: '.data/bench-web' },
    'min-ms': { type: 'string', default: '0' },
    only: { type: 'string' },
    runs: { type: 'string', default: '1' },
  },
});
const server = await startEmbeddedPostgres({ dataDir: values['data-dir'], port: Number(values['pg-port']) });
const url = new URL(server.url);
url.pathname = `/bench_web_${values.clusters}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
let plans: string[] = [];
pool.on('connect', (client) => {
  client.on('notice', (n) => {
    if (n.message?.startsWith('duration:')) plans.push(n.message);
  });
  void client.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = ${Number(values['min-ms'])};
    SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_level = notice;
    SET auto_explain.log_nested_statements = on`);
});
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

// The demo developer: the payments team's clusters, as resolveScope would list them.
const payments = await pool.query<{ id: string }>(`SELECT id FROM clusters WHERE team = 'payments' ORDER BY id`);
const developer: Viewer = { id: 'dev', name: 'Developer', email: null, roles: ['developer'], scope: { kind: 'limited', clusterIds: payments.rows.map((r) => r.id), subscriptionIds: [] } };
const cluster = payments.rows[0]!.id;
// 50,000 rows into the open list: of the estate, and of the developer's own clusters (the cursors bench:web uses).
const deepCursor = async (where: string) =>
  (await pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE status = 'open' AND ${where} ORDER BY severity, id DESC OFFSET 50000 LIMIT 1`)).rows[0]!.id;
const deep = await deepCursor('TRUE');
const deepDev = await deepCursor(`cluster_id IN (SELECT id FROM clusters WHERE team = 'payments')`);
// The cluster page's table: the cluster's findings and the registry CVEs of the images it runs, first page and total.
const clusterTable = (viewer: Viewer) => {
  const query = { status: 'open' as const, severity: [], cluster, includeRunningImages: true };
  return Promise.all([listFindingRows(viewer, query, { limit: 50 }, prisma), countFindingRows(viewer, query, prisma)]);
};

const cases: [string, () => Promise<unknown>][] = [
  ['overview, security (estate)', () => getPostureOverview(SYSTEM_VIEWER, {}, prisma)],
  [`overview, developer (${payments.rowCount} clusters)`, () => getPostureOverview(developer, {}, prisma)],
  ['overview, one cluster', () => getPostureOverview(developer, { clusterId: cluster }, prisma)],
  ['stats, security', () => getFindingStats(SYSTEM_VIEWER, prisma)],
  ['clusters list, security, worst first', () => listClusterPage(SYSTEM_VIEWER, clusterListSchema.parse({ sort: 'critical' }), prisma)],
  ['clusters list, developer', () => listClusterPage(developer, clusterListSchema.parse({}), prisma)],
  ['findings, security, two filters', () => listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ severity: 'critical', stage: 'build' }), prisma)],
  ['findings, security, deep cursor', () => listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ cursor: deep }), prisma)],
  ['findings, developer, first page', () => listFindings(developer, findingFiltersSchema.parse({}), prisma)],
  ['findings, developer, two filters', () => listFindings(developer, findingFiltersSchema.parse({ severity: 'high', source: 'defender-vulnerability' }), prisma)],
  ['findings, developer, deep cursor', () => listFindings(developer, findingFiltersSchema.parse({ cursor: deepDev }), prisma)],
  ['findings, developer, one cluster', () => listFindings(developer, findingFiltersSchema.parse({ cluster }), prisma)],
  ['findings, security, search "openssl"', () => listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({ q: 'openssl' }), prisma)],
  ['findings, developer, search "openssl"', () => listFindings(developer, findingFiltersSchema.parse({ q: 'openssl' }), prisma)],
  ['cluster page table, security', () => clusterTable(SYSTEM_VIEWER)],
  ['cluster page table, developer', () => clusterTable(developer)],
];
for (const [label, run] of cases) {
  if (values.only && !label.includes(values.only)) continue;
  await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    plans = [];
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`\n===== ${label}: ${median.toFixed(1)} ms${times.length > 1 ? ` (median of ${times.length}: ${times.map((x) => x.toFixed(0)).join(', ')})` : ''} =====`);
  for (const p of plans) console.log(p.replace(/^duration: /, '--- '));
}
await prisma.$disconnect();
// The adapter does not own the pool: end it before the server goes, or its idle connection dies with an error.
await pool.end();
await server.stop();

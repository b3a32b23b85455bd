// Benchmark: generate a demo tenant of a given size, sync it through the real SDK clients and the local Azure
// stand-in into a fresh database, then time the data-layer queries behind the pages. Prints numbers; asserts
// nothing. Usage: npm run bench -- --clusters 200 [--runs 5] [--faults 429:0.05,retry-after:1]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SYSTEM_VIEWER, type Viewer } from '../../lib/auth/viewer';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { migrate } from '../../lib/db/migrate';
import { createPrisma } from '../../lib/db/prisma-factory';
import { listClusters } from '../../lib/data/clusters';
import { listFindings } from '../../lib/data/findings';
import { getPostureOverview } from '../../lib/data/posture';
import { getFindingStats } from '../../lib/data/stats';
import { getOpenTrend } from '../../lib/data/trends';
import { startArmStandIn } from '../../lib/demo/arm-stand-in';
import { generateTenant } from '../../lib/demo/generate-tenant';
import { parseFaultSpec } from '../../lib/demo/stand-in-faults';
import { rateLimitBudgetOf } from '../../lib/connectors/shared/client-options';
import { createDemoCredential } from '../../lib/demo/static-credential';
import { ensureTrustedDevCertificate } from '../../lib/runtime/ensure-trust';
import { syncAll } from '../../lib/sync/sync-all';
import { findingFiltersSchema } from '../../lib/validation/findings';

const { values } = parseArgs({
  options: { clusters: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' }, port: { type: 'string', default: '54350' }, faults: { type: 'string' } },
});
const clusters = Number(values.clusters);
const runs = Number(values.runs);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const { certificate } = await ensureTrustedDevCertificate('.data');
const server = await startEmbeddedPostgres({ dataDir: '.data/bench', port: Number(values.port) });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const dbName = `bench_${Date.now()}`;
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(server.url);
url.pathname = `/${dbName}`;
await migrate(url.toString());
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const t0 = performance.now();
const tenant = generateTenant({ seed: 1, clusters, now: new Date() });
// --faults: the stand-in injects them (lib/demo/stand-in-faults.ts); the throttling slowdown is reported below.
const faultMix = values.faults ? parseFaultSpec(values.faults) : undefined;
const standIn = await startArmStandIn({ tenant, port: 0, tls: { key: certificate.key, cert: certificate.cert }, faults: faultMix ? { mix: faultMix } : undefined });
console.log(`tenant: ${clusters} clusters generated in ${(performance.now() - t0).toFixed(0)} ms`);

const azure = { armEndpoint: standIn.url, subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId), sentinelWorkspaceIds: [], credential: createDemoCredential() };
const syncStarted = performance.now();
const results = await syncAll(pool, azure, { trigger: 'cli' });
const syncMs = performance.now() - syncStarted;
for (const r of results) {
  const n = r.counts.findings + r.counts.clusters + r.counts.registries;
  console.log(`sync ${r.source.padEnd(24)} ${r.outcome.padEnd(9)} ${String(n).padStart(9)} records ${(r.durationMs / 1000).toFixed(1).padStart(7)} s  ${(n / (r.durationMs / 1000)).toFixed(0).padStart(7)} rec/s${r.error ? `  ${r.error}` : ''}`);
}
console.log(`peak RSS during sync (stand-in included): ${mb(peakRss)}`);
if (faultMix) {
  const throttling = rateLimitBudgetOf(azure).stats();
  console.log(`faults injected (${values.faults}): ${JSON.stringify(standIn.injectedFaults())} in ${standIn.requestCount()} requests`);
  console.log(`full sync ${(syncMs / 1000).toFixed(1)} s; ${results.filter((r) => r.outcome === 'failed').length} failed runs; throttled answers seen ${throttling.throttled}, waited ${(throttling.waitedMs / 1000).toFixed(1)} s in total (summed over concurrent requests), ${throttling.paused} quota pauses`);
}
const total = (await pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n as number;
console.log(`findings in the cache: ${total}`);
await standIn.stop();

const prisma = createPrisma(url.toString(), 4);
const firstCluster = (await pool.query('SELECT id FROM clusters ORDER BY id LIMIT 1')).rows[0].id as string;
const scoped: Viewer = { ...SYSTEM_VIEWER, id: 'bench', roles: ['developer'], scope: { kind: 'limited', clusterIds: [firstCluster], subscriptionIds: [] } };

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(48)} median ${median.toFixed(1).padStart(8)} ms   max ${samples[samples.length - 1]!.toFixed(1).padStart(8)} ms`);
}

const filters = (q: Record<string, string>) => findingFiltersSchema.parse(q);
await time('overview, estate (all controls)', () => getPostureOverview(SYSTEM_VIEWER, {}, prisma));
await time('overview, one cluster', () => getPostureOverview(SYSTEM_VIEWER, { clusterId: firstCluster }, prisma));
await time('overview, developer scoped to one cluster', () => getPostureOverview(scoped, { role: 'developer' }, prisma));
await time('findings list, open, first page', () => listFindings(SYSTEM_VIEWER, filters({}), prisma));
await time('findings list, critical in build stage', () => listFindings(SYSTEM_VIEWER, filters({ severity: 'critical', stage: 'build' }), prisma));
await time('findings list, search "openssl"', () => listFindings(SYSTEM_VIEWER, filters({ q: 'openssl' }), prisma));
await time('clusters list', () => listClusters(SYSTEM_VIEWER, prisma));
await time('stats (CLI)', () => getFindingStats(SYSTEM_VIEWER, prisma));
await time('trend, 90 days, estate', () => getOpenTrend(SYSTEM_VIEWER, { days: 90 }, prisma));

clearInterval(sampler);
await prisma.$disconnect();
await pool.end();
const drop = new pg.Client({ connectionString: server.url });
await drop.connect();
await drop.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
await drop.end();
await server.stop();

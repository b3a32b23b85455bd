// Benchmark: generate a demo tenant of a given size, sync it through the real SDK clients and the local Azure
// stand-in into a fresh database, then time the data-layer queries behind the pages. Prints numbers; asserts
// nothing. Usage: npm run bench -- --clusters 200 [--runs 5] [--faults 429:0.05,retry-after:1] [--data-dir .data/bench]
// Store figures (issue 13): full sync time and peak RSS, each run's merge-transaction time, the rows an unchanged
// re-sync writes (pg_stat_user_tables), table/TOAST/index sizes, and the store rate against a raw COPY.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
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
import { parseFaultSpec } from '../../lib/demo/stand-in-faults';
import { rateLimitBudgetOf } from '../../lib/connectors/shared/client-options';
import { createDemoCredential } from '../../lib/demo/static-credential';
import { ensureTrustedDevCertificate } from '../../lib/runtime/ensure-trust';
import { syncAll } from '../../lib/sync/sync-all';
import { findingFiltersSchema } from '../../lib/validation/findings';
import type { RunResult } from '../../lib/sync/run-source';
import { startStandInChild } from './stand-in-child';
import { diffCounters, measureRawCopy, readTableSizes, readWriteCounters } from './store-metrics';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '54350' },
    // A seeded mix of stand-in faults (429 with Retry-After, 5xx, slow, truncated, malformed pages).
    faults: { type: 'string' },
    // Another data directory lets a small run go beside a big one.
    'data-dir': { type: 'string', default: '.data/bench' },
    // Statements slower than this many ms are written with their duration to <data-dir>/slow-statements.log.
    'log-slow': { type: 'string' },
    // Keep the benchmark's database afterwards (to inspect it); its name is printed.
    keep: { type: 'boolean', default: false },
  },
});
const clusters = Number(values.clusters);
const runs = Number(values.runs);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

// Trust the dev certificate the stand-in serves (re-executes this process with it in NODE_EXTRA_CA_CERTS if needed).
await ensureTrustedDevCertificate('.data');
if (values['log-slow']) mkdirSync(values['data-dir'], { recursive: true });
const slowLog = values['log-slow'] ? createWriteStream(path.join(values['data-dir'], 'slow-statements.log')) : undefined;
const server = await startEmbeddedPostgres({ dataDir: values['data-dir'], port: Number(values.port), serverLog: slowLog && ((line) => slowLog.write(`${line}\n`)) });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const dbName = `bench_${Date.now()}`;
await admin.query(`CREATE DATABASE ${dbName}`);
if (values['log-slow']) await admin.query(`ALTER DATABASE ${dbName} SET log_min_duration_statement = ${Number(values['log-slow'])}`);
await admin.end();
const url = new URL(server.url);
url.pathname = `/${dbName}`;
await migrate(url.toString());
let pool = new pg.Pool({ connectionString: url.toString(), max: 4 });

// Peak RSS, and per source run the peak RSS and the peak of the V8 heap in use (live objects and garbage not yet
// collected): a peak RSS far above the heap in use is memory V8 has not given back, not data the sync holds.
let peakRss = 0;
let current = 'start';
const perSource = new Map<string, { rss: number; heapUsed: number }>();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  const p = perSource.get(current) ?? { rss: 0, heapUsed: 0 };
  perSource.set(current, { rss: Math.max(p.rss, m.rss), heapUsed: Math.max(p.heapUsed, m.heapUsed) });
}, 100);
const onStart = (source: string) => (current = source);

// The stand-in runs in its own process (stand-in-process.ts), like Azure: this process's RSS and CPU are the sync's.
// --faults: the stand-in injects them (lib/demo/stand-in-faults.ts); the throttling slowdown is reported below.
if (values.faults) parseFaultSpec(values.faults);
const standIn = await startStandInChild({ clusters, faults: values.faults });
console.log(`tenant: ${clusters} clusters generated in ${standIn.generatedMs.toFixed(0)} ms (stand-in process)`);

const azure = { armEndpoint: standIn.url, subscriptionIds: standIn.subscriptionIds, sentinelWorkspaceIds: [], credential: createDemoCredential() };
const report = (label: string, results: RunResult[], seconds: number) => {
  console.log(`${label}: ${seconds.toFixed(1)} s`);
  for (const r of results) {
    const n = r.counts.findings + r.counts.clusters + r.counts.registries;
    const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
    const merge = r.counts.mergeMs === undefined ? '' : `  fetch wait ${s(r.counts.fetchWaitMs)} staging ${s(r.counts.stageMs)} merge tx ${s(r.counts.mergeMs)} (snapshots ${s(r.counts.snapshotMs)})`;
    const written = r.counts.inserted === undefined ? '' : `  ins ${r.counts.inserted} upd ${r.counts.updated} unchanged ${r.counts.unchanged} swept ${r.counts.resolvedBySweep}`;
    console.log(`  ${r.source.padEnd(24)} ${r.outcome.padEnd(9)} ${String(n).padStart(9)} records ${(r.durationMs / 1000).toFixed(1).padStart(7)} s  ${(n / (r.durationMs / 1000)).toFixed(0).padStart(7)} rec/s${merge}${written}${r.error ? `  ${r.error}` : ''}`);
  }
};
// A fresh pool around each measured sync: its backends exit afterwards, which flushes their write statistics.
const freshPool = async () => {
  await pool.end();
  pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
};

let t = performance.now();
const results = await syncAll(pool, azure, { trigger: 'cli', onStart });
const syncMs = performance.now() - t;
report('full sync', results, syncMs / 1000);
const standInStats = await standIn.stats();
console.log(`peak RSS during sync: ${mb(peakRss)} (the stand-in's own process: ${mb(standInStats.peakRss)})`);
console.log(`  per run, peak RSS / peak V8 heap in use: ${[...perSource].map(([source, p]) => `${source} ${mb(p.rss)} / ${mb(p.heapUsed)}`).join(', ')}`);
if (values.faults) {
  const throttling = rateLimitBudgetOf(azure).stats();
  console.log(`faults injected (${values.faults}): ${JSON.stringify(standInStats.injectedFaults)} in ${standInStats.requests} requests`);
  console.log(`full sync ${(syncMs / 1000).toFixed(1)} s; ${results.filter((r) => r.outcome === 'failed').length} failed runs; throttled answers seen ${throttling.throttled}, waited ${(throttling.waitedMs / 1000).toFixed(1)} s in total (summed over concurrent requests), ${throttling.paused} quota pauses`);
}
const total = (await pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n as number;
console.log(`findings in the cache: ${total}`);

const sizes = await readTableSizes(pool);
const f = sizes.find((x) => x.table === 'findings')!;
const all = sizes.reduce((a, x) => ({ total: a.total + x.total, heap: a.heap + x.heap, toast: a.toast + x.toast, indexes: a.indexes + x.indexes }), { total: 0, heap: 0, toast: 0, indexes: 0 });
console.log(`findings table: total ${mb(f.total)} = heap ${mb(f.heap)} + TOAST ${mb(f.toast)} + indexes ${mb(f.indexes)}; per 1 M findings ${mb((f.total / Math.max(total, 1)) * 1e6)}`);
console.log(`all tables:     total ${mb(all.total)} = heap ${mb(all.heap)} + TOAST ${mb(all.toast)} + indexes ${mb(all.indexes)}`);
for (const x of sizes.slice(0, 6)) console.log(`  ${x.table.padEnd(28)} ${mb(x.total).padStart(8)}  (heap ${mb(x.heap)}, TOAST ${mb(x.toast)}, indexes ${mb(x.indexes)})`);
const compression = (await pool.query<{ c: string | null }>(`SELECT attcompression::text AS c FROM pg_attribute WHERE attrelid = 'findings'::regclass AND attname = 'raw'`)).rows[0]?.c;
console.log(`findings.raw compression: ${compression === 'l' ? 'lz4' : compression === 'p' ? 'pglz' : 'default'} (default_toast_compression ${(await pool.query('SHOW default_toast_compression')).rows[0].default_toast_compression})`);

await freshPool();
const before = await readWriteCounters(url.toString());
t = performance.now();
const again = await syncAll(pool, azure, { trigger: 'cli' });
report('unchanged re-sync', again, (performance.now() - t) / 1000);
await freshPool();
await new Promise((r) => setTimeout(r, 1000));
const after = await readWriteCounters(url.toString());
const written = after.written - before.written;
console.log(`unchanged re-sync wrote ${written} rows = ${((written / Math.max(after.live, 1)) * 100).toFixed(2)} % of ${after.live} live rows (${((written / Math.max(total, 1)) * 100).toFixed(2)} % of findings)`);
for (const d of diffCounters(before, after).slice(0, 8)) console.log(`  ${d.table.padEnd(28)} ${String(d.written).padStart(9)} rows written (${d.hot} HOT updates)`);
await standIn.stop();

const copy = await measureRawCopy(pool);
const findingRuns = results.filter((r) => r.source !== 'inventory' && r.outcome === 'succeeded');
const storedFindings = findingRuns.reduce((n, r) => n + r.counts.findings, 0);
const sumOf = (pick: (r: RunResult) => number | undefined) => findingRuns.reduce((ms, r) => ms + (pick(r) ?? 0), 0) / 1000;
// The store's own rate: rows over the time spent staging and merging (the wait for Azure's pages excluded; that is
// the fetch's share, reported per run above), with and without the snapshot refresh; and the end-to-end rate.
const storeRate = storedFindings / (sumOf((r) => r.counts.stageMs) + sumOf((r) => r.counts.mergeMs));
const storeRateNoSnapshots = storedFindings / (sumOf((r) => r.counts.stageMs) + sumOf((r) => r.counts.mergeMs) - sumOf((r) => r.counts.snapshotMs));
const endToEnd = storedFindings / sumOf((r) => r.durationMs);
const pct = (rate: number) => `${((rate / copy.rate) * 100).toFixed(0)} %`;
console.log(`raw COPY of ${copy.rows} findings into a copy of the table with its indexes: ${copy.seconds.toFixed(1)} s, ${copy.rate.toFixed(0)} rows/s`);
console.log(`full sync: store rate (staging + merge) ${storeRate.toFixed(0)} rows/s = ${pct(storeRate)} of raw COPY; without the snapshot refresh ${storeRateNoSnapshots.toFixed(0)} rows/s = ${pct(storeRateNoSnapshots)}; end to end (paging included) ${endToEnd.toFixed(0)} rows/s = ${pct(endToEnd)}`);

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
if (values.keep) console.log(`database kept: ${url.toString()}`);
else {
  const drop = new pg.Client({ connectionString: server.url });
  await drop.connect();
  await drop.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await drop.end();
}
await server.stop();

// Trends at benchmark size (issue 12): against the database `npm run bench:web` built (a million findings), applies
// the migrations, rebuilds 400 days of snapshots from first-seen/resolved dates (timed: the one-off back-fill), then
// times the trends page's reads, the team comparison and "what changed" (p50/p95 of repeated runs), and prints the
// plan of the trend report's largest statement.
// Usage: npm run bench:trends -- [--data-dir .data/bench-web] [--clusters 2000] [--pg-port 55560] [--runs 20]
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { getScoreTrend } from '../../lib/data/secure-score-trend';
import { getTeamComparison } from '../../lib/data/team-comparison';
import { getTrendReport } from '../../lib/data/trends';
import { getWhatChanged, mondayOf } from '../../lib/data/what-changed';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { migrate } from '../../lib/db/migrate';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { rebuildSnapshots } from '../../lib/sync/snapshots';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '2000' },
    'pg-port': { type: 'string', default: process.env.BENCH_PG_PORT ?? '55560' },
    'data-dir': { type: 'string', default: '.data/bench-web' },
    runs: { type: 'string', default: '20' },
    'skip-rebuild': { type: 'boolean', default: false },
  },
});
const server = await startEmbeddedPostgres({ dataDir: values['data-dir'], port: Number(values['pg-port']) });
const url = new URL(server.url);
url.pathname = `/bench_web_${values.clusters}`;
await migrate(url.toString(), { log: (l) => console.log(l) });
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
const size = (await pool.query<{ findings: string; clusters: string; teams: string }>(
  `SELECT (SELECT count(*) FROM findings)::text AS findings, (SELECT count(*) FROM clusters)::text AS clusters, (SELECT count(DISTINCT team) FROM clusters)::text AS teams`,
)).rows[0]!;
console.log(`database: ${size.findings} findings, ${size.clusters} clusters, ${size.teams} teams`);

if (!values['skip-rebuild']) {
  const client = await pool.connect();
  try {
    const t = performance.now();
    await client.query('BEGIN');
    const r = await rebuildSnapshots(client, new Date());
    await client.query('COMMIT');
    console.log(`rebuild (back-fill ${r.days} days, ${r.sources.length} sources): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    client.release();
  }
}
const rows = (await pool.query<{ t: string; n: string }>(
  `SELECT 'posture_snapshots' AS t, count(*)::text AS n FROM posture_snapshots UNION ALL SELECT 'remediation_snapshots', count(*)::text FROM remediation_snapshots
   UNION ALL SELECT 'sla_breach_snapshots', count(*)::text FROM sla_breach_snapshots`,
)).rows;
console.log(rows.map((r) => `${r.t}: ${r.n} rows`).join(', '));
// What autovacuum does soon after a rebuild: statistics, and the visibility map that lets the covering indexes answer
// without heap fetches (straight after a rebuild every row would be checked in the heap).
await pool.query('VACUUM (ANALYZE) posture_snapshots, remediation_snapshots, remediation_monthly, sla_breach_snapshots');

const team = (await pool.query<{ team: string }>(`SELECT team FROM clusters WHERE team IS NOT NULL GROUP BY team ORDER BY count(*) DESC LIMIT 1`)).rows[0]?.team;
const lastWeek = new Date(mondayOf(new Date()).getTime() - 7 * 86_400_000);
const cases: [string, () => Promise<unknown>][] = [
  ['trend report, estate, 365 days', () => getTrendReport(SYSTEM_VIEWER, { days: 365 }, prisma)],
  [`trend report, team ${team}, 365 days`, () => getTrendReport(SYSTEM_VIEWER, { days: 365, team }, prisma)],
  ['secure score trend, 365 days', () => getScoreTrend(SYSTEM_VIEWER, { days: 365 }, prisma)],
  ['team comparison, 365 days', () => getTeamComparison(SYSTEM_VIEWER, { days: 365 }, prisma)],
  ['what changed, estate, last week', () => getWhatChanged(SYSTEM_VIEWER, { weekStart: lastWeek }, prisma)],
  [`what changed, team ${team}, last week`, () => getWhatChanged(SYSTEM_VIEWER, { weekStart: lastWeek, team }, prisma)],
];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
for (const [label, run] of cases) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < Number(values.runs); i += 1) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms`);
}
const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT s.day, s.severity::text AS severity, sum(s.open)::int AS n FROM posture_snapshots s
  WHERE s.scope = 'all' AND s.day BETWEEN current_date - 364 AND current_date GROUP BY s.day, s.severity`);
console.log('\nEXPLAIN open series (estate, 365 days):');
for (const r of plan.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
const week = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM findings f
  WHERE f.severity = ANY('{critical,high}'::"Severity"[]) AND f.first_seen_at >= $1 AND f.first_seen_at < $2`, [lastWeek, new Date(lastWeek.getTime() + 7 * 86_400_000)]);
console.log('\nEXPLAIN what changed, new critical/high of last week (count):');
for (const r of week.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
await prisma.$disconnect();
await pool.end();
await server.stop();

// Builds a benchmark database straight from the demo generator, without the HTTP stand-in (a sync of 2,000
// clusters through it takes many minutes, and its page cap is issue 13): the generator's records go through the
// connectors' own transforms, clusters and registries through the store as a sync would write them, and findings
// are streamed with COPY into the store's staging table and merged by the store's own merge — so the summary
// triggers, snapshots and indexes are exactly what a sync leaves behind.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { toAssessmentFinding, toMetadataRow } from '../../lib/connectors/defender-assessment/transform';
import { toVulnerabilityBatch, toVulnerabilityRecord } from '../../lib/connectors/defender-vulnerability/transform';
import { toClusterRow, toRegistryRow } from '../../lib/connectors/inventory/transform';
import { transformEach } from '../../lib/connectors/shared/record';
import type { ImageRow, SourceBatch, WorkloadRow } from '../../lib/connectors/types';
import { generateTenant, type DemoRecordKind, type DemoTenant } from '../../lib/demo/generate-tenant';
import type { FindingSourceId } from '../../lib/domain/model';
import type { FindingRow } from '../../lib/domain/rows';
import { applyMetadataSeverity, mergeFindings } from '../../lib/sync/merge-findings';
import { runBatches } from '../../lib/sync/run-source';
import { refreshSnapshots } from '../../lib/sync/snapshots';
import { createStaging, STAGED_FINDING_COLUMNS, toStagedFindings, writeBatch, type StagedFindingValue } from '../../lib/sync/write-batch';

const PAGE = 2000;

function* pagesOf(tenant: DemoTenant, kind: DemoRecordKind, subscriptionId: string): Generator<unknown[]> {
  const total = tenant.count(kind, subscriptionId);
  for (let offset = 0; offset < total; offset += PAGE) yield tenant.page(kind, subscriptionId, offset, PAGE);
}

/** One CSV line per staged finding: NULL is an unquoted empty field, every string is quoted. */
function csvLine(values: readonly StagedFindingValue[]): string {
  return values
    .map((v) => (v === null ? '' : `"${(v instanceof Date ? v.toISOString() : v).replace(/"/g, '""')}"`))
    .join(',') + '\n';
}

export interface LoadResult {
  clusters: number;
  findings: number;
  seconds: Record<string, number>;
}

/** One finding source as a sync run would leave it: run record, staging, merge + sweep, snapshots, in one transaction. */
async function loadFindingSource(
  pool: pg.Pool,
  source: FindingSourceId,
  now: Date,
  before: SourceBatch[],
  findingPages: () => Generator<{ findings: FindingRow[]; after?: SourceBatch }>,
): Promise<number> {
  const run = await pool.query<{ id: string }>(
    `INSERT INTO sync_runs (source, trigger, started_at, outcome) VALUES ($1, 'cli', $2, 'running') RETURNING id::text`, [source, now],
  );
  const runId = BigInt(run.rows[0]!.id);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await createStaging(client);
    const ctx = { client, runId, source, now };
    for (const batch of before) await writeBatch(ctx, batch);
    // Images and workloads named by the findings are written after the COPY (the connection is busy during it).
    const after: SourceBatch[] = [];
    let staged = 0;
    const lines = function* (): Generator<string> {
      for (const page of findingPages()) {
        staged += page.findings.length;
        if (page.after) after.push(page.after);
        yield toStagedFindings(source, page.findings).map(csvLine).join('');
      }
    };
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY stage_findings (${STAGED_FINDING_COLUMNS.join(', ')}) FROM STDIN (FORMAT csv)`)));
    for (const batch of after) await writeBatch(ctx, batch);
    const counts = await mergeFindings(client, { source, runId, now, sweep: true });
    if (before.some((b) => b.metadata?.length)) await applyMetadataSeverity(client);
    await refreshSnapshots(client, source, now);
    await client.query('COMMIT');
    await pool.query(`UPDATE sync_runs SET outcome = 'succeeded', finished_at = now(), counts = $2 WHERE id = $1`, [
      runId, JSON.stringify({ findings: staged, ...counts }),
    ]);
    return staged;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function loadBenchTenant(
  pool: pg.Pool,
  options: { clusters: number; seed?: number; now?: Date; log?: (line: string) => void },
): Promise<LoadResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    seconds[name] = Math.round((performance.now() - t) / 100) / 10;
    log(`${name}: ${seconds[name]} s`);
    t = performance.now();
  };
  const tenant = generateTenant({ seed: options.seed ?? 1, clusters: options.clusters, now });
  const subs = tenant.subscriptions.map((s) => s.subscriptionId);
  lap('generate tenant');

  async function* inventory(): AsyncGenerator<SourceBatch> {
    for (const sub of subs) {
      yield { subscriptions: [{ id: sub, displayName: null }] };
      for (const items of pagesOf(tenant, 'managedClusters', sub)) yield { clusters: transformEach(items, 'managed cluster', toClusterRow) };
      for (const items of pagesOf(tenant, 'registries', sub)) yield { registries: transformEach(items, 'container registry', toRegistryRow) };
    }
  }
  const inv = await runBatches(pool, 'inventory', inventory(), { trigger: 'cli', sweep: true, now: () => now });
  if (inv.outcome !== 'succeeded') throw new Error(`inventory: ${inv.error}`);
  lap('inventory (store)');

  // Bulk-load practice: the findings table's secondary indexes (the trigram index above all) are dropped for the
  // load and rebuilt from their own definitions afterwards — one sorted build instead of a million inserts each.
  // The unique key stays: the store's merge upserts on it.
  const indexes = (await pool.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes i
      WHERE schemaname = current_schema() AND tablename = 'findings'
        AND indexdef NOT LIKE 'CREATE UNIQUE%' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  )).rows;
  for (const ix of indexes) await pool.query(`DROP INDEX "${ix.indexname}"`);

  const metadata = [...new Map(transformEach(tenant.page('assessmentMetadata', subs[0]!, 0, 100_000), 'assessment metadata', toMetadataRow)
    .map((m) => [m.key, m])).values()];
  let findings = await loadFindingSource(pool, 'defender-assessment', now, [{ metadata }], function* () {
    for (const sub of subs) for (const items of pagesOf(tenant, 'assessments', sub)) yield { findings: transformEach(items, 'assessment', toAssessmentFinding) };
  });
  lap('defender-assessment (COPY + merge)');

  findings += await loadFindingSource(pool, 'defender-vulnerability', now, [], function* () {
    const images = new Map<string, ImageRow>();
    const workloads = new Map<string, WorkloadRow>();
    for (const sub of subs) {
      for (const items of pagesOf(tenant, 'containerVulnerabilities', sub)) {
        const batch = toVulnerabilityBatch(transformEach(items, 'container vulnerability', toVulnerabilityRecord));
        for (const i of batch.images ?? []) images.set(i.digest.toLowerCase(), i);
        for (const w of batch.workloads ?? []) workloads.set(`${w.clusterArmId}|${w.namespace}|${w.kind}|${w.name}|${w.imageDigest}`.toLowerCase(), w);
        yield { findings: batch.findings ?? [] };
      }
    }
    const imageList = [...images.values()];
    const workloadList = [...workloads.values()];
    for (let i = 0; i < Math.max(imageList.length, workloadList.length); i += 5000) {
      yield { findings: [], after: { images: imageList.slice(i, i + 5000), workloads: workloadList.slice(i, i + 5000) } };
    }
  });
  lap('defender-vulnerability (COPY + merge)');
  const indexClient = await pool.connect();
  try {
    await indexClient.query(`SET maintenance_work_mem = '256MB'`);
    for (const ix of indexes) await indexClient.query(ix.indexdef);
  } finally {
    indexClient.release();
  }
  lap(`rebuild ${indexes.length} findings indexes`);
  await pool.query('ANALYZE');
  lap('analyze');
  return { clusters: tenant.clusters.length, findings, seconds };
}

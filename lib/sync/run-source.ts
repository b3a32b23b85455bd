// One source run: a run record committed up front (so a crash still leaves a trace), then everything the
// source returns in ONE transaction — staging, merge, sweep, snapshots — and the run closed as succeeded or
// failed with its message. A failed run changes no finding: the dashboard keeps the last good data and says so.
import type pg from 'pg';
import type { Connector, ConnectorContext, SourceBatch } from '../connectors/types';
import type { SourceId } from '../domain/model';
import { applyMetadataSeverity, mergeFindings, type MergeCounts } from './merge-findings';
import { finishPolicyRun } from './policy-store';
import { refreshSnapshots } from './snapshots';
import { createStaging, writeBatch } from './write-batch';

export interface RunCounts extends Partial<MergeCounts> {
  pages: number;
  clusters: number;
  registries: number;
  images: number;
  workloads: number;
  metadata: number;
  findings: number;
  clustersRemoved?: number;
  registriesRemoved?: number;
  severityCorrected?: number;
  policyStatesRemoved?: number;
  policyExemptionsRemoved?: number;
  policySummaryRows?: number;
}

export interface RunResult {
  runId: bigint;
  source: SourceId;
  outcome: 'succeeded' | 'failed';
  counts: RunCounts;
  error?: string;
  durationMs: number;
}

export interface RunOptions {
  trigger: 'cli' | 'schedule' | 'start' | 'import' | 'user';
  /** false for partial data (a single imported file): nothing absent from it is resolved. */
  sweep: boolean;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

// Two runs of the same source never interleave (scheduler + CLI); different sources run side by side.
const lockKey = (source: string) => `posture-sync:${source}`;

export async function runBatches(
  pool: pg.Pool,
  source: SourceId,
  batches: AsyncIterable<SourceBatch>,
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  const now = options.now?.() ?? new Date();
  const run = await pool.query<{ id: string }>(
    `INSERT INTO sync_runs (source, trigger, started_at, outcome) VALUES ($1, $2, $3, 'running') RETURNING id::text`,
    [source, options.trigger, now],
  );
  const runId = BigInt(run.rows[0]!.id);
  const counts: RunCounts = { pages: 0, clusters: 0, registries: 0, images: 0, workloads: 0, metadata: 0, findings: 0 };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(source)]);
    await createStaging(client);
    const ctx = { client, runId, source, now };
    for await (const batch of batches) {
      counts.pages += 1;
      await writeBatch(ctx, batch);
      counts.clusters += batch.clusters?.length ?? 0;
      counts.registries += batch.registries?.length ?? 0;
      counts.images += batch.images?.length ?? 0;
      counts.workloads += batch.workloads?.length ?? 0;
      counts.metadata += batch.metadata?.length ?? 0;
      counts.findings += batch.findings?.length ?? 0;
      options.onProgress?.(`${source}: page ${counts.pages}, ${counts.findings + counts.clusters + counts.registries + counts.metadata} records`);
    }
    if (source === 'inventory') {
      if (options.sweep) {
        const c = await client.query(`UPDATE clusters SET deleted_at = $2 WHERE deleted_at IS NULL AND last_run_id IS DISTINCT FROM $1`, [runId, now]);
        const r = await client.query(`UPDATE registries SET deleted_at = $2 WHERE deleted_at IS NULL AND last_run_id IS DISTINCT FROM $1`, [runId, now]);
        counts.clustersRemoved = c.rowCount ?? 0;
        counts.registriesRemoved = r.rowCount ?? 0;
      }
    } else {
      Object.assign(counts, await mergeFindings(client, { source, runId, now, sweep: options.sweep }));
      if (source === 'policy-state') Object.assign(counts, await finishPolicyRun(client, { runId, sweep: options.sweep }));
      // Metadata imported on its own still corrects the severity of assessments stored earlier.
      if (counts.metadata > 0) counts.severityCorrected = await applyMetadataSeverity(client);
      await refreshSnapshots(client, source, now);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await pool.query(`UPDATE sync_runs SET outcome = 'failed', finished_at = now(), error = $2, counts = $3 WHERE id = $1`, [
      runId,
      message.slice(0, 4000),
      JSON.stringify(counts),
    ]);
    return { runId, source, outcome: 'failed', counts, error: message, durationMs: Date.now() - started };
  } finally {
    client.release();
  }
  await pool.query(`UPDATE sync_runs SET outcome = 'succeeded', finished_at = now(), counts = $2 WHERE id = $1`, [runId, JSON.stringify(counts)]);
  return { runId, source, outcome: 'succeeded', counts, durationMs: Date.now() - started };
}

export function runConnector(pool: pg.Pool, connector: Connector, ctx: ConnectorContext, options: Omit<RunOptions, 'sweep'>): Promise<RunResult> {
  return runBatches(pool, connector.id, connector.run(ctx), { ...options, sweep: true });
}

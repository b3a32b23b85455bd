// One source run, in three steps:
// 1. a run record committed up front (so a crash still leaves a trace), and a session-level advisory lock on the
//    source held by the run's connection until the run ends, so two runs of one source never interleave;
// 2. the source paged (the next page fetched while the current one is written) and everything tenant-sized
//    streamed into session-temporary staging tables with COPY, OUTSIDE any transaction: no transaction stays open
//    while Azure is paged, so vacuum is never held back for minutes;
// 3. ONE short transaction: the small direct writes, merge, sweep, summaries, snapshots and the run's `succeeded`.
// A failed run changes no finding: the dashboard keeps the last good data and says so. Staging goes with the run
// (dropped at its end, or with the connection of a process that died). Losing the database mid-run fails the run
// (never the process); run-record.ts says how it is recorded.
import type pg from 'pg';
import type { Connector, ConnectorContext, SourceBatch } from '../connectors/types';
import type { SourceId } from '../domain/model';
import { applyMetadataSeverity, mergeFindings, type MergeCounts } from './merge-findings';
import { mergeSecurityEvents } from './merge-security-events';
import { finishPolicyRun } from './policy-store';
import { refreshSnapshots } from './snapshots';
import { syncTriageQueue, type TriageSyncCounts } from './sync-triage-queue';
import { readAhead } from './read-ahead';
import { createStaging, directPart, dropStaging, stageBatch, writeDirect } from './write-batch';
import { failInterruptedRuns, openRun, recordRunFailure, releaseRun, type RecordFailureOptions } from './run-record';

export interface RunCounts extends Partial<MergeCounts> {
  pages: number;
  clusters: number;
  registries: number;
  images: number;
  workloads: number;
  metadata: number;
  findings: number;
  /** Records of other kinds the source read and left out, by kind (a sub-assessment list's SQL and server records). */
  skipped?: Record<string, number>;
  clustersRemoved?: number;
  registriesRemoved?: number;
  severityCorrected?: number;
  securityEvents?: number;
  triage?: TriageSyncCounts;
  policyStatesWritten?: number;
  policyStatesRemoved?: number;
  policyExemptionsRemoved?: number;
  policySummaryRows?: number;
  /** How long the merge transaction was open (ms): paging and staging happen before it. */
  mergeMs?: number;
  /** Of which the snapshot refresh (ms), measured on its own for the benchmark. */
  snapshotMs?: number;
  /** Time spent streaming pages into staging (ms): with mergeMs, the store's share of the run. */
  stageMs?: number;
  /** Time spent waiting for the source's next page (ms) after the previous one was staged: the fetch's share. */
  fetchWaitMs?: number;
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
  /** How long to keep trying to record a failure while the database is unreachable (tests shorten it). */
  failureRecord?: RecordFailureOptions;
}

// Two runs of the same source never interleave (scheduler + CLI); different sources run side by side. The lock is
// session-level, taken after the run record exists and held across paging and merge; it is released when the run
// ends, or by the server when the connection drops (a killed process never leaves a source locked).
const lockKey = (source: string) => `posture-sync:${source}`;

export async function runBatches(
  pool: pg.Pool,
  source: SourceId,
  batches: AsyncIterable<SourceBatch>,
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  const now = options.now?.() ?? new Date();
  const counts: RunCounts = { pages: 0, clusters: 0, registries: 0, images: 0, workloads: 0, metadata: 0, findings: 0 };
  const client = await pool.connect();
  // A checked-out client has no listener of the pool's: without this one, a connection lost while the source is
  // being fetched ("Connection terminated unexpectedly") is an unhandled 'error' event that kills the process.
  // The lost connection also rejects the query in flight (or the next one), which fails the run below.
  let connectionError: Error | undefined;
  const onConnectionError = (error: Error) => {
    connectionError ??= error;
  };
  client.on('error', onConnectionError);
  let runId: bigint | undefined;
  let sourceLocked = false;
  let outcome: RunResult;
  try {
    await failInterruptedRuns(client);
    runId = await openRun(client, source, options.trigger, now);
    let inTransaction = false;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey(source)]);
      sourceLocked = true;
      await createStaging(client);
      const ctx = { client, runId, source, now, stagedParts: new Set<string>() };
      // Small direct writes (subscriptions, clusters, registries, metadata, policy data) wait for the transaction.
      const direct: SourceBatch[] = [];
      let stageMs = 0;
      let stagedEvents = false;
      let waitStarted = performance.now();
      counts.fetchWaitMs = 0;
      for await (const batch of readAhead(batches)) {
        const stageStarted = performance.now();
        counts.fetchWaitMs += stageStarted - waitStarted;
        if (connectionError) throw connectionError;
        counts.pages += 1;
        await stageBatch(ctx, batch);
        stageMs += performance.now() - stageStarted;
        const rest = directPart(batch);
        if (rest) direct.push(rest);
        counts.clusters += batch.clusters?.length ?? 0;
        counts.registries += batch.registries?.length ?? 0;
        counts.images += batch.images?.length ?? 0;
        counts.workloads += batch.workloads?.length ?? 0;
        counts.metadata += batch.metadata?.length ?? 0;
        counts.findings += batch.findings?.length ?? 0;
        stagedEvents ||= batch.findings?.some((f) => f.kind === 'alert' || f.kind === 'incident') ?? false;
        addSkipped(counts, batch.skipped);
        options.onProgress?.(`${source}: page ${counts.pages}, ${counts.findings + counts.clusters + counts.registries + counts.metadata} records`);
        waitStarted = performance.now();
      }
      counts.stageMs = Math.round(stageMs);
      counts.fetchWaitMs = Math.round(counts.fetchWaitMs);
      if (connectionError) throw connectionError;
      const mergeStarted = performance.now();
      await client.query('BEGIN');
      inTransaction = true;
      for (const batch of direct.splice(0)) await writeDirect(ctx, batch);
      if (source === 'inventory' && options.sweep) {
        const c = await client.query(`UPDATE clusters SET deleted_at = $2 WHERE deleted_at IS NULL AND last_run_id IS DISTINCT FROM $1`, [runId, now]);
        const r = await client.query(`UPDATE registries SET deleted_at = $2 WHERE deleted_at IS NULL AND last_run_id IS DISTINCT FROM $1`, [runId, now]);
        counts.clustersRemoved = c.rowCount ?? 0;
        counts.registriesRemoved = r.rowCount ?? 0;
      }
      // The inventory's findings are its configuration checks (connectors/inventory/checks.ts); they merge like any.
      {
        Object.assign(counts, await mergeFindings(client, { source, runId, now, sweep: options.sweep }));
        if (source === 'policy-state') Object.assign(counts, await finishPolicyRun(client, { runId, now, sweep: options.sweep }));
        // Metadata imported on its own still corrects the severity of assessments stored earlier.
        if (counts.metadata > 0) counts.severityCorrected = await applyMetadataSeverity(client);
        counts.securityEvents = await mergeSecurityEvents(client, { source, now });
        counts.triage = await syncTriageQueue(client, { source, runId, now, stagedEvents });
        const snapshotStarted = performance.now();
        await refreshSnapshots(client, source, now);
        counts.snapshotMs = Math.round(performance.now() - snapshotStarted);
      }
      counts.mergeMs = Math.round(performance.now() - mergeStarted);
      // The outcome commits with the data: there is no moment where the data is in and the run still `running`.
      // clock_timestamp(): now() would be the merge transaction's start, not the run's end.
      await client.query(`UPDATE sync_runs SET outcome = 'succeeded', finished_at = clock_timestamp(), counts = $2 WHERE id = $1`, [runId, JSON.stringify(counts)]);
      await client.query('COMMIT');
      outcome = { runId, source, outcome: 'succeeded', counts, durationMs: Date.now() - started };
    } catch (error) {
      if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (runId === undefined) {
      // Not even the record could be written (database down at the start): nothing to close, nothing written.
      client.off('error', onConnectionError);
      client.release(toError(connectionError ?? error));
      return { runId: BigInt(0), source, outcome: 'failed', counts, error: message, durationMs: Date.now() - started };
    }
    await recordRunFailure(pool, runId, message, counts, options.failureRecord);
    outcome = { runId, source, outcome: 'failed', counts, error: message, durationMs: Date.now() - started };
  }
  // Drop the staging and release the source and liveness locks before the connection goes back to the pool; a
  // connection that cannot is destroyed instead (a pooled connection must never keep holding a run's lock).
  const releaseError = connectionError ?? (await endRunSession(client, runId, sourceLocked ? source : null).then(() => undefined, toError));
  client.off('error', onConnectionError);
  client.release(releaseError);
  return outcome;
}

async function endRunSession(client: pg.PoolClient, runId: bigint, lockedSource: string | null): Promise<void> {
  await dropStaging(client);
  if (lockedSource) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(lockedSource)]);
  await releaseRun(client, runId);
}

function addSkipped(counts: RunCounts, skipped: SourceBatch['skipped']): void {
  for (const [kind, n] of Object.entries(skipped ?? {})) {
    if (!n) continue;
    counts.skipped ??= {};
    counts.skipped[kind] = (counts.skipped[kind] ?? 0) + n;
  }
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export function runConnector(pool: pg.Pool, connector: Connector, ctx: ConnectorContext, options: Omit<RunOptions, 'sweep'>): Promise<RunResult> {
  return runBatches(pool, connector.id, connector.run({ ...ctx, now: ctx.now ?? options.now?.() }), { ...options, sweep: true });
}

import 'server-only';
// "Sync now" and its live progress. State per source comes from what every replica can read: the pg-boss job
// (queued, or taken by a worker) and the source's latest sync_runs row, whose counts carry the progress while it
// runs (lib/jobs/run-progress.ts). Both are a handful of rows: six sources, one lateral look-up each on an index.
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { assertCan } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { recordAudit, type AuditRequestInfo } from '../audit/record-audit';
import { getConnector } from '../connectors/registry';
import { getPrisma } from '../db/prisma';
import { SOURCE_LABELS, type SourceId } from '../domain/model';
import type { PrismaClient } from '../generated/prisma/client';
import { ALL_SOURCES, enqueueSync } from '../jobs/enqueue-sync';
import { getSyncQueue } from '../jobs/producer';
import { JOB_SCHEMA, syncQueueName } from '../jobs/queues';
import type { SyncRequestBody } from '../validation/sync';

export const SYNC_STATES = ['idle', 'queued', 'running', 'succeeded', 'failed'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface SyncStatusDto {
  source: SourceId;
  label: string;
  state: SyncState;
  /** Another run of the source is already queued (behind the one running, or a fresh request). */
  queued: boolean;
  /** Pages and records written so far (running) or in the last run. */
  pages: number | null;
  records: number | null;
  /**
   * Records of other kinds the shown run read and left out, counted and said in words by the source ("Left out 3
   * records that are not container image vulnerabilities: …"); null when it left nothing out.
   */
  skipped: { total: number; summary: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const countsSchema = z
  .object({
    pages: z.number(),
    findings: z.number(),
    clusters: z.number(),
    registries: z.number(),
    metadata: z.number(),
    progress: z.object({ pages: z.number(), records: z.number() }),
    skipped: z.record(z.string(), z.number()),
  })
  .partial();

function skippedOf(source: SourceId, counts: unknown): SyncStatusDto['skipped'] {
  const c = countsSchema.safeParse(counts);
  const skipped = c.success ? c.data.skipped : undefined;
  if (!skipped) return null;
  const total = Object.values(skipped).reduce((sum, n) => sum + Math.max(n, 0), 0);
  const summary = getConnector(source)?.describeSkipped?.(skipped) ?? null;
  return total > 0 && summary ? { total, summary } : null;
}

function pagesAndRecords(counts: unknown): { pages: number | null; records: number | null } {
  const c = countsSchema.safeParse(counts);
  if (!c.success) return { pages: null, records: null };
  if (c.data.progress) return c.data.progress;
  if (c.data.pages === undefined) return { pages: null, records: null };
  const records = (c.data.findings ?? 0) + (c.data.clusters ?? 0) + (c.data.registries ?? 0) + (c.data.metadata ?? 0);
  return { pages: c.data.pages, records };
}

interface Row {
  source: SourceId;
  job_state: string | null;
  waiting: boolean;
  outcome: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  counts: unknown;
}

/** Every source's state, with the time it was read (relative times in the view count from it). */
export interface SyncStatusPage {
  sources: SyncStatusDto[];
  readAt: string;
}

export interface SyncDeps {
  prisma?: PrismaClient;
  queue?: () => Promise<PgBoss>;
}

export async function listSyncStatus(viewer: Viewer, deps: SyncDeps = {}): Promise<SyncStatusPage> {
  assertCan(viewer, 'sync.run');
  // Opening the queue makes sure its tables exist (pg-boss installs them on first start) before they are read.
  await (deps.queue ?? getSyncQueue)();
  const db = deps.prisma ?? getPrisma();
  const sources = [...ALL_SOURCES];
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT s.source, j.state AS job_state, COALESCE(j.waiting, false) AS waiting,
            r.outcome::text AS outcome, r.started_at, r.finished_at, r.error, r.counts
       FROM unnest($1::text[], $2::text[]) AS s(source, queue)
       LEFT JOIN LATERAL (
         SELECT max(state)::text AS state, bool_or(state < 'active') AS waiting
           FROM ${JOB_SCHEMA}.job WHERE name = s.queue AND state <= 'active') j ON true
       LEFT JOIN LATERAL (
         SELECT outcome, started_at, finished_at, error, counts FROM sync_runs
          WHERE source = s.source AND trigger <> 'import' ORDER BY started_at DESC LIMIT 1) r ON true`,
    sources,
    sources.map(syncQueueName),
  );
  const readAt = new Date().toISOString();
  const list = sources.map((source): SyncStatusDto => {
    const r = rows.find((x) => x.source === source);
    const runningRun = r?.outcome === 'running' ? r : null;
    const lastRun = r?.outcome && r.outcome !== 'running' ? r : null;
    // A job just taken by a worker has no run row yet: it is running, at page 0.
    const running = Boolean(runningRun) || r?.job_state === 'active';
    const state: SyncState = running ? 'running' : r?.waiting ? 'queued' : lastRun ? (lastRun.outcome === 'succeeded' ? 'succeeded' : 'failed') : 'idle';
    const shown = running ? runningRun : lastRun;
    const { pages, records } = shown ? pagesAndRecords(shown.counts) : { pages: null, records: null };
    return {
      source,
      label: SOURCE_LABELS[source],
      state,
      queued: running && Boolean(r?.waiting),
      pages: running ? (pages ?? 0) : pages,
      records: running ? (records ?? 0) : records,
      skipped: shown ? skippedOf(source, shown.counts) : null,
      startedAt: shown?.started_at?.toISOString() ?? null,
      finishedAt: running ? null : (shown?.finished_at?.toISOString() ?? null),
      error: state === 'failed' ? (lastRun?.error ?? 'unknown error') : null,
    };
  });
  return { sources: list, readAt };
}

export interface SyncRequestResult {
  sources: { source: SourceId; queued: 'new' | 'already-queued' | 'after-inventory' }[];
}

/**
 * Queues a sync of one source or of all, with its audit entry in the same transaction: the job row is written
 * through the transaction's own connection (pg-boss's `db` option), so both commit together or neither does.
 */
export async function requestSync(
  viewer: Viewer,
  body: SyncRequestBody,
  request: AuditRequestInfo | null,
  deps: SyncDeps = {},
): Promise<SyncRequestResult> {
  assertCan(viewer, 'sync.run');
  const boss = await (deps.queue ?? getSyncQueue)();
  const sources = body.source ? [body.source] : ALL_SOURCES;
  return (deps.prisma ?? getPrisma()).$transaction(async (tx) => {
    const db: PgBoss.Db = {
      executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map(toSqlParam)) }),
    };
    const queued = await enqueueSync(boss, { sources, trigger: 'user', requestedBy: viewer.id }, { db });
    const result: SyncRequestResult = {
      sources: queued.map((q) => ({ source: q.source, queued: q.jobId ? 'new' : q.afterInventory ? 'after-inventory' : 'already-queued' })),
    };
    await recordAudit(tx, { actor: viewer, action: 'sync.run', outcome: 'success', target: { type: 'source', id: body.source ?? 'all' }, detail: { sources: result.sources }, request });
    return result;
  });
}

// pg-boss hands node-postgres its values (a job's data as an object); Prisma's raw queries take JSON as text.
function toSqlParam(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceBatch } from '../connectors/types';
import type { FindingRow } from '../domain/rows';
import { clusterRow, recommendationRow, testCluster } from '../testing/rows';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { resourceKeyOf } from './cluster-id';
import { runBatches } from './run-source';

const TEST_CLUSTER = testCluster('00000000-0000-0000-0000-00000000a001', 'rg-a', 'aks-a');
const CLUSTER = TEST_CLUSTER.armId;
const cluster = () => clusterRow(TEST_CLUSTER, { kubernetesVersion: '1.29.2' });
const finding = (key: string, over: Partial<FindingRow> = {}) => recommendationRow(TEST_CLUSTER, 'assessments', key, over);

async function* pages(...batches: SourceBatch[]): AsyncIterable<SourceBatch> {
  for (const b of batches) yield b;
}

async function* failingAfter(batch: SourceBatch): AsyncIterable<SourceBatch> {
  yield batch;
  throw new Error('Defender answered 500 on page 2');
}

describe('runBatches (store: one transaction per source run, mark-and-sweep)', () => {
  let db: TestDatabase;
  const day = (d: string) => () => new Date(`${d}T12:00:00Z`);
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query('TRUNCATE findings, sync_runs, posture_snapshots, snapshot_state, workloads, images, clusters, registries, recommendation_metadata, subscriptions CASCADE');
    const r = await runBatches(db.pool, 'inventory', pages({ clusters: [cluster()] }), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('succeeded');
  });

  const open = async () =>
    (await db.pool.query<{ rule_id: string; status: string }>('SELECT rule_id, status FROM findings ORDER BY rule_id')).rows;

  it('inserts findings attached to their cluster, classified into a stage and control', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a'), finding('b')] }), { trigger: 'cli', sweep: true, now: day('2026-11-01') });
    expect(r.outcome).toBe('succeeded');
    expect(r.counts).toMatchObject({ findings: 2, inserted: 2, updated: 0, resolvedBySweep: 0 });
    const rows = (await db.pool.query('SELECT cluster_id, stage, control_id, severity FROM findings')).rows;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.cluster_id).toBe(resourceKeyOf(CLUSTER));
      expect(row.stage).toBe('operate');
      expect(row.control_id).toMatch(/^operate-/);
    }
  });

  it('resolves, never deletes, findings a complete run no longer reports, and reopens them when they return', async () => {
    await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a'), finding('b')] }), { trigger: 'cli', sweep: true, now: day('2026-11-01') });
    const second = await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a')] }), { trigger: 'cli', sweep: true, now: day('2026-11-02') });
    // 'a' is reported again unchanged: it is left as it is (not rewritten), 'b' is resolved.
    expect(second.counts).toMatchObject({ updated: 0, unchanged: 1, inserted: 0, resolvedBySweep: 1 });
    expect(await open()).toEqual([{ rule_id: 'a', status: 'open' }, { rule_id: 'b', status: 'resolved' }]);
    const resolvedAt = (await db.pool.query("SELECT resolved_at FROM findings WHERE rule_id = 'b'")).rows[0].resolved_at as Date;
    expect(resolvedAt.toISOString()).toBe('2026-11-02T12:00:00.000Z');
    await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a'), finding('b')] }), { trigger: 'cli', sweep: true, now: day('2026-11-03') });
    const b = (await db.pool.query("SELECT status, resolved_at, first_seen_at FROM findings WHERE rule_id = 'b'")).rows[0];
    expect(b.status).toBe('open');
    expect(b.resolved_at).toBeNull();
    expect((b.first_seen_at as Date).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('a run that fails half-way changes nothing and records the error', async () => {
    await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a'), finding('b')] }), { trigger: 'cli', sweep: true, now: day('2026-11-01') });
    const before = (await db.pool.query('SELECT id, status, last_seen_at, title FROM findings ORDER BY id')).rows;
    const failed = await runBatches(db.pool, 'defender-assessment', failingAfter({ findings: [finding('c', { title: 'changed' })] }), { trigger: 'cli', sweep: true, now: day('2026-11-02') });
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toContain('500 on page 2');
    expect((await db.pool.query('SELECT id, status, last_seen_at, title FROM findings ORDER BY id')).rows).toEqual(before);
    const run = (await db.pool.query('SELECT outcome, error, finished_at FROM sync_runs WHERE id = $1', [failed.runId.toString()])).rows[0];
    expect(run.outcome).toBe('failed');
    expect(run.error).toContain('500 on page 2');
    expect(run.finished_at).toBeInstanceOf(Date);
  });

  it('an import (sweep off) adds and updates without resolving anything absent from the file', async () => {
    await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a'), finding('b')] }), { trigger: 'cli', sweep: true });
    const r = await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('c')] }), { trigger: 'import', sweep: false });
    expect(r.counts).toMatchObject({ inserted: 1, resolvedBySweep: 0 });
    expect((await open()).map((x) => x.status)).toEqual(['open', 'open', 'open']);
  });

  it('takes severity from assessment metadata, and corrects it when metadata arrives later', async () => {
    const noSeverity = finding('k1', { severity: null });
    const r = await runBatches(db.pool, 'defender-assessment', pages({ findings: [noSeverity] }), { trigger: 'import', sweep: false });
    expect(r.counts.severityUnknown).toBe(1);
    expect((await db.pool.query('SELECT severity FROM findings')).rows[0].severity).toBe('informational');
    const meta = await runBatches(
      db.pool,
      'defender-assessment',
      pages({ metadata: [{ key: 'K1', displayName: 'Rec', severity: 'high', description: null, remediation: null, categories: ['Compute'], policyDefinitionId: null, assessmentType: 'BuiltIn', raw: {} }] }),
      { trigger: 'import', sweep: false },
    );
    expect(meta.counts.severityCorrected).toBe(1);
    expect((await db.pool.query('SELECT severity FROM findings')).rows[0].severity).toBe('high');
    const again = await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('k2', { ruleId: 'k1', severity: null })] }), { trigger: 'import', sweep: false });
    expect(again.counts.severityFromMetadata).toBe(1);
  });

  it('a record repeated across pages is merged once', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a')] }, { findings: [finding('a', { title: 'newer' })] }), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('succeeded');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n).toBe(1);
  });

  it('counts the records of other kinds a source left out, over all its pages, in the run record', async () => {
    const r = await runBatches(
      db.pool,
      'defender-vulnerability',
      pages({ findings: [], skipped: { SQL: 2 } }, { findings: [], skipped: { SQL: 1, server: 4 } }, { findings: [] }),
      { trigger: 'cli', sweep: true },
    );
    expect(r.outcome).toBe('succeeded');
    expect(r.counts.skipped).toEqual({ SQL: 3, server: 4 });
    // Stored with the run, where the admin sync page reads it.
    expect((await db.pool.query("SELECT counts->'skipped' AS skipped FROM sync_runs WHERE id = $1", [r.runId])).rows[0].skipped).toEqual({ SQL: 3, server: 4 });
    // A run that skipped nothing says nothing about it.
    const none = await runBatches(db.pool, 'defender-vulnerability', pages({ findings: [] }), { trigger: 'cli', sweep: true });
    expect(none.counts.skipped).toBeUndefined();
  });

  it('back-fills the snapshot window from first-seen and resolved dates on the first run, then keeps today current', async () => {
    const now = day('2026-11-26');
    await runBatches(
      db.pool,
      'defender-assessment',
      pages({
        findings: [
          finding('old', { firstSeenAt: new Date('2026-08-01T00:00:00Z') }),
          finding('fixed', { status: 'resolved', firstSeenAt: new Date('2026-10-01T00:00:00Z'), resolvedAt: new Date('2026-11-10T00:00:00Z') }),
          finding('new', { firstSeenAt: new Date('2026-11-20T00:00:00Z'), severity: 'critical' }),
        ],
      }),
      { trigger: 'cli', sweep: true, now },
    );
    const series = async (d: string) =>
      (await db.pool.query<{ n: number }>("SELECT coalesce(sum(open), 0)::int AS n FROM posture_snapshots WHERE scope = 'all' AND day = $1", [d])).rows[0]!.n;
    expect(await series('2026-08-29')).toBe(1); // 90 days back: only "old"
    expect(await series('2026-10-15')).toBe(2); // old + fixed
    expect(await series('2026-11-10')).toBe(1); // fixed resolved that day
    expect(await series('2026-11-26')).toBe(2); // old + new
    expect(await series('2026-07-31')).toBe(0); // before the first finding was seen
    const perCluster = (await db.pool.query<{ n: number }>("SELECT sum(open)::int AS n FROM posture_snapshots WHERE scope = $1 AND day = '2026-11-26'", [resourceKeyOf(CLUSTER)])).rows[0]!.n;
    expect(perCluster).toBe(2);
  });

  it('marks clusters missing from a complete inventory run as deleted, and keeps their findings', async () => {
    await runBatches(db.pool, 'defender-assessment', pages({ findings: [finding('a')] }), { trigger: 'cli', sweep: true });
    const r = await runBatches(db.pool, 'inventory', pages({ clusters: [] }), { trigger: 'cli', sweep: true });
    expect(r.counts.clustersRemoved).toBe(1);
    expect((await db.pool.query('SELECT deleted_at FROM clusters')).rows[0].deleted_at).toBeInstanceOf(Date);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n).toBe(1);
  });
});

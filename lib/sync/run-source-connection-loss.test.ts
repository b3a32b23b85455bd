// Issue 8 items 2 and 7: the database connection lost in the middle of a source run fails that run — recorded
// as failed with its reason once the database answers again — without an uncaught error (which would kill the
// launcher; vitest fails the file on one), and the next run succeeds. A run whose owner died (process killed,
// connection gone) is marked failed as interrupted by the next run; a live run is left alone.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceBatch } from '../connectors/types';
import { createSyncPool } from '../db/sync-pool';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { startCuttableProxy, type CuttableProxy } from '../testing/tcp-proxy';
import { failInterruptedRuns, INTERRUPTED_MESSAGE, openRun } from './run-record';
import { runBatches } from './run-source';

const SUB = '00000000-0000-0000-0000-00000000b001';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-b/providers/Microsoft.ContainerService/managedClusters/aks-b`;
const batch: SourceBatch = {
  clusters: [
    {
      armId: CLUSTER, subscriptionId: SUB, resourceGroup: 'rg-b', name: 'aks-b', location: 'westeurope', kubernetesVersion: '1.30.1',
      provisioningState: 'Succeeded', fqdn: null, rbacEnabled: true, networkPolicy: 'azure', team: 'payments', tags: {}, raw: { id: CLUSTER },
    },
  ],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a source run that loses its database connection', () => {
  let db: TestDatabase;
  let proxy: CuttableProxy;
  let pool: pg.Pool;
  const poolLog: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const u = new URL(db.url);
    proxy = await startCuttableProxy({ host: u.hostname, port: Number(u.port) });
    pool = createSyncPool(proxy.urlFor(db.url), (l) => poolLog.push(l));
  });
  afterAll(async () => {
    await pool.end().catch(() => undefined);
    await proxy.close();
    await db.drop();
  });

  it('fails that run with its reason, keeps the process up, and the next run succeeds', async () => {
    let resumeSource!: () => void;
    const sourceResumed = new Promise<void>((r) => (resumeSource = r));
    let firstPageWritten!: () => void;
    const pageWritten = new Promise<void>((r) => (firstPageWritten = r));
    // The source hands over a page, then is still fetching (the connection idles, checked out) when the cut comes.
    async function* slowSource(): AsyncIterable<SourceBatch> {
      yield batch;
      await sourceResumed;
      yield batch;
    }
    const run = runBatches(pool, 'inventory', slowSource(), {
      trigger: 'schedule',
      sweep: true,
      onProgress: () => firstPageWritten(),
      failureRecord: { retryDelaysMs: [100, 200, 400, 800, 1600, 3200] },
    });
    await pageWritten;
    // Also an idle pooled connection, as the launcher's pool has between runs.
    await pool.query('SELECT 1');
    proxy.cut();
    await sleep(300);
    resumeSource();
    await sleep(700); // the database stays away while the run tries to record its failure
    proxy.restore();

    const result = await run;
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/terminated|ECONNRESET|closed/i);
    const row = (await db.pool.query('SELECT outcome, error, finished_at FROM sync_runs WHERE id = $1', [result.runId.toString()])).rows[0];
    expect(row).toMatchObject({ outcome: 'failed', error: result.error });
    expect(row.finished_at).not.toBeNull();
    // Nothing of the failed run was written.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM clusters')).rows[0].n).toBe(0);

    const next = await runBatches(pool, 'inventory', (async function* () { yield batch; })(), { trigger: 'schedule', sweep: true });
    expect(next.outcome).toBe('succeeded');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM clusters')).rows[0].n).toBe(1);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM sync_runs WHERE outcome = 'running'`)).rows[0].n).toBe(0);
  });

  it('a run whose connection died stays failed as interrupted, a live run stays running', async () => {
    // A run whose process was killed: its connection (through the proxy) goes away with its liveness lock.
    const doomed = new pg.Client({ connectionString: proxy.urlFor(db.url) });
    doomed.on('error', () => undefined);
    await doomed.connect();
    const deadRun = await openRun(doomed, 'defender-assessment', 'schedule', new Date());
    // A run in progress elsewhere, directly connected.
    const live = await db.pool.connect();
    const liveRun = await openRun(live, 'defender-vulnerability', 'cli', new Date());
    try {
      proxy.cut();
      proxy.restore();
      await expect.poll(async () => (await failInterruptedRuns(db.pool)).map(String), { timeout: 10_000 }).toContain(deadRun.toString());
      const rows = (await db.pool.query('SELECT id::text, outcome, error, finished_at FROM sync_runs WHERE id = ANY($1::bigint[]) ORDER BY id', [[deadRun.toString(), liveRun.toString()]])).rows;
      expect(rows[0]).toMatchObject({ outcome: 'failed', error: INTERRUPTED_MESSAGE });
      expect(rows[0].finished_at).not.toBeNull();
      expect(rows[1]).toMatchObject({ outcome: 'running' });
    } finally {
      live.release(true);
      await doomed.end().catch(() => undefined);
    }
  });

  it('the next run closes a stale run of any source before it starts', async () => {
    const doomed = new pg.Client({ connectionString: db.url });
    await doomed.connect();
    const stale = await openRun(doomed, 'policy-state', 'schedule', new Date());
    await doomed.end(); // the process is gone
    const r = await runBatches(pool, 'inventory', (async function* () { yield batch; })(), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('succeeded');
    expect((await db.pool.query('SELECT outcome, error FROM sync_runs WHERE id = $1', [stale.toString()])).rows[0]).toEqual({ outcome: 'failed', error: INTERRUPTED_MESSAGE });
  });
});

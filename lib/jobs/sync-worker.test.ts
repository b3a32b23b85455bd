// The pg-boss sync against a real Postgres: a "sync all" chain runs inventory first and every source once, a
// second request joins the job already waiting, progress is on the run row while it runs, and a job whose
// worker is gone (active, nobody holding its lock) is handed back and completed by a live worker.
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AzureSettings } from '../connectors/types';
import type { SourceId } from '../domain/model';
import { startScheduler, type Scheduler } from '../runtime/scheduler';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { installJobQueue } from './boss';
import { ALL_SOURCES, enqueueSync } from './enqueue-sync';
import { JOB_SCHEMA, syncQueueName } from './queues';
import { fakeConnector } from './testing/fake-sources';

const azure: AzureSettings = { armEndpoint: 'https://unused.invalid', subscriptionIds: [], sentinelWorkspaceIds: [], credential: { getToken: async () => null } };
const logs: string[] = [];

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sync through pg-boss', () => {
  let db: TestDatabase;
  let producer: PgBoss;
  let scheduler: Scheduler | null = null;
  const start = async (pageDelayMs = 0) => {
    scheduler = await startScheduler({
      pool: db.pool, databaseUrl: db.url, azure, intervalMinutes: 0, syncOnStart: false, takeoverSeconds: 1, pollMs: 200,
      log: (l) => logs.push(l), connectorFor: (s) => fakeConnector(s, { pages: 3, pageDelayMs }),
    });
  };
  const jobStates = async (source: SourceId) =>
    (await db.pool.query<{ state: string; retry_count: number }>(`SELECT state::text, retry_count FROM ${JOB_SCHEMA}.job WHERE name = $1 ORDER BY created_on`, [syncQueueName(source)])).rows;
  const runs = async () =>
    (await db.pool.query<{ source: string; outcome: string; started_at: Date; finished_at: Date | null; counts: Record<string, unknown> }>(
      'SELECT source, outcome::text, started_at, finished_at, counts FROM sync_runs ORDER BY id')).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    await installJobQueue(db.url);
    producer = new PgBoss({ connectionString: db.url, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
    producer.on('error', () => undefined);
    await producer.start();
  });
  afterAll(async () => {
    await scheduler?.stop();
    await producer.stop({ graceful: false });
    await db.drop();
  });
  beforeEach(async () => {
    await scheduler?.stop();
    scheduler = null;
    await db.pool.query(`TRUNCATE sync_runs, findings, clusters CASCADE; DELETE FROM ${JOB_SCHEMA}.job`);
  });

  it('runs a "sync all" as inventory first, then every other source once; a repeat request joins the waiting job', async () => {
    const first = await enqueueSync(producer, { sources: ALL_SOURCES, trigger: 'user' });
    expect(first[0]).toMatchObject({ source: 'inventory', jobId: expect.any(String) });
    expect(first.slice(1).every((s) => s.afterInventory)).toBe(true);
    const again = await enqueueSync(producer, { sources: ['inventory'], trigger: 'user' });
    expect(again).toEqual([{ source: 'inventory', jobId: null, afterInventory: false }]);

    await start();
    const done = await until(runs, (r) => r.length === ALL_SOURCES.length && r.every((x) => x.outcome !== 'running'));
    expect(done.map((r) => r.source)[0]).toBe('inventory');
    expect(new Set(done.map((r) => r.source))).toEqual(new Set(ALL_SOURCES));
    expect(done.every((r) => r.outcome === 'succeeded')).toBe(true);
    const inventoryEnd = done[0]!.finished_at!.getTime();
    expect(done.slice(1).every((r) => r.started_at.getTime() >= inventoryEnd)).toBe(true);
    for (const source of ALL_SOURCES) await until(() => jobStates(source), (s) => s.length === 1 && s[0]!.state === 'completed');
  });

  it('keeps live progress (page and records so far) on the running run row', async () => {
    await enqueueSync(producer, { sources: ['defender-assessment'], trigger: 'user' });
    await start(700);
    const seen = await until(runs, (r) => r.some((x) => x.outcome === 'running' && typeof x.counts.progress === 'object'));
    expect(seen[0]!.counts.progress).toMatchObject({ pages: expect.any(Number), records: expect.any(Number) });
    const finished = await until(runs, (r) => r[0]?.outcome === 'succeeded');
    expect(finished[0]!.counts).toMatchObject({ pages: 3, findings: 3 });
    expect(finished[0]!.counts.progress).toBeUndefined();
  });

  it('hands a job whose worker is gone back to the queue, and a live worker completes it', async () => {
    await enqueueSync(producer, { sources: ['policy-state'], trigger: 'user' });
    // A worker that took the job and died before doing anything: active, nobody holds its lock.
    const [taken] = await producer.fetch(syncQueueName('policy-state'));
    expect(taken).toBeDefined();
    await db.pool.query(`UPDATE ${JOB_SCHEMA}.job SET started_on = now() - interval '1 minute' WHERE id = $1`, [taken!.id]);
    await start();
    const states = await until(() => jobStates('policy-state'), (s) => s[0]?.state === 'completed');
    expect(states).toEqual([{ state: 'completed', retry_count: 1 }]);
    expect((await runs()).map((r) => [r.source, r.outcome])).toEqual([['policy-state', 'succeeded']]);
    expect(logs.some((l) => l.includes('took over sync job sync.policy-state'))).toBe(true);
  });

  it('never takes over a job whose worker is alive, however long it runs', async () => {
    await enqueueSync(producer, { sources: ['defender-alert'], trigger: 'user' });
    await start(1500);
    await until(runs, (r) => r[0]?.outcome === 'running');
    await db.pool.query(`UPDATE ${JOB_SCHEMA}.job SET started_on = now() - interval '1 hour' WHERE name = $1`, [syncQueueName('defender-alert')]);
    await until(runs, (r) => r[0]?.outcome === 'succeeded');
    expect(await until(() => jobStates('defender-alert'), (s) => s[0]?.state !== 'active')).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(await runs()).toHaveLength(1);
  });
});

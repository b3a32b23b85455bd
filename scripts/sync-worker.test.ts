// Two real sync processes (scripts/sync-worker.ts: the scheduler `npm start` runs) on one database, with the
// scheduler on: no source ever runs twice at once (its sync_runs intervals never overlap), and when the process
// running a source is killed with SIGKILL mid-run, the other one closes that run as interrupted, takes the job
// over and completes it — and the rest of the "sync all" with it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../lib/demo/tls';
import { ALL_SOURCES } from '../lib/jobs/enqueue-sync';
import { JOB_SCHEMA, syncQueueName } from '../lib/jobs/queues';
import { INTERRUPTED_MESSAGE } from '../lib/sync/run-record';
import { createTestDatabase, type TestDatabase } from '../lib/testing/db';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = '.data';

interface Worker {
  child: ChildProcess;
  output: string;
}

function startWorker(db: TestDatabase, caFile: string): Worker {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_OPTIONS']) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync-worker.ts', '--test-page-delay-ms=200'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      DATABASE_URL: db.url,
      DATA_DIR,
      POSTURE_MODE: 'demo',
      DEMO_CLUSTERS: '1',
      SYNC_ON_START: 'true',
      SYNC_INTERVAL_MINUTES: '60',
      SYNC_TAKEOVER_SECONDS: '1',
      // Already trusted, so the worker does not re-run itself (a SIGKILL must hit the process that does the work).
      NODE_EXTRA_CA_CERTS: caFile,
      NO_COLOR: '1',
    },
  });
  const w: Worker = { child, output: '' };
  child.stdout?.on('data', (d: Buffer) => (w.output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (w.output += d.toString()));
  return w;
}

async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number, logs: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}\n${logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface RunRow {
  id: string;
  source: string;
  outcome: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

describe('two sync processes on one database', () => {
  let db: TestDatabase;
  let caFile: string;
  const workers: Worker[] = [];
  const logs = () => workers.map((w, i) => `--- worker ${i} (exit ${w.child.exitCode ?? w.child.signalCode ?? 'running'})\n${w.output}`).join('\n');

  beforeAll(async () => {
    db = await createTestDatabase();
    caFile = (await ensureDevCertificate(path.join(DATA_DIR, 'tls'))).certPath;
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode !== null || w.child.signalCode !== null) continue;
      const exited = new Promise((r) => w.child.once('exit', r));
      w.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }
    await db.drop();
  });

  it('never runs a source twice at once, and takes over the job of a process killed mid-run', async () => {
    workers.push(startWorker(db, caFile), startWorker(db, caFile));
    const runs = async () => (await db.pool.query<RunRow>('SELECT id::text, source, outcome::text, started_at, finished_at, error FROM sync_runs ORDER BY id')).rows;

    // Whichever process took the inventory job: kill it once its run has written a page.
    const runner = await until('a worker to start inventory', () => workers.findIndex((w) => /AKS & ACR inventory: started/.test(w.output)), (i) => i >= 0, 45_000, logs);
    await until('an inventory page written', async () => (await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sync_runs WHERE source = 'inventory' AND outcome = 'running' AND counts ? 'progress'`)).rows[0]!.n, (n) => n === 1, 20_000, logs);
    const victim = workers[runner]!;
    const survivor = workers[1 - runner]!;
    victim.child.kill('SIGKILL');
    await until('the killed worker to exit', () => victim.child.signalCode, (s) => s === 'SIGKILL', 5000, logs);

    // The survivor closes the dead run, takes the job over, and completes the whole chain.
    const done = await until('every source synced', runs, (r) => ALL_SOURCES.every((s) => r.some((x) => x.source === s && x.outcome === 'succeeded')), 50_000, logs);
    expect(survivor.output).toMatch(/took over sync job sync\.inventory/);
    const inventory = done.filter((r) => r.source === 'inventory');
    expect(inventory.map((r) => [r.outcome, r.error])).toEqual([['failed', INTERRUPTED_MESSAGE], ['succeeded', null]]);
    const job = await db.pool.query<{ state: string; retry_count: number }>(`SELECT state::text, retry_count FROM ${JOB_SCHEMA}.job WHERE name = $1`, [syncQueueName('inventory')]);
    expect(job.rows).toEqual([{ state: 'completed', retry_count: 1 }]);

    // No source ran twice at once: each run of a source starts after the previous one finished.
    for (const source of ALL_SOURCES) {
      const own = done.filter((r) => r.source === source);
      for (let i = 1; i < own.length; i++) expect(own[i]!.started_at.getTime(), `${source} runs overlap`).toBeGreaterThanOrEqual(own[i - 1]!.finished_at!.getTime());
      expect(own.every((r) => r.outcome !== 'running'), `${source} left running`).toBe(true);
    }
  }, 110_000);
});

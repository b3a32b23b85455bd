// "Sync now" against a real Postgres: the job and its audit entry commit together through Prisma's transaction,
// a repeat joins the waiting job, the status reads queued → running (with the progress on the run row) →
// succeeded or failed, and roles without sync.run are refused.
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { installJobQueue } from '../jobs/boss';
import { JOB_SCHEMA, syncQueueName } from '../jobs/queues';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { listSyncStatus, requestSync } from './sync-status';

const admin: Viewer = { id: 'admin-1', name: 'Admin', email: null, roles: ['admin'], scope: { kind: 'all' } };
const developer: Viewer = { ...admin, id: 'dev-1', roles: ['developer'] };

describe('sync now and its status', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;
  const queue = () => Promise.resolve(boss);
  const status = async (source: string) => (await listSyncStatus(admin, { prisma, queue })).sources.find((s) => s.source === source)!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await installJobQueue(db.url);
    prisma = createPrisma(db.url, 2);
    boss = new PgBoss({ connectionString: db.url, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
    boss.on('error', () => undefined);
    await boss.start();
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await prisma.$disconnect();
    await db.drop();
  });
  beforeEach(async () => {
    await db.pool.query(`TRUNCATE sync_runs; DELETE FROM ${JOB_SCHEMA}.job`);
  });

  it('queues a source with its audit entry; a repeat joins the waiting job', async () => {
    expect((await status('defender-alert')).state).toBe('idle');
    const first = await requestSync(admin, { source: 'defender-alert' }, null, { prisma, queue });
    expect(first.sources).toEqual([{ source: 'defender-alert', queued: 'new' }]);
    const again = await requestSync(admin, { source: 'defender-alert' }, null, { prisma, queue });
    expect(again.sources).toEqual([{ source: 'defender-alert', queued: 'already-queued' }]);
    const jobs = await db.pool.query(`SELECT data FROM ${JOB_SCHEMA}.job WHERE name = $1`, [syncQueueName('defender-alert')]);
    expect(jobs.rows).toEqual([{ data: { trigger: 'user', then: [], requestedBy: 'admin-1' } }]);
    const audit = await db.pool.query(`SELECT action, actor_id, target_id FROM audit_log WHERE target_id = 'defender-alert' ORDER BY id`);
    expect(audit.rows).toEqual([
      { action: 'sync.run', actor_id: 'admin-1', target_id: 'defender-alert' },
      { action: 'sync.run', actor_id: 'admin-1', target_id: 'defender-alert' },
    ]);
    expect(await status('defender-alert')).toMatchObject({ state: 'queued', pages: null });
  });

  it('"all" queues inventory carrying the other sources', async () => {
    const all = await requestSync(admin, {}, null, { prisma, queue });
    expect(all.sources[0]).toEqual({ source: 'inventory', queued: 'new' });
    expect(all.sources.slice(1).every((s) => s.queued === 'after-inventory')).toBe(true);
    const job = await db.pool.query<{ data: { then: string[] } }>(`SELECT data FROM ${JOB_SCHEMA}.job WHERE name = $1`, [syncQueueName('inventory')]);
    expect(job.rows[0]!.data.then).toEqual(all.sources.slice(1).map((s) => s.source));
  });

  it('reads running with the progress on the run row, then the finished outcome', async () => {
    await requestSync(admin, { source: 'policy-state' }, null, { prisma, queue });
    const [job] = await boss.fetch(syncQueueName('policy-state'));
    expect(await status('policy-state')).toMatchObject({ state: 'running', pages: 0, records: 0, startedAt: null });
    const run = await db.pool.query<{ id: string }>(
      `INSERT INTO sync_runs (source, trigger, started_at, outcome, counts) VALUES ('policy-state', 'user', now(), 'running', '{"progress":{"pages":3,"records":250,"message":"m"}}') RETURNING id::text`);
    expect(await status('policy-state')).toMatchObject({ state: 'running', pages: 3, records: 250, finishedAt: null, queued: false });
    await requestSync(admin, { source: 'policy-state' }, null, { prisma, queue });
    expect(await status('policy-state')).toMatchObject({ state: 'running', queued: true });
    await db.pool.query(`UPDATE sync_runs SET outcome = 'failed', finished_at = now(), error = 'HTTP 403', counts = '{"pages":3,"findings":250,"clusters":0,"registries":0,"metadata":0}' WHERE id = $1`, [run.rows[0]!.id]);
    await boss.complete(syncQueueName('policy-state'), job!.id);
    expect(await status('policy-state')).toMatchObject({ state: 'queued', pages: 3, records: 250 });
    await db.pool.query(`DELETE FROM ${JOB_SCHEMA}.job`);
    expect(await status('policy-state')).toMatchObject({ state: 'failed', error: 'HTTP 403', pages: 3, records: 250 });
  });

  it('says what the last run left out, in the source’s own words', async () => {
    const counts = (skipped: Record<string, number>) => JSON.stringify({ pages: 4, findings: 900, clusters: 0, registries: 0, metadata: 0, skipped });
    await db.pool.query(
      `INSERT INTO sync_runs (source, trigger, started_at, finished_at, outcome, counts)
       VALUES ('defender-vulnerability', 'schedule', now() - interval '2 minutes', now() - interval '1 minute', 'succeeded', $1),
              ('defender-assessment', 'schedule', now() - interval '2 minutes', now() - interval '1 minute', 'succeeded', $2)`,
      [counts({ SQL: 12, server: 3 }), counts({})],
    );
    expect(await status('defender-vulnerability')).toMatchObject({
      state: 'succeeded',
      records: 900,
      skipped: {
        total: 15,
        summary: 'Left out 15 records that are not container image vulnerabilities: 12 SQL database vulnerabilities and 3 server (VM) vulnerabilities.',
      },
    });
    expect((await status('defender-assessment')).skipped).toBeNull();
    // The run under way is what the row shows: nothing left out yet.
    await db.pool.query(
      `INSERT INTO sync_runs (source, trigger, started_at, outcome, counts) VALUES ('defender-vulnerability', 'user', now(), 'running', '{"progress":{"pages":1,"records":100,"message":"m"}}')`,
    );
    expect(await status('defender-vulnerability')).toMatchObject({ state: 'running', skipped: null });
  });

  it('refuses a role without sync.run, and writes nothing', async () => {
    await expect(requestSync(developer, {}, null, { prisma, queue })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listSyncStatus(developer, { prisma, queue })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job`)).rows[0].n).toBe(0);
  });
});

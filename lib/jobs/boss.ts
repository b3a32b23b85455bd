// Opening pg-boss on the app's database. pg-boss installs (and upgrades) its own schema under its own advisory
// lock, in plain SQL that needs only CREATE on the database — the embedded Postgres and Azure Database for
// PostgreSQL alike (gen_random_uuid is built in from Postgres 13, so no extension is needed).
import pg from 'pg';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA, SCHEDULE_QUEUE, SYNC_QUEUE_OPTIONS, SYNC_QUEUES } from './queues';

export interface OpenBossOptions {
  /** Producers (the web server) only queue and read; workers also run pg-boss's maintenance and cron. */
  role: 'producer' | 'worker';
  log: (line: string) => void;
  /** Connections of pg-boss's own pool. */
  max?: number;
}

export async function openBoss(connectionString: string, options: OpenBossOptions): Promise<PgBoss> {
  const worker = options.role === 'worker';
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    max: options.max ?? 2,
    application_name: `posture-jobs-${options.role}`,
    migrate: true,
    supervise: worker,
    schedule: worker,
  });
  // An EventEmitter 'error' without a listener throws: a dropped idle connection must not take the process down.
  boss.on('error', (error: Error) => options.log(`job queue: ${error.message}`));
  await startSerialised(connectionString, async () => {
    await boss.start();
    await ensureQueues(boss);
  });
  return boss;
}

// Replicas starting together each install pg-boss's schema and create the queues (DDL on its partitioned job
// table): run one after the other under a session advisory lock, and retry if Postgres still picks this start as a
// deadlock victim against another process's maintenance (SQLSTATE 40P01) — a start never fails for a race.
const INSTALL_LOCK = 0x706f7374; // 'post'
async function startSerialised(connectionString: string, start: () => Promise<void>): Promise<void> {
  const lock = new pg.Client({ connectionString, application_name: 'posture-jobs-install' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, 1)', [INSTALL_LOCK]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await start();
        return;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code !== '40P01' || attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}

/** Creates the sync queues where missing (create_queue is idempotent; concurrent starts are safe). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of SYNC_QUEUES) await boss.createQueue(name, { name, ...SYNC_QUEUE_OPTIONS });
  // One tick at a time is enough; a tick is a few milliseconds of SQL.
  await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 60 });
}

/** Installs the job queue's schema and queues, for `npm start` right after the migrations. */
export async function installJobQueue(connectionString: string, log: (line: string) => void = () => undefined): Promise<void> {
  const boss = await openBoss(connectionString, { role: 'producer', log, max: 1 });
  await boss.stop({ graceful: false, wait: true });
}

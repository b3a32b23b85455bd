// Opening pg-boss on the app's database. pg-boss installs (and upgrades) its own schema under its own advisory
// lock, in plain SQL that needs only CREATE on the database — the embedded Postgres and Azure Database for
// PostgreSQL alike (gen_random_uuid is built in from Postgres 13, so no extension is needed).
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
  await boss.start();
  await ensureQueues(boss);
  return boss;
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

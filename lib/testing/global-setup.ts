// One Postgres for the whole unit/integration run: TEST_DATABASE_URL (CI points it at the system server) or an
// embedded one under .data/test-postgres. Each test file then creates its own database on it (lib/testing/db.ts).
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type DatabaseHandle } from '../db/embedded';
import { ensureDevCertificate } from '../demo/tls';

let handle: DatabaseHandle | undefined;

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
  handle = await startEmbeddedPostgres({ dataDir: '.data/test', port: Number(process.env.TEST_PG_PORT ?? 54331) });
  project.provide('adminDatabaseUrl', handle.url);
}

export async function teardown(): Promise<void> {
  await handle?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

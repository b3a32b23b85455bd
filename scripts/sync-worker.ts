// `npm run sync-worker`: the background sync of `npm start` (the same lib/runtime/scheduler.ts, on the same
// database) without the web server — one more sync replica. Jobs are shared through the pg-boss queues, so any
// number of these and of `npm start` never run a source twice at once, and a job whose process died is taken over.
// `--test-page-delay-ms=<n>` slows every page down (tests kill a worker mid-run with it); it is not for production.
import { z } from 'zod';
import { createSyncPool } from '../lib/db/sync-pool';
import { ensureDatabase } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrate';
import { parseEnvOrExit } from '../lib/runtime/parse-env-or-exit';
import { getConnector } from '../lib/connectors/registry';
import type { Connector } from '../lib/connectors/types';
import { ensureTrustedDevCertificate } from '../lib/runtime/ensure-trust';
import { openAzure } from '../lib/runtime/open-azure';
import { scheduleSettings, startScheduler } from '../lib/runtime/scheduler';

const log = (line: string) => process.stderr.write(`[posture-worker ${process.pid}] ${line}\n`);

const argsSchema = z.object({ testPageDelayMs: z.coerce.number().int().min(0).max(60_000).optional() }).strict();

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--test-page-delay-ms=(.*)$/.exec(arg);
    if (!m) throw new UsageError(`unknown option ${arg} (the only option is --test-page-delay-ms=<n>)`);
    raw.testPageDelayMs = m[1] ?? '';
  }
  return argsSchema.parse(raw);
}

function slowed(connector: Connector, ms: number): Connector {
  return {
    id: connector.id,
    async *run(ctx) {
      for await (const batch of connector.run(ctx)) {
        await new Promise((r) => setTimeout(r, ms));
        yield batch;
      }
    },
  };
}

async function main(): Promise<void> {
  const env = parseEnvOrExit(log);
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError || e instanceof z.ZodError) {
      log(e.message);
      process.exit(2);
    }
    throw e;
  }
  const { certificate } = await ensureTrustedDevCertificate(env.DATA_DIR);
  const db = await ensureDatabase(env, log);
  const cleanups: (() => Promise<void>)[] = [() => db.stop()];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  try {
    await migrate(db.url, { log });
    const azure = await openAzure(env, certificate);
    cleanups.push(() => azure.close());
    const pool = createSyncPool(db.url, log);
    cleanups.push(() => pool.end());
    const delay = args.testPageDelayMs;
    const scheduler = await startScheduler({
      pool,
      databaseUrl: db.url,
      azure: azure.settings,
      ...scheduleSettings(env),
      log,
      connectorFor: delay ? (source) => { const c = getConnector(source); return c && slowed(c, delay); } : undefined,
    });
    cleanups.push(() => scheduler.stop());
    log('sync worker running');
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    await shutdown(1);
  }
}

void main();

// `npm run posture -- <command>`: sync, import <file>, stats [--json]. Runs outside Next, as the system
// context (SYSTEM_VIEWER), against the same database and through the same connectors and store as the app.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { ensureDatabase, stopOnSignals } from '../db/embedded';
import { migrate } from '../db/migrate';
import { createPrisma } from '../db/prisma-factory';
import { createSyncPool } from '../db/sync-pool';
import { getFindingStats } from '../data/stats';
import { SOURCE_IDS, SOURCE_LABELS, type SourceId } from '../domain/model';
import { EnvError, parseEnv, type Env } from '../env';
import { ImportError, parseImportFile } from '../import/parse-import';
import { ensureTrustedDevCertificate } from '../runtime/ensure-trust';
import { openAzure } from '../runtime/open-azure';
import { runBatches } from '../sync/run-source';
import { rebuildSnapshots } from '../sync/snapshots';
import { syncAll } from '../sync/sync-all';
import { processIo, type CliIo } from './output';
import { DIGEST_USAGE, runDigestCommand } from './digest';
import { ImportFileError, readImportFile } from './read-import-file';

const USAGE = `Usage: npm run posture -- <command> [options]

Commands:
  sync [--source <id>]...        Pull every source once (or only the named ones) into the cache.
  import <file> [--source <id>]  Import a saved Azure REST or Resource Graph response (JSON).
  stats [--json]                 Counts of findings by source, severity and stage.
  snapshots rebuild              Rewrite the trend snapshots (400 days) from first-seen and resolved dates.
${DIGEST_USAGE}

Sources: ${SOURCE_IDS.join(', ')}`;

async function withDatabase<T>(env: Env, io: CliIo, fn: (pool: pg.Pool, url: string) => Promise<T>): Promise<T> {
  const db = await ensureDatabase(env, (l) => io.err(l));
  const releaseSignals = stopOnSignals(db);
  try {
    await migrate(db.url, { log: (l) => io.err(l) });
    const pool = createSyncPool(db.url, (l) => io.err(l));
    try {
      return await fn(pool, db.url);
    } finally {
      await pool.end();
    }
  } finally {
    releaseSignals();
    await db.stop();
  }
}

function parseSources(values: string[] | undefined): SourceId[] | undefined {
  if (!values?.length) return undefined;
  return values.map((v) => {
    if (!(SOURCE_IDS as readonly string[]).includes(v)) throw new CliUsageError(`Unknown source "${v}". Sources: ${SOURCE_IDS.join(', ')}`);
    return v as SourceId;
  });
}

class CliUsageError extends Error {}

export async function runCli(argv: string[], io: CliIo = processIo, envSource: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const env = parseEnv(envSource);
    switch (command) {
      case 'sync': {
        const { values } = parseArgs({ args: rest, options: { source: { type: 'string', multiple: true } }, strict: true });
        const only = parseSources(values.source);
        const { certificate } = await ensureTrustedDevCertificate(env.DATA_DIR);
        return await withDatabase(env, io, async (pool) => {
          const azure = await openAzure(env, certificate);
          try {
            io.err(`Syncing from ${azure.mode === 'demo' ? 'the demo tenant (local Azure stand-in)' : 'Azure'} …`);
            // One line per source (not per page), printed as each source finishes.
            const results = await syncAll(pool, azure.settings, {
              trigger: 'cli',
              only,
              onStart: (source) => io.err(`… ${SOURCE_LABELS[source]}`),
              onResult: (r) => {
                const what = r.source === 'inventory' ? `${r.counts.clusters} clusters, ${r.counts.registries} registries` : `${r.counts.findings} records`;
                io.err(
                  r.outcome === 'succeeded'
                    ? `✔ ${SOURCE_LABELS[r.source]}: ${what} in ${(r.durationMs / 1000).toFixed(1)} s`
                    : `✘ ${SOURCE_LABELS[r.source]}: failed — ${r.error}`,
                );
              },
            });
            return results.every((r) => r.outcome === 'succeeded') ? 0 : 1;
          } finally {
            await azure.close();
          }
        });
      }
      case 'import': {
        const { values, positionals } = parseArgs({ args: rest, options: { source: { type: 'string' } }, allowPositionals: true, strict: true });
        if (positionals.length !== 1) throw new CliUsageError('import takes exactly one file.');
        const file = positionals[0]!;
        const json = await readImportFile(file);
        const parsed = parseImportFile(json, { source: parseSources(values.source ? [values.source] : undefined)?.[0] });
        for (const w of parsed.warnings) io.err(`! ${w}`);
        return await withDatabase(env, io, async (pool) => {
          const result = await runBatches(pool, parsed.source, (async function* () { yield parsed.batch; })(), { trigger: 'import', sweep: false });
          if (result.outcome === 'failed') {
            io.err(`✘ Import failed, nothing was written: ${result.error}`);
            return 1;
          }
          const c = result.counts;
          const parts = [
            c.clusters && `${c.clusters} clusters`,
            c.registries && `${c.registries} registries`,
            c.metadata && `${c.metadata} recommendation metadata`,
            c.findings && `${c.findings} findings (${c.inserted ?? 0} new, ${c.updated ?? 0} updated)`,
            c.severityUnknown && `${c.severityUnknown} without severity metadata (kept as informational until metadata is imported or synced)`,
          ].filter(Boolean);
          io.err(`✔ Imported ${parsed.kind} as ${parsed.source}: ${parts.join(', ') || 'no records'}`);
          return 0;
        });
      }
      case 'stats': {
        const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, strict: true });
        return await withDatabase(env, io, async (_pool, url) => {
          const prisma = createPrisma(url, 2);
          try {
            const stats = await getFindingStats(SYSTEM_VIEWER, prisma);
            if (values.json) io.out(JSON.stringify(stats));
            else {
              io.out(`Findings: ${stats.findings.open} open of ${stats.findings.total}`);
              for (const [source, s] of Object.entries(stats.findings.bySource)) {
                io.out(`  ${source.padEnd(24)} ${String(s.open).padStart(7)} open  (${Object.entries(s.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ')})`);
              }
              for (const [stage, s] of Object.entries(stats.findings.byStage)) io.out(`  stage ${stage.padEnd(18)} ${String(s.open).padStart(7)} open`);
            }
            return 0;
          } finally {
            await prisma.$disconnect();
          }
        });
      }
      case 'snapshots': {
        // The only way past snapshot days are rewritten (the sync writes today and the days it missed).
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
        if (positionals.length !== 1 || positionals[0] !== 'rebuild') throw new CliUsageError('snapshots takes one sub-command: rebuild.');
        return await withDatabase(env, io, async (pool) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const r = await rebuildSnapshots(client, new Date());
            await client.query('COMMIT');
            io.err(`✔ Rebuilt ${r.days} days of snapshots for ${r.sources.length} sources${r.sources.length ? ` (${r.sources.join(', ')})` : ''}`);
            return 0;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          } finally {
            client.release();
          }
        });
      }
      case 'digest':
        return await runDigestCommand(rest, env, io, withDatabase);
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliUsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof EnvError || error instanceof ImportError || error instanceof ImportFileError || error instanceof CliUsageError) {
      io.err(`✘ ${error.message}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`✘ ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`✘ ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

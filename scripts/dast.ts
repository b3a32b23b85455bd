// `npm run test:dast`: the DAST step of `npm test`. Starts its own `npm start` (own port and data directory, so
// the scan's form submissions cannot disturb the end-to-end suite's server), waits for the first sync, runs
// wapiti anonymously and signed in as the demo admin, and fails on any high or critical finding.
// wapiti comes from Debian (`apt-get install wapiti`; .ci/run installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const PORT = Number(process.env.DAST_PORT ?? 3180);
const PG_PORT = Number(process.env.DAST_PG_PORT ?? 54370);
const DATA_DIR = '.data/dast';
const base = `http://localhost:${PORT}`;
const log = (line: string) => process.stderr.write(`[dast] ${line}\n`);

function hasWapiti(): boolean {
  return spawnSync('wapiti', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function waitForSync(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { sources: { source: string; lastSuccessAt: string | null }[] };
        if (body.sources.find((s) => s.source === 'defender-vulnerability')?.lastSuccessAt) return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the app on ${base} did not finish its first sync in time`);
}

function scan(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/security/dast/run-wapiti.ts', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 2));
  });
}

async function main(): Promise<number> {
  if (!hasWapiti()) {
    log('wapiti is not installed: apt-get install wapiti (CI installs it). Nothing was scanned.');
    return 2;
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
  const app: ChildProcess = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(PORT), DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), SYNC_INTERVAL_MINUTES: '0' },
  });
  try {
    await waitForSync(Date.now() + 240_000);
    log(`scanning ${base} anonymously …`);
    const anonymous = await scan(['--url', `${base}/`, '--report', 'test-results/wapiti/anonymous.json', '--max-minutes', process.env.DAST_ANON_MINUTES ?? '2']);
    log(`scanning ${base} signed in as the demo admin …`);
    const admin = await scan([
      '--url', `${base}/`, '--report', 'test-results/wapiti/admin.json', '--max-minutes', process.env.DAST_ADMIN_MINUTES ?? '4',
      '--as', 'admin', '--secret-file', path.join(DATA_DIR, 'auth-secret'),
    ]);
    const worst = Math.max(anonymous, admin);
    log(worst === 0 ? 'no high or critical finding.' : 'FAILED: see the findings above and the reports in test-results/wapiti/.');
    return worst;
  } finally {
    // Ctrl-C for the whole group: the launcher stops Next and the embedded Postgres.
    const exited = new Promise((r) => app.once('exit', r));
    process.kill(-app.pid!, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);

// Issue 8 item 2, as an operator meets it: a fresh `npm start`, the database goes away in the middle of the
// first sync and comes back. The launcher, the web server and the demo identity provider stay up; sign-in works
// during the outage (the dashboard then shows an error state, not a crash or a bounce to sign-in); the run that
// was cut is recorded as failed with its reason; the next run succeeds. The database sits behind a TCP proxy
// that the test cuts, so the outage is exact and fast.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { startEmbeddedPostgres, type DatabaseHandle } from '../lib/db/embedded';
import { startCuttableProxy, type CuttableProxy } from '../lib/testing/tcp-proxy';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 98;
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54340) + 6;
const DATA_DIR = '.data/e2e-outage';
const LOG = 'test-results/database-outage/launcher.log';
const OUTAGE_MS = Number(process.env.E2E_OUTAGE_MS ?? 15_000);
// The browser uses the app's own origin (AUTH_URL is localhost); Node's fetch goes straight to the loopback address
// the demo listens on.
const base = `http://localhost:${PORT}`;
const direct127 = `http://127.0.0.1:${PORT}`;

let database: DatabaseHandle;
let proxy: CuttableProxy;
let launcher: ChildProcess;
let direct: pg.Pool;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(path.dirname(LOG), { recursive: true });
  database = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: PG_PORT, persistent: false });
  const u = new URL(database.url);
  proxy = await startCuttableProxy({ host: u.hostname, port: Number(u.port) });
  direct = new pg.Pool({ connectionString: database.url, max: 2 });
  const out = createWriteStream(LOG);
  launcher = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      DATABASE_URL: proxy.urlFor(database.url),
      // The first run comes a minute after start, when the web server is surely up; the next one a minute later.
      SYNC_INTERVAL_MINUTES: '1',
      SYNC_ON_START: 'false',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    },
  });
  launcher.stdout?.pipe(out);
  launcher.stderr?.pipe(out);
});

test.afterAll(async () => {
  if (launcher?.pid && launcher.exitCode === null) {
    const exited = new Promise((r) => launcher.once('exit', r));
    process.kill(-launcher.pid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  await direct?.end();
  await proxy?.close();
  await database?.stop();
});

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { redirect: 'manual' })).status;
  } catch {
    return 0;
  }
}

async function signIn(page: Page, role: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByLabel(/user/i).fill(role);
  await page.getByLabel(/password/i).fill('demo');
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/sign-in'));
}

test('the database lost mid-sync fails that run; everything stays up; the next run succeeds', async ({ page }) => {
  test.setTimeout(420_000);
  await expect.poll(() => status(`${direct127}/sign-in`), { timeout: 120_000 }).toBe(200);
  // The first sync starts right after the launcher is up; cut the database while a source run is in flight.
  await expect
    .poll(async () => (await direct.query(`SELECT count(*)::int AS n FROM sync_runs WHERE outcome = 'running' AND source <> 'inventory'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n, {
      timeout: 300_000,
      intervals: [100],
    })
    .toBeGreaterThan(0);
  proxy.cut();
  const cutAt = Date.now();

  // During the outage: the web server answers, the launcher lives, and signing in completes.
  expect(await status(`${direct127}/sign-in`)).toBe(200);
  expect(await status(`${direct127}/api/health`)).toBe(503);
  await signIn(page, 'security');
  await expect(page.getByText(/could not be loaded|try again/i).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/database-outage/signed-in-during-outage.png', fullPage: true });
  expect(launcher.exitCode).toBeNull();
  await page.waitForTimeout(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
  expect(launcher.exitCode).toBeNull();
  proxy.restore();

  // The cut run is recorded as failed with the connection error, never left `running`.
  await expect
    .poll(async () => (await direct.query(`SELECT count(*)::int AS n FROM sync_runs WHERE outcome = 'running' AND started_at < $1`, [new Date(cutAt)])).rows[0].n, { timeout: 90_000 })
    .toBe(0);
  const failed = (await direct.query<{ error: string }>(`SELECT error FROM sync_runs WHERE outcome = 'failed' AND started_at < $1`, [new Date(cutAt)])).rows;
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.map((f) => f.error).join('\n')).toMatch(/terminated|connection|ECONNRESET/i);

  // The next scheduled run succeeds, and the dashboard serves the signed-in person again.
  await expect
    .poll(async () => (await direct.query(`SELECT count(*)::int AS n FROM sync_runs WHERE outcome = 'succeeded' AND started_at > $1`, [new Date(cutAt)])).rows[0].n, {
      timeout: 150_000,
      intervals: [2000],
    })
    .toBeGreaterThan(0);
  expect(await status(`${direct127}/api/health`)).toBe(200);
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/could not be loaded/i)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/database-outage/after-recovery.png', fullPage: true });
  expect(launcher.exitCode).toBeNull();
  const log = readFileSync(LOG, 'utf8');
  expect(log).not.toMatch(/Unhandled|uncaught/i);
  expect(log).toMatch(/FAILED/);
});

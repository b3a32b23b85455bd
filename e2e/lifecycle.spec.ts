// `npm start` as a person uses it: start, Ctrl-C (SIGINT to the whole process group, as a terminal sends it),
// start again. The embedded Postgres must stop with the app and the data must still be there afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';

// Next to the e2e server's ports, so a parallel run with other E2E_PORT/E2E_PG_PORT does not collide.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 99;
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54340) + 5;
const DATA_DIR = '.data/e2e-lifecycle';
const base = `http://127.0.0.1:${PORT}`;

function start(): ChildProcess {
  return spawn('npm', ['start'], {
    detached: true, // its own process group, so we can signal it like a terminal's Ctrl-C
    stdio: 'ignore',
    env: { ...process.env, PORT: String(PORT), DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), SYNC_INTERVAL_MINUTES: '60' },
  });
}

async function health(): Promise<{ sources: { source: string; lastSuccessAt: string | null }[] } | null> {
  try {
    const res = await fetch(`${base}/api/health`);
    return res.ok ? ((await res.json()) as { sources: { source: string; lastSuccessAt: string | null }[] }) : null;
  } catch {
    return null;
  }
}

async function stopWithCtrlC(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

async function postgresAccepts(): Promise<boolean> {
  const c = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'posture', password: 'posture-local', database: 'posture', connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** npm itself exits at once on SIGINT; the launcher below it then stops Postgres within a few seconds. */
async function expectPostgresStopped(): Promise<void> {
  await expect.poll(postgresAccepts, { timeout: 20_000 }).toBe(false);
  await expect.poll(() => existsSync(path.join(DATA_DIR, 'postgres', 'postmaster.pid')), { timeout: 20_000 }).toBe(false);
}

test.describe.configure({ mode: 'serial' });

test('Ctrl-C stops the embedded Postgres; the next start keeps the data', async () => {
  test.setTimeout(240_000);
  rmSync(DATA_DIR, { recursive: true, force: true });

  const first = start();
  let synced: string | null = null;
  await expect
    .poll(async () => (synced = (await health())?.sources.find((s) => s.source === 'defender-assessment')?.lastSuccessAt ?? null), { timeout: 180_000 })
    .not.toBeNull();
  await stopWithCtrlC(first);
  await expectPostgresStopped();

  const second = start();
  try {
    await expect.poll(async () => (await health()) !== null, { timeout: 120_000 }).toBe(true);
    // Same last sync: the data survived, and a fresh cache was not synced again.
    const again = (await health())?.sources.find((s) => s.source === 'defender-assessment')?.lastSuccessAt;
    expect(again).toBe(synced);
  } finally {
    await stopWithCtrlC(second);
  }
  await expectPostgresStopped();
});

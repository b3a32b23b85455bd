// Runs `npm run posture -- …` against the e2e server's database (same DATA_DIR and embedded Postgres port as
// playwright.config.ts gives `npm start`; the CLI joins the running Postgres instead of starting another).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function postureCli(args: string[]): Promise<string> {
  const { stdout } = await run('npm', ['run', '--silent', 'posture', '--', ...args], {
    env: { ...process.env, DATA_DIR: '.data/e2e', EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54340' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}

// `posture digest` as people run it: the real CLI process, spawned, against a fixture database and a local webhook
// receiver. Exit statuses are honest: 2 for bad arguments or nothing to send to, 1 when a send failed (it stays
// queued), 0 when printed or delivered.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDigestWeek } from '../digest/testing/seed-digest-week';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';

const ROOT = path.resolve(__dirname, '../..');
let db: TestDatabase;
let receiver: WebhookReceiver;
let hook: string;
const statuses: number[] = [];

function posture(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_OPTIONS', 'DIGEST_TEAMS_WEBHOOK_URLS', 'DIGEST_ESTATE_WEBHOOK_URL']) delete base[key];
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/posture.ts', 'digest', ...args], {
      cwd: ROOT,
      env: { ...base, NO_COLOR: '1', DATABASE_URL: db.url, DIGEST_BASE_URL: 'https://posture.example.com', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${args.join(' ')}\n${output}`));
    }, 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDigestWeek(db.pool);
  receiver = await startWebhookReceiver(() => statuses.shift() ?? 200);
  hook = `${receiver.url}/webhook`;
}, 60_000);

afterAll(async () => {
  await receiver.close();
  await db?.drop();
});

describe('posture digest', () => {
  it('prints the digest (0), and refuses bad arguments or a send with nowhere to send (2)', async () => {
    const [printed, noWeek, nowhere, badAsOf] = await Promise.all([
      posture(['--week', '2026-11-25']),
      posture(['--format', 'html']),
      posture(['--week', '2026-11-23', '--send']),
      posture(['--week', '2026-11-23', '--as-of', 'yesterday']),
    ]);
    expect(badAsOf).toMatchObject({ code: 2, output: expect.stringContaining('--as-of must be an ISO date-time') });
    expect(printed.code).toBe(0);
    expect(printed.output).toContain('Security posture — week of 2026-11-23');
    expect(printed.output).toContain('New critical and high findings: 1');
    expect(printed.output).toContain('https://posture.example.com/trends/changes?week=2026-11-23');
    expect(noWeek).toMatchObject({ code: 2, output: expect.stringContaining('--week <YYYY-MM-DD> is required') });
    expect(nowhere).toMatchObject({ code: 2, output: expect.stringContaining('No digest webhook is configured') });
  }, 180_000);

  it('--send exits 1 when the webhook fails (the digest stays queued), 0 once delivered', async () => {
    const env = { DIGEST_TEAMS_WEBHOOK_URLS: JSON.stringify({ payments: hook }) };
    statuses.push(500);
    const failed = await posture(['--week', '2026-11-23', '--team', 'payments', '--send'], env);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('not delivered yet: Posting the digest to the team:payments webhook failed: HTTP 500');
    expect(failed.output).not.toContain(hook);
    const queued = await db.pool.query<{ state: string }>(`SELECT state::text FROM outbox WHERE dedupe_key = 'digest:2026-11-23:team:payments'`);
    expect(queued.rows).toEqual([{ state: 'failed' }]);

    const sent = await posture(['--week', '2026-11-30', '--team', 'payments', '--send'], env);
    expect(sent.code).toBe(0);
    expect(sent.output).toContain('✔ Digest for the week of 2026-11-30 sent to team payments (team:payments)');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.body).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
  }, 180_000);
});

// The worker `npm start` runs: it drains on its interval without being asked, delivers a due digest that is already
// queued (and so queues nothing again), and stops with the scheduler's signal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCredential } from '../demo/static-credential';
import { dueDigestWeek } from '../digest/schedule';
import { digestDraft } from '../digest/webhook-channel';
import { parseEnv } from '../env';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { enqueueOutbox } from './enqueue';
import { startOutboxWorker } from './worker';

let db: TestDatabase;
let server: Server;
let hook: string;
const received: unknown[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as unknown);
      res.writeHead(202);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/workflow`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await db?.drop();
});

describe('startOutboxWorker', () => {
  it('drains on its own interval and stops with the signal', async () => {
    const env = parseEnv({ OUTBOX_INTERVAL_SECONDS: '1', DIGEST_DAY: 'mon', DIGEST_TEAMS_WEBHOOK_URLS: JSON.stringify({ payments: hook }) });
    // On Monday or later last week's digest is due; it is already queued here, so the worker only delivers it.
    const week = dueDigestWeek(new Date(), 'mon');
    expect(week).not.toBeNull();
    const message = { type: 'message', attachments: [] };
    await enqueueOutbox(db.pool, [digestDraft(week ?? '', { kind: 'team', team: 'payments' }, message)]);
    const controller = new AbortController();
    const lines: string[] = [];
    startOutboxWorker({ pool: db.pool, azure: { armEndpoint: 'https://127.0.0.1:1', subscriptionIds: [], sentinelWorkspaceIds: [], credential: createDemoCredential() }, log: (l) => lines.push(l), signal: controller.signal, env });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(received[0]).toEqual(message);
    await expect.poll(() => lines.join('\n')).toContain('outbox: 1 sent, 0 failed (retrying), 0 given up');
    controller.abort();
    const rows = await db.pool.query<{ state: string }>('SELECT state::text FROM outbox');
    expect(rows.rows).toEqual([{ state: 'sent' }]);
    expect(lines.some((l) => l.startsWith('digest:'))).toBe(false);
  });
});

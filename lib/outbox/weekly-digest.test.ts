// The weekly digest end to end, through the path `npm start` runs: the outbox worker's tick (an injected clock) finds
// last week's digest due, runs the real `posture digest --send` process, which renders it from the fixture database,
// queues it once per audience and posts it to a local webhook receiver. A receiver that answers 500 keeps its digest
// queued, and the next tick delivers it; later ticks in the same week send nothing new.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoCredential } from '../demo/static-credential';
import { DIGEST_WEEK, seedDigestWeek } from '../digest/testing/seed-digest-week';
import { parseEnv } from '../env';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { createOutboxTick } from './worker';

let db: TestDatabase;
let receiver: WebhookReceiver;
let base: string;
/** Answers to give per path, in order; 200 once they run out. */
const answers: Record<string, number[]> = { '/hook/estate': [500] };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDigestWeek(db.pool);
  receiver = await startWebhookReceiver((path) => answers[path]?.shift() ?? 200);
  base = receiver.url;
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await receiver.close();
  await db?.drop();
});

type TeamsCard = { attachments: { content: { body: { text: string }[] } }[] };

describe('the scheduled weekly digest', () => {
  it('is queued once per audience on its day, posted, retried after a 500, and not sent again that week', async () => {
    const settings = {
      OUTBOX_INTERVAL_SECONDS: '15',
      DIGEST_DAY: 'tue',
      DIGEST_ESTATE_WEBHOOK_URL: `${base}/hook/estate`,
      DIGEST_TEAMS_WEBHOOK_URLS: JSON.stringify({ payments: `${base}/hook/payments`, storefront: `${base}/hook/storefront` }),
      DIGEST_BASE_URL: 'https://posture.example.com',
    };
    // The digest process reads its settings from the environment it inherits, as under `npm start`.
    for (const [k, v] of Object.entries(settings)) vi.stubEnv(k, v);
    const env = parseEnv(settings);
    let clock = new Date('2026-11-30T12:00:00Z'); // Monday of the week after DIGEST_WEEK; the digest day is Tuesday
    const lines: string[] = [];
    const tick = createOutboxTick({
      pool: db.pool,
      azure: { armEndpoint: 'https://127.0.0.1:1', subscriptionIds: [], sentinelWorkspaceIds: [], credential: createDemoCredential() },
      log: (l) => lines.push(l),
      env,
      now: () => clock,
    });
    const outbox = async () =>
      (await db.pool.query<{ dedupe_key: string; state: string; attempts: number; last_status: number | null }>(
        'SELECT dedupe_key, state::text, attempts, last_status FROM outbox ORDER BY dedupe_key',
      )).rows;

    // Before the digest day: nothing is due.
    await tick();
    expect(await outbox()).toEqual([]);
    const received = receiver.received;
    expect(received).toEqual([]);

    // Tuesday: the week of DIGEST_WEEK is queued for the estate and both teams and sent at once; the estate's 500
    // leaves it queued for a retry.
    clock = new Date('2026-12-01T06:00:00Z');
    await tick();
    expect(lines).toContain(`digest: sending the week of ${DIGEST_WEEK} to 3 audience(s)`);
    expect(await outbox()).toEqual([
      { dedupe_key: `digest:${DIGEST_WEEK}:estate`, state: 'failed', attempts: 1, last_status: 500 },
      { dedupe_key: `digest:${DIGEST_WEEK}:team:payments`, state: 'sent', attempts: 1, last_status: null },
      { dedupe_key: `digest:${DIGEST_WEEK}:team:storefront`, state: 'sent', attempts: 1, last_status: null },
    ]);
    expect(received.map((r) => [r.path, r.status]).sort()).toEqual([['/hook/estate', 500], ['/hook/payments', 200], ['/hook/storefront', 200]]);
    const texts = (path: string) => received.filter((r) => r.path === path).map((r) => (r.body as TeamsCard).attachments[0]!.content.body.map((b) => b.text).join('\n'));
    expect(texts('/hook/payments')[0]).toContain('CVE-2026-0001 in openssl <3.0.9>');
    expect(texts('/hook/payments')[0]).not.toContain('Privileged container in checkout');
    expect(texts('/hook/storefront')[0]).toContain('Privileged container in checkout');

    // Two minutes later (past the first backoff step): the next tick retries the estate's digest, the same message.
    clock = new Date('2026-12-01T06:02:00Z');
    await tick();
    expect((await outbox()).map((r) => [r.dedupe_key, r.state, r.attempts])).toEqual([
      [`digest:${DIGEST_WEEK}:estate`, 'sent', 2],
      [`digest:${DIGEST_WEEK}:team:payments`, 'sent', 1],
      [`digest:${DIGEST_WEEK}:team:storefront`, 'sent', 1],
    ]);
    expect(texts('/hook/estate')).toHaveLength(2);
    expect(texts('/hook/estate')[1]).toBe(texts('/hook/estate')[0]);
    expect(texts('/hook/estate')[0]).toContain('Privileged container in checkout');

    // Later the same week — past the hourly guard — nothing new is queued or posted.
    for (const later of ['2026-12-01T09:00:00Z', '2026-12-04T18:00:00Z']) {
      clock = new Date(later);
      await tick();
    }
    expect(received).toHaveLength(4);
    expect(await outbox()).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('digest: sending'))).toHaveLength(1);
    const audit = await db.pool.query<{ outcome: string; target_id: string }>(`SELECT outcome::text, target_id FROM audit_log WHERE action = 'digest.send' ORDER BY target_id`);
    expect(audit.rows).toEqual([
      { outcome: 'success', target_id: 'estate' },
      { outcome: 'success', target_id: 'team:payments' },
      { outcome: 'success', target_id: 'team:storefront' },
    ]);
  }, 180_000);
});

// The weekly digest from a fixture database: its lines and links in text, e-mail HTML and a Teams card, and its
// delivery to a local webhook receiver through the outbox — a 500 and a 429 with Retry-After are reported and
// retried, never lost; a digest is queued once per week and audience.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getWhatChangedForDigest } from '../data/what-changed';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { drainOutbox } from '../outbox/drain';
import { enqueueOutbox } from '../outbox/enqueue';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { configuredAudiences, webhookFor } from './audiences';
import { buildDigest, type Digest } from './digest-model';
import { renderDigestHtml } from './render-html';
import { renderDigestText } from './render-text';
import { renderTeamsMessage } from './render-teams';
import { DIGEST_KIND, digestDraft, digestWebhookChannel } from './webhook-channel';
import { DIGEST_WEEK, seedDigestWeek } from './testing/seed-digest-week';
import { dueDigestWeek } from './schedule';

let db: TestDatabase;
let prisma: PrismaClient;
let ids: Record<string, string>;
const BASE = 'https://posture.example.com';
const NOW = new Date('2026-12-01T08:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, 2);
  ids = await seedDigestWeek(db.pool);
}, 60_000);
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const digestFor = async (team?: string): Promise<Digest> =>
  buildDigest(await getWhatChangedForDigest({ weekStart: new Date(`${DIGEST_WEEK}T00:00:00Z`), team, now: NOW }, prisma), team ? { kind: 'team', team } : { kind: 'estate' }, `${BASE}/`);

describe('digest rendering', () => {
  it('the text version lists each change with the link to its record', async () => {
    const text = renderDigestText(await digestFor());
    const crit = ids['CVE-2026-0001 in openssl <3.0.9>'];
    const fixed = ids['Privileged container in checkout'];
    expect(text).toBe(`Security posture — week of 2026-11-23
What changed from 2026-11-23 to 2026-11-29 (UTC) for the whole estate

New critical and high findings: 1
  [CRITICAL] CVE-2026-0001 in openssl <3.0.9> — aks-pay-01 · team payments
    ${BASE}/findings/${crit}

Fixed: 1
  [HIGH] Privileged container in checkout — aks-shop-01 · team storefront
    ${BASE}/findings/${fixed}

Newly breaching SLA: 1
  [CRITICAL] CVE-2026-0001 in openssl <3.0.9> — aks-pay-01 · team payments · due 2026-11-26 · unassigned
    ${BASE}/triage/${crit}

Secure score: 1
  Payments prod — 62.0% → 67.0% (+5.0 points)
    ${BASE}/trends?subscription=sub-pay

Open this week in the dashboard: ${BASE}/trends/changes?week=2026-11-23
`);
  });

  it('a team digest holds only that team\'s changes and links to its cut', async () => {
    const d = await digestFor('storefront');
    expect(d.url).toBe(`${BASE}/trends/changes?week=2026-11-23&team=storefront`);
    expect(d.sections.map((s) => [s.title, s.lines.map((l) => l.text)])).toEqual([
      ['New critical and high findings', []],
      ['Fixed', ['Privileged container in checkout']],
      ['Newly breaching SLA', []],
      ['Secure score', []],
    ]);
    expect(renderDigestText(d)).toContain('  No new critical or high findings.');
  });

  it('the e-mail HTML is self-contained: inline styles, no external assets, text escaped, every link present', async () => {
    const d = await digestFor();
    const html = renderDigestHtml(d);
    expect(html).toContain('CVE-2026-0001 in openssl &lt;3.0.9&gt;');
    expect(html).not.toContain('<3.0.9>');
    expect(html).not.toMatch(/<(style|link|script|img)\b/i);
    expect(html).not.toMatch(/\bclass=/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([...d.sections.flatMap((s) => s.lines.map((l) => l.url)), d.url]);
    expect(hrefs.every((h) => h?.startsWith(`${BASE}/`))).toBe(true);
  });

  it('the Teams message is an Adaptive Card with a line per change and an Open action', async () => {
    const d = await digestFor();
    const message = renderTeamsMessage(d);
    expect(message.type).toBe('message');
    const card = message.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4', actions: [{ type: 'Action.OpenUrl', url: d.url }] });
    const texts = (card.content.body as { text: string }[]).map((b) => b.text);
    expect(texts).toContain(`**CRITICAL** [CVE-2026-0001 in openssl <3.0.9>](${BASE}/findings/${ids['CVE-2026-0001 in openssl <3.0.9>']}) — aks-pay-01 · team payments`);
  });
});

describe('digest delivery', () => {
  let server: Server;
  let url: string;
  const received: { path: string; body: unknown }[] = [];
  const answers: { status: number; headers?: Record<string, string> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body) as unknown });
        const a = answers.shift() ?? { status: 200 };
        res.writeHead(a.status, a.headers);
        res.end(a.status === 200 ? '1' : 'nope');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a failing webhook (500, then 429 with Retry-After) is reported and retried until delivered, and audited', async () => {
    const env = { DIGEST_ESTATE_WEBHOOK_URL: undefined, DIGEST_TEAMS_WEBHOOK_URLS: { payments: `${url}/hook/payments` } };
    const [audience] = configuredAudiences(env);
    expect(audience).toEqual({ kind: 'team', team: 'payments' });
    const message = renderTeamsMessage(await digestFor('payments'));
    expect(await enqueueOutbox(db.pool, [digestDraft(DIGEST_WEEK, audience!, message)], NOW)).toBe(1);
    // Queued once per week and team: the scheduler's second attempt to queue it is a no-op.
    expect(await enqueueOutbox(db.pool, [digestDraft(DIGEST_WEEK, audience!, message)], NOW)).toBe(0);

    const channels = { [DIGEST_KIND]: digestWebhookChannel(webhookFor(env)) };
    const state = async () => (await db.pool.query<{ state: string; attempts: number; last_status: number | null; last_error: string | null; next_attempt_at: Date }>(
      `SELECT state::text, attempts, last_status, last_error, next_attempt_at FROM outbox WHERE kind = $1`, [DIGEST_KIND])).rows[0];

    answers.push({ status: 500 });
    expect(await drainOutbox(db.pool, { channels, now: () => NOW, random: () => 0 })).toEqual({ sent: 0, failed: 1, givenUp: 0 });
    expect(await state()).toMatchObject({ state: 'failed', attempts: 1, last_status: 500, last_error: 'Posting the digest to the team:payments webhook failed: HTTP 500 nope' });
    expect((await state())?.last_error).not.toContain(url);

    answers.push({ status: 429, headers: { 'retry-after': '90' } });
    const t1 = new Date(NOW.getTime() + 3_600_000);
    expect(await drainOutbox(db.pool, { channels, now: () => t1 })).toEqual({ sent: 0, failed: 1, givenUp: 0 });
    expect(await state()).toMatchObject({ state: 'failed', attempts: 2, last_status: 429 });
    expect((await state())?.next_attempt_at.getTime()).toBe(t1.getTime() + 90_000);

    expect(await drainOutbox(db.pool, { channels, now: () => new Date(t1.getTime() + 90_000) })).toEqual({ sent: 1, failed: 0, givenUp: 0 });
    expect(await state()).toMatchObject({ state: 'sent', attempts: 3 });
    expect(received.map((r) => r.path)).toEqual(['/hook/payments', '/hook/payments', '/hook/payments']);
    expect(received[2]?.body).toEqual(message);
    const audit = await db.pool.query<{ actor_id: string; outcome: string; target_id: string }>(`SELECT actor_id, outcome::text, target_id FROM audit_log WHERE action = 'digest.send'`);
    expect(audit.rows).toEqual([{ actor_id: 'system', outcome: 'success', target_id: 'team:payments' }]);
  });

  it('the scheduler\'s rule: last week\'s digest is due from DIGEST_DAY on', () => {
    expect(dueDigestWeek(new Date('2026-11-30T00:00:00Z'), 'mon')).toBe('2026-11-23');
    expect(dueDigestWeek(new Date('2026-12-06T23:59:00Z'), 'mon')).toBe('2026-11-23');
    expect(dueDigestWeek(new Date('2026-11-30T23:00:00Z'), 'tue')).toBeNull();
    expect(dueDigestWeek(new Date('2026-12-01T00:00:00Z'), 'tue')).toBe('2026-11-23');
  });
});

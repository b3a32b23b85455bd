// `posture digest --week <date> [--team <t>] [--send] [--format text|html|teams] [--as-of <time>]`: prints the week's
// "what changed" digest (the estate's, or one team's), or sends it through the outbox to the configured Teams webhooks
// and reports how each send ended. `--as-of` is the moment the digest is made at (default now): the scheduler passes its
// own clock, so the digest reads SLAs, queues and sends as of the tick that found it due. Exit status: 0 printed or
// delivered, 1 a send failed (it stays queued and is retried by the scheduler), 2 bad arguments or nothing configured to
// send to.
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { z } from 'zod';
import { getWhatChangedForDigest } from '../data/what-changed';
import { createPrisma } from '../db/prisma-factory';
import { configuredAudiences, digestBaseUrl, webhookFor } from '../digest/audiences';
import { audienceKey, audienceLabel, buildDigest, type DigestAudience } from '../digest/digest-model';
import { renderDigestHtml } from '../digest/render-html';
import { renderDigestText } from '../digest/render-text';
import { renderTeamsMessage } from '../digest/render-teams';
import { weekStartOf } from '../digest/schedule';
import { DIGEST_KIND, digestDedupeKey, digestDraft, digestWebhookChannel } from '../digest/webhook-channel';
import type { Env } from '../env';
import { drainOutbox } from '../outbox/drain';
import { enqueueOutbox } from '../outbox/enqueue';
import type { CliIo } from './output';

export const DIGEST_USAGE = '  digest --week <YYYY-MM-DD> [--team <t>] [--send] [--format text|html|teams] [--as-of <ISO time>]\n                                 Print the week\'s "what changed" digest, or --send it to the configured Teams webhooks.';

const FORMATS = ['text', 'html', 'teams'] as const;
const weekSchema = z.iso.date('--week must be a date, YYYY-MM-DD');
const asOfSchema = z.iso.datetime({ offset: true, message: '--as-of must be an ISO date-time, e.g. 2026-11-30T06:00:00Z' }).optional();

type WithDatabase = <T>(env: Env, io: CliIo, fn: (pool: pg.Pool, url: string) => Promise<T>) => Promise<T>;

export async function runDigestCommand(args: string[], env: Env, io: CliIo, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { week: { type: 'string' }, team: { type: 'string' }, send: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' }, 'as-of': { type: 'string' } },
    strict: true,
  });
  const week = weekSchema.safeParse(values.week);
  if (!week.success) {
    io.err(`✘ ${values.week === undefined ? '--week <YYYY-MM-DD> is required' : (week.error.issues[0]?.message ?? 'bad --week')}.\n\n${DIGEST_USAGE}`);
    return 2;
  }
  const asOf = asOfSchema.safeParse(values['as-of']);
  if (!asOf.success) {
    io.err(`✘ ${asOf.error.issues[0]?.message ?? 'bad --as-of'}.`);
    return 2;
  }
  const now = asOf.data ? new Date(asOf.data) : new Date();
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    io.err(`✘ --format must be one of ${FORMATS.join(', ')}.`);
    return 2;
  }
  const weekStart = weekStartOf(new Date(`${week.data}T00:00:00Z`));
  const weekKey = weekStart.toISOString().slice(0, 10);
  const team = values.team?.trim() || null;
  const audiences: DigestAudience[] = values.send
    ? configuredAudiences(env).filter((a) => (team ? a.kind === 'team' && a.team === team : true))
    : [team ? { kind: 'team', team } : { kind: 'estate' }];
  if (values.send && audiences.length === 0) {
    io.err(team ? `✘ No webhook is configured for team "${team}" (DIGEST_TEAMS_WEBHOOK_URLS).` : '✘ No digest webhook is configured (DIGEST_ESTATE_WEBHOOK_URL, DIGEST_TEAMS_WEBHOOK_URLS).');
    return 2;
  }
  return withDatabase(env, io, async (pool, url) => {
    const prisma = createPrisma(url, 2);
    try {
      const digests = await Promise.all(
        audiences.map(async (a) => ({
          audience: a,
          digest: buildDigest(await getWhatChangedForDigest({ weekStart, team: a.kind === 'team' ? a.team : undefined, now }, prisma), a, digestBaseUrl(env)),
        })),
      );
      if (!values.send) {
        const d = digests[0]!.digest;
        io.out(format === 'html' ? renderDigestHtml(d) : format === 'teams' ? JSON.stringify(renderTeamsMessage(d), null, 2) : renderDigestText(d).trimEnd());
        return 0;
      }
      // Through the outbox: written first (once per week and audience), then sent now; what fails stays queued.
      const fresh = await enqueueOutbox(pool, digests.map((d) => digestDraft(weekKey, d.audience, renderTeamsMessage(d.digest))), now);
      if (fresh < digests.length) io.err(`${digests.length - fresh} of these digests were queued before; showing how they stand.`);
      await drainOutbox(pool, { channels: { [DIGEST_KIND]: digestWebhookChannel(webhookFor(env)) }, limit: 50, now: () => now });
      const keys = audiences.map((a) => digestDedupeKey(weekKey, a));
      const rows = await pool.query<{ dedupe_key: string; state: string; last_error: string | null; next_attempt_at: Date; sent_at: Date | null }>(
        'SELECT dedupe_key, state::text, last_error, next_attempt_at, sent_at FROM outbox WHERE dedupe_key = ANY($1::text[])',
        [keys],
      );
      let failed = 0;
      for (const a of audiences) {
        const r = rows.rows.find((x) => x.dedupe_key === digestDedupeKey(weekKey, a));
        const who = `${audienceLabel(a)} (${audienceKey(a)})`;
        if (r?.state === 'sent') io.err(`✔ Digest for the week of ${weekKey} sent to ${who}${r.sent_at ? ` at ${r.sent_at.toISOString()}` : ''}.`);
        else if (r?.state === 'given_up') {
          failed += 1;
          io.err(`✘ Digest to ${who} was given up: ${r.last_error ?? 'unknown error'}`);
        } else {
          failed += 1;
          io.err(`✘ Digest to ${who} not delivered yet: ${r?.last_error ?? 'waiting'}; it stays queued and is retried at ${r?.next_attempt_at.toISOString() ?? 'the next drain'}.`);
        }
      }
      return failed === 0 ? 0 : 1;
    } finally {
      await prisma.$disconnect();
    }
  });
}

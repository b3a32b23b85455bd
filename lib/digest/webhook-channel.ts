// Posts a digest message to its audience's Teams webhook (Incoming Webhook or a Workflows "post to a channel when a
// webhook request is received" URL). The URL is looked up in settings at send time — webhook URLs are secrets, so
// they never sit in the outbox or in an error message. 2xx is delivered (Incoming Webhooks answer 200, Workflows
// 202); anything else is an OutboxSendError with the status and Retry-After, so the outbox retries or gives up.
import { z } from 'zod';
import { httpFailure } from '../outbox/http-failure';
import { OutboxSendError, type OutboxChannel, type OutboxDraft } from '../outbox/types';
import { audienceKey, type DigestAudience } from './digest-model';

export const DIGEST_KIND = 'digest.teams';

const payloadSchema = z.object({ week: z.string(), audience: z.string(), message: z.looseObject({ type: z.literal('message') }) });

export const digestDedupeKey = (week: string, audience: DigestAudience) => `digest:${week}:${audienceKey(audience)}`;

/** One outbox message per week and audience, ever: the dedupe key makes a second enqueue a no-op. */
export function digestDraft(week: string, audience: DigestAudience, message: unknown): OutboxDraft {
  const key = audienceKey(audience);
  // Each week's digest stands alone: one that keeps failing must not hold the next week's back.
  return { kind: DIGEST_KIND, target: key, orderingKey: digestDedupeKey(week, audience), payload: { week, audience: key, message }, dedupeKey: digestDedupeKey(week, audience) };
}

export function digestWebhookChannel(webhookFor: (audienceKey: string) => string | undefined): OutboxChannel {
  return {
    audit: { action: 'digest.send', targetType: 'digest' },
    async send(message, { signal, now }) {
      const { audience, message: body } = payloadSchema.parse(message.payload);
      const url = webhookFor(audience);
      if (!url) throw new OutboxSendError(`No webhook is configured for ${audience} any more (DIGEST_ESTATE_WEBHOOK_URL / DIGEST_TEAMS_WEBHOOK_URLS).`, null, null, true);
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal, redirect: 'error' });
      } catch (e) {
        // The cause says why (refused, DNS, TLS) without the URL.
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        throw new OutboxSendError(`Posting the digest to the ${audience} webhook failed${cause || (e instanceof Error ? `: ${e.message}` : '')}`, null);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) throw httpFailure(`Posting the digest to the ${audience} webhook`, { status: response.status, retryAfter: response.headers.get('retry-after'), body: text }, now);
    },
  };
}

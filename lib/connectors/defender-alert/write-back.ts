// Writes a triage status back to a Defender for Cloud alert: POST {alert id}/{activate|inProgress|resolve|dismiss}
// at api-version 2022-01-01 (what the SDK's updateSubscriptionLevelStateTo* / updateResourceGroupLevelStateTo*
// operations call; the alert id carries the subscription or resource-group level itself). It goes through the
// official SecurityCenter client's pipeline (credential, endpoint, test policies) with the SDK's own retries off:
// the outbox is the one retry layer, honours Retry-After and survives a restart.
import { SecurityCenter } from '@azure/arm-security';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { httpFailure } from '../../outbox/http-failure';
import type { OutboxChannel } from '../../outbox/types';
import { ALERT_STATE_ACTIONS } from '../../triage/write-back';
import { subscriptionIdOf } from '../shared/arm-id';
import { classicClientOptions } from '../shared/client-options';
import { armUrl } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { ALERTS_API_VERSION } from './client';

// Subscription level (/subscriptions/{s}/providers/…) or resource-group level (/subscriptions/{s}/resourceGroups/{g}/providers/…).
const ALERT_TAIL = /\/providers\/Microsoft\.Security\/locations\/[^/]+\/alerts\/[^/]+$/i;
const isAlertId = (id: string) => subscriptionIdOf(id) !== null && ALERT_TAIL.test(id) && id.split('/').length <= 11;

export const alertStatePayloadSchema = z.object({
  alertId: z.string().refine(isAlertId, 'not a Defender alert id'),
  action: z.enum(ALERT_STATE_ACTIONS),
});

export function alertStateChannel(settings: AzureSettings): OutboxChannel {
  return {
    audit: { action: 'triage.write_back', targetType: 'triage-item' },
    async send(message, { signal, now }) {
      const { alertId, action } = alertStatePayloadSchema.parse(message.payload);
      const subscriptionId = subscriptionIdOf(alertId) ?? '';
      const client = new SecurityCenter(settings.credential, subscriptionId, classicClientOptions(settings, { retries: false }));
      const request = createPipelineRequest({ url: armUrl(settings.armEndpoint, `${alertId}/${action}`, ALERTS_API_VERSION), method: 'POST', abortSignal: signal });
      const response = await client.sendRequest(request);
      if (response.status < 200 || response.status >= 300) {
        throw httpFailure(`Setting the Defender alert to ${action}`, { status: response.status, retryAfter: response.headers.get('retry-after'), body: response.bodyAsText ?? undefined }, now);
      }
    },
  };
}

// Pages of raw alerts: Alerts_List on a subscription (`GET /subscriptions/{id}/providers/Microsoft.Security/alerts`).
import { armListRaw, armUrl } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { ALERTS_API_VERSION, createAlertsClient } from './client';

export function fetchAlertPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const client = createAlertsClient(settings, subscriptionId);
  const url = armUrl(settings.armEndpoint, `/subscriptions/${subscriptionId}/providers/Microsoft.Security/alerts`, ALERTS_API_VERSION);
  return armListRaw(client, url, `security alerts of subscription ${subscriptionId}`, { signal });
}

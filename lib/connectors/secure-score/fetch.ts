// Pages of raw records: SecureScores_List and SecureScoreControls_ListBySecureScore ('ascScore', $expand=definition).
import { armListRaw, armUrl } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { SECURE_SCORE_API_VERSION, createSecureScoreClient } from './client';

export function fetchSecureScorePages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const client = createSecureScoreClient(settings, subscriptionId);
  const url = armUrl(settings.armEndpoint, `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores`, SECURE_SCORE_API_VERSION);
  return armListRaw(client, url, `secure scores of subscription ${subscriptionId}`, { signal });
}

export function fetchSecureScoreControlPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const client = createSecureScoreClient(settings, subscriptionId);
  const base = armUrl(settings.armEndpoint, `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls`, SECURE_SCORE_API_VERSION);
  return armListRaw(client, `${base}&$expand=definition`, `secure score controls of subscription ${subscriptionId}`, { signal });
}

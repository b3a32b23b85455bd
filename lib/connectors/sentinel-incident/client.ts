// The Microsoft Sentinel client: the official SecurityInsights client, used for its pipeline (credential, retries,
// throttling) because the installed SDK speaks 2022-09-01-preview and we read the stable 2025-09-01.
import { SecurityInsights } from '@azure/arm-securityinsight';
import { subscriptionIdOf } from '../shared/arm-id';
import { classicClientOptions } from '../shared/client-options';
import type { ArmPipelineClient } from '../shared/raw-arm';
import type { AzureSettings } from '../types';

export const INCIDENTS_API_VERSION = '2025-09-01';

export function createSentinelClient(settings: AzureSettings, workspaceId: string): ArmPipelineClient {
  const subscriptionId = subscriptionIdOf(workspaceId);
  if (!subscriptionId) throw new Error(`SENTINEL_WORKSPACE_IDS: "${workspaceId}" is not a workspace ARM id`);
  return new SecurityInsights(settings.credential, subscriptionId, classicClientOptions(settings));
}

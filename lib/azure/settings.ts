// Builds the AzureSettings the connectors use: the real ARM endpoint with an Entra credential, or the local
// stand-in with its static token in demo mode. Nothing here connects; the SDK clients do, when a run asks.
import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { AzureSettings } from '../connectors/types';
import type { Env } from '../env';

export function azureSettingsFromEnv(env: Env): AzureSettings {
  if (env.POSTURE_MODE !== 'azure' || !env.AZURE_SUBSCRIPTION_IDS) {
    throw new Error('azureSettingsFromEnv is for POSTURE_MODE=azure; demo mode uses the local stand-in (lib/demo).');
  }
  // A client secret when one is configured; otherwise the default chain (workload identity federation on AKS,
  // managed identity, Azure CLI for a developer).
  const credential: TokenCredential =
    env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && env.AZURE_CLIENT_SECRET
      ? new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET)
      : new DefaultAzureCredential();
  return {
    armEndpoint: env.AZURE_ARM_ENDPOINT,
    subscriptionIds: env.AZURE_SUBSCRIPTION_IDS,
    sentinelWorkspaceIds: env.SENTINEL_WORKSPACE_IDS ?? [],
    sentinelLogAnalyticsWorkspaceIds: env.SENTINEL_LOG_ANALYTICS_WORKSPACE_IDS ?? [],
    ...(env.LOG_ANALYTICS_ENDPOINT ? { logAnalyticsEndpoint: env.LOG_ANALYTICS_ENDPOINT } : {}),
    credential,
  };
}

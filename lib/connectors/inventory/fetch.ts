// Pages of raw REST records (ManagedClusters_List, Registries_List) for one subscription. Nothing is interpreted here;
// a failed page (after the SDK pipeline's retries) propagates and ends the run.
//
// The modular SDKs parse every page into their models and keep no REST JSON, so the listings are sent as raw ARM
// requests through each client's own pipeline (credential, retries, rate limits) and parsed once (shared/raw-arm.ts).
// The api-versions are the ones the installed SDKs request.
import { armListRaw, armUrl, modularPipelineClient } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { createContainerRegistryClient, createContainerServiceClient } from './client';

/** arm-containerservice 25.3.0's api-version. */
export const CONTAINER_SERVICE_API_VERSION = '2026-04-01';
/** arm-containerregistry 12.0.0's api-version. */
export const CONTAINER_REGISTRY_API_VERSION = '2025-11-01';

export function fetchManagedClusterPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const client = modularPipelineClient(createContainerServiceClient(settings, subscriptionId));
  const path = `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/managedClusters`;
  return armListRaw(client, armUrl(settings.armEndpoint, path, CONTAINER_SERVICE_API_VERSION), `managed clusters of subscription ${subscriptionId}`, { signal });
}

export function fetchRegistryPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const client = modularPipelineClient(createContainerRegistryClient(settings, subscriptionId));
  const path = `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries`;
  return armListRaw(client, armUrl(settings.armEndpoint, path, CONTAINER_REGISTRY_API_VERSION), `container registries of subscription ${subscriptionId}`, { signal });
}

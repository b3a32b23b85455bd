// Pages of raw REST records (ManagedClusters_List, Registries_List) for one subscription. Nothing is interpreted here;
// a failed page (after the SDK's retries) propagates and ends the run.
import { createRawBodyRecorder, rawListPages } from '../shared/raw-body';
import type { AzureSettings } from '../types';
import { createContainerRegistryClient, createContainerServiceClient } from './client';

export function fetchManagedClusterPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const recorder = createRawBodyRecorder();
  const client = createContainerServiceClient(settings, subscriptionId, [{ policy: recorder.policy, position: 'perCall' }]);
  return rawListPages(`managed clusters of subscription ${subscriptionId}`, client.managedClusters.list({ abortSignal: signal }), recorder);
}

export function fetchRegistryPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const recorder = createRawBodyRecorder();
  const client = createContainerRegistryClient(settings, subscriptionId, [{ policy: recorder.policy, position: 'perCall' }]);
  return rawListPages(`container registries of subscription ${subscriptionId}`, client.registries.list({ abortSignal: signal }), recorder);
}

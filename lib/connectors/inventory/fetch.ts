// Pages of raw REST records (ManagedClusters_List, Registries_List) for one subscription. Nothing is interpreted here;
// a failed page (after the SDK's retries) propagates and ends the run.
import { armListItems, createRawBodyRecorder } from '../shared/raw-body';
import type { AzureSettings } from '../types';
import { createContainerRegistryClient, createContainerServiceClient } from './client';

export async function* fetchManagedClusterPages(
  settings: AzureSettings,
  subscriptionId: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  const recorder = createRawBodyRecorder();
  const client = createContainerServiceClient(settings, subscriptionId, [{ policy: recorder.policy, position: 'perCall' }]);
  let page = 0;
  for await (const sdkPage of client.managedClusters.list({ abortSignal: signal }).byPage()) {
    page += 1;
    const what = `managed clusters of subscription ${subscriptionId}, page ${page}`;
    yield armListItems(recorder.take(what), what, sdkPage.length);
  }
}

export async function* fetchRegistryPages(
  settings: AzureSettings,
  subscriptionId: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  const recorder = createRawBodyRecorder();
  const client = createContainerRegistryClient(settings, subscriptionId, [{ policy: recorder.policy, position: 'perCall' }]);
  let page = 0;
  for await (const sdkPage of client.registries.list({ abortSignal: signal }).byPage()) {
    page += 1;
    const what = `container registries of subscription ${subscriptionId}, page ${page}`;
    yield armListItems(recorder.take(what), what, sdkPage.length);
  }
}

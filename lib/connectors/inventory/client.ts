// SDK clients for the inventory listings. Built per subscription and per listing (never at import time) because the
// modular clients bind the subscription at construction and the raw-body recorder must see one listing only.
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { modularClientOptions, type AdditionalPolicy } from '../shared/client-options';
import type { AzureSettings } from '../types';

export function createContainerServiceClient(
  settings: AzureSettings,
  subscriptionId: string,
  extraPolicies: readonly AdditionalPolicy[] = [],
): ContainerServiceClient {
  return new ContainerServiceClient(settings.credential, subscriptionId, modularClientOptions(settings, extraPolicies));
}

export function createContainerRegistryClient(
  settings: AzureSettings,
  subscriptionId: string,
  extraPolicies: readonly AdditionalPolicy[] = [],
): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(settings.credential, subscriptionId, modularClientOptions(settings, extraPolicies));
}

// SDK clients for the inventory listings, built per subscription (never at import time) because the modular clients
// bind the subscription at construction. The listings use their pipelines only (see fetch.ts).
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { modularClientOptions } from '../shared/client-options';
import type { AzureSettings } from '../types';

export function createContainerServiceClient(settings: AzureSettings, subscriptionId: string): ContainerServiceClient {
  return new ContainerServiceClient(settings.credential, subscriptionId, modularClientOptions(settings));
}

export function createContainerRegistryClient(settings: AzureSettings, subscriptionId: string): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(settings.credential, subscriptionId, modularClientOptions(settings));
}

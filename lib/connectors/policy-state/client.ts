// SDK clients for Azure Policy: Policy Insights (states, summaries) and Microsoft.Authorization (exemptions).
// Both are AutoRest core-client clients, so the REST body capture sees every page (see shared/raw-body.ts).
import { PolicyClient } from '@azure/arm-policy';
import { PolicyInsightsClient } from '@azure/arm-policyinsights';
import { classicClientOptions } from '../shared/client-options';
import type { AzureSettings } from '../types';

export function createPolicyInsightsClient(settings: AzureSettings): PolicyInsightsClient {
  return new PolicyInsightsClient(settings.credential, classicClientOptions(settings));
}

export function createPolicyClient(settings: AzureSettings, subscriptionId: string): PolicyClient {
  return new PolicyClient(settings.credential, subscriptionId, classicClientOptions(settings));
}

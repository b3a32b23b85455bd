// Pages of raw Azure Policy records for one subscription: the latest policy states (OData paging: the SDK follows
// `@odata.nextLink`, which carries the `$skiptoken`), policy exemptions, and the `summarize` result.
import { createRestBodyCapture, describeAzureFailure, rawListPages } from '../shared/raw-body';
import type { AzureSettings } from '../types';
import { createPolicyClient, createPolicyInsightsClient } from './client';

/** Rows per page asked of Policy Insights; the service caps a page at 1,000 and pages the rest. */
export const POLICY_STATES_PAGE_SIZE = 1000;

export function fetchPolicyStatePages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const capture = createRestBodyCapture();
  const pager = createPolicyInsightsClient(settings).policyStates.listQueryResultsForSubscription('latest', subscriptionId, {
    abortSignal: signal,
    requestOptions: capture.requestOptions,
  });
  return rawListPages(`policy states of subscription ${subscriptionId}`, pager, capture);
}

export function fetchPolicyExemptionPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const capture = createRestBodyCapture();
  const pager = createPolicyClient(settings, subscriptionId).policyExemptions.list({ abortSignal: signal, requestOptions: capture.requestOptions });
  return rawListPages(`policy exemptions of subscription ${subscriptionId}`, pager, capture);
}

export async function fetchPolicySummary(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): Promise<unknown> {
  const what = `policy summary of subscription ${subscriptionId}`;
  const capture = createRestBodyCapture();
  try {
    await createPolicyInsightsClient(settings).policyStates.summarizeForSubscription('latest', subscriptionId, {
      abortSignal: signal,
      requestOptions: capture.requestOptions,
    });
  } catch (error) {
    throw describeAzureFailure(what, error);
  }
  return capture.take(what);
}

// The same endpoint, credential scope and extra policies for every SDK client, so a connector pointed at the local
// stand-in and one pointed at ARM differ only in `AzureSettings`.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { AzureSettings } from '../types';
import { RateLimitBudget, rateLimitPolicies } from './rate-limit-policy';

export type AdditionalPolicy = { policy: PipelinePolicy; position: 'perCall' | 'perRetry' };

/** Token scope for the ARM audience of the configured endpoint (`https://management.azure.com/.default` on public cloud). */
export function armScope(settings: AzureSettings): string {
  return `${new URL(settings.armEndpoint).origin}/.default`;
}

// One budget per settings object: every client a sync builds from the same settings shares each subscription's quota.
// A WeakMap rather than a field so callers keep building settings as plain objects; it touches nothing at import.
const budgets = new WeakMap<AzureSettings, RateLimitBudget>();

/** The throttling budget shared by the clients built from these settings (its stats report a sync's slowdown). */
export function rateLimitBudgetOf(settings: AzureSettings): RateLimitBudget {
  let budget = budgets.get(settings);
  if (!budget) {
    budget = new RateLimitBudget(settings.maxThrottleWaitMs);
    budgets.set(settings, budget);
  }
  return budget;
}

export function additionalPoliciesOf(settings: AzureSettings, extra: readonly AdditionalPolicy[] = []): AdditionalPolicy[] {
  // The rate-limit policies come first so that, among the perRetry policies, they wrap whatever answers (tests' fakes).
  return [...rateLimitPolicies(rateLimitBudgetOf(settings)), ...(settings.additionalPolicies ?? []), ...extra];
}

/** Options for the TypeSpec-generated ("modular") clients: arm-containerservice 25, arm-containerregistry 12. */
export function modularClientOptions(settings: AzureSettings, extra: readonly AdditionalPolicy[] = []) {
  return {
    endpoint: settings.armEndpoint,
    credentials: { scopes: [armScope(settings)] },
    additionalPolicies: additionalPoliciesOf(settings, extra),
  };
}

/**
 * Options for the AutoRest core-client clients: arm-security 5, arm-resourcegraph 5-beta. `retries: false` is for
 * writes that the outbox retries (lib/outbox): neither the SDK's retries nor the rate-limit budget wait on a 429 or
 * a 5xx there, so the outbox sees the answer, records it and schedules the retry itself (surviving a restart).
 */
export function classicClientOptions(settings: AzureSettings, options: { retries?: boolean } = {}) {
  if (options.retries === false) {
    return {
      endpoint: settings.armEndpoint,
      credentialScopes: [armScope(settings)],
      additionalPolicies: [...(settings.additionalPolicies ?? [])],
      retryOptions: { maxRetries: 0 },
    };
  }
  return {
    endpoint: settings.armEndpoint,
    credentialScopes: [armScope(settings)],
    additionalPolicies: additionalPoliciesOf(settings),
  };
}

// A subscription's display name (Subscriptions_Get, api-version 2022-12-01) for labels people read — "Payments prod",
// not a GUID. Read with the official client; a name the identity may not read (403) or a subscription the API no
// longer knows (404) is unknown (null: the store keeps any name it had), while any other failure fails the run
// like every other read.
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { isRestError } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { classicClientOptions } from '../shared/client-options';
import { describeAzureFailure } from '../shared/raw-body';
import type { AzureSettings } from '../types';

const subscriptionSchema = z.object({ displayName: z.string().nullish() });

export async function fetchSubscriptionDisplayName(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): Promise<string | null> {
  const client = new SubscriptionClient(settings.credential, classicClientOptions(settings));
  try {
    const found = subscriptionSchema.parse(await client.subscriptions.get(subscriptionId, { abortSignal: signal }));
    const name = found.displayName?.trim();
    return name ? name : null;
  } catch (error) {
    if (isRestError(error) && (error.statusCode === 403 || error.statusCode === 404)) return null;
    throw describeAzureFailure(`subscription ${subscriptionId}`, error);
  }
}

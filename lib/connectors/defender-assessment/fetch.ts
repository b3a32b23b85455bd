// Pages of raw REST records: AssessmentsMetadata_ListBySubscription and Assessments_List on a subscription scope.
// arm-security is an AutoRest core-client SDK: the REST body capture sees every page (see shared/raw-body.ts).
import { createRestBodyCapture, rawListPages } from '../shared/raw-body';
import type { AzureSettings } from '../types';
import { createSecurityCenterClient } from './client';

export function fetchAssessmentMetadataPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const capture = createRestBodyCapture();
  const pager = createSecurityCenterClient(settings, subscriptionId).assessmentsMetadata.listBySubscription({
    abortSignal: signal,
    requestOptions: capture.requestOptions,
  });
  return rawListPages(`assessment metadata of subscription ${subscriptionId}`, pager, capture);
}

export function fetchAssessmentPages(settings: AzureSettings, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const capture = createRestBodyCapture();
  const pager = createSecurityCenterClient(settings, subscriptionId).assessments.list(`subscriptions/${subscriptionId}`, {
    abortSignal: signal,
    requestOptions: capture.requestOptions,
  });
  return rawListPages(`assessments of subscription ${subscriptionId}`, pager, capture);
}

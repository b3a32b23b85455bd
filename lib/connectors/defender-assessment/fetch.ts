// Pages of raw REST records: AssessmentsMetadata_ListBySubscription and Assessments_List on a subscription scope.
// arm-security is an AutoRest core-client SDK, so `onResponse` sees every page (see shared/raw-body.ts).
import { armListItems, createOnResponseCapture } from '../shared/raw-body';
import type { AzureSettings } from '../types';
import { createSecurityCenterClient } from './client';

export async function* fetchAssessmentMetadataPages(
  settings: AzureSettings,
  subscriptionId: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  const client = createSecurityCenterClient(settings, subscriptionId);
  const what = `assessment metadata of subscription ${subscriptionId}`;
  const capture = createOnResponseCapture(what);
  const pages = client.assessmentsMetadata.listBySubscription({ abortSignal: signal, onResponse: capture.onResponse }).byPage();
  for await (const sdkPage of pages) yield armListItems(capture.take(), what, sdkPage.length);
}

export async function* fetchAssessmentPages(
  settings: AzureSettings,
  subscriptionId: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  const client = createSecurityCenterClient(settings, subscriptionId);
  const what = `assessments of subscription ${subscriptionId}`;
  const capture = createOnResponseCapture(what);
  const pages = client.assessments.list(`subscriptions/${subscriptionId}`, { abortSignal: signal, onResponse: capture.onResponse }).byPage();
  for await (const sdkPage of pages) yield armListItems(capture.take(), what, sdkPage.length);
}

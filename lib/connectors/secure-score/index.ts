// Secure score of a subscription, read today (secureScores and secureScoreControls with $expand=definition) as the
// rows of today in secure_score_history. Defender keeps only about three months of score history; the daily rows the
// sync writes become the customer's own record. Read within the Defender recommendations run (same API family and
// role), so a failed read fails that run and today's rows are never half written.
import { transformEach } from '../shared/record';
import type { AzureSettings } from '../types';
import { fetchSecureScoreControlPages, fetchSecureScorePages } from './fetch';
import { toSecureScoreControlRow, toSecureScoreRow, type SecureScoreRow } from './transform';

export async function readSecureScores(azure: AzureSettings, subscriptionId: string, now: Date, signal?: AbortSignal): Promise<SecureScoreRow[]> {
  const day = now.toISOString().slice(0, 10);
  const rows: SecureScoreRow[] = [];
  for await (const items of fetchSecureScorePages(azure, subscriptionId, signal)) rows.push(...transformEach(items, 'secure score', (i) => toSecureScoreRow(i, subscriptionId, day)));
  for await (const items of fetchSecureScoreControlPages(azure, subscriptionId, signal)) {
    rows.push(...transformEach(items, 'secure score control', (i) => toSecureScoreControlRow(i, subscriptionId, day)));
  }
  return rows;
}

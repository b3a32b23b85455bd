// Secure score of each subscription, read today and stored as today's row of secure_score_history (past days are
// never rewritten). Not yet a registered sync source: the store's batch has no slot for it while the store is being
// rewritten (issue 13), so `readSecureScores` returns the rows and the caller writes them with
// lib/trends/secure-score-store.ts in its transaction.
import type { ConnectorContext } from '../types';
import { fetchSecureScoreControlPages, fetchSecureScorePages } from './fetch';
import { toSecureScoreControlRow, toSecureScoreRow, type SecureScoreRow } from './transform';

export async function readSecureScores(ctx: ConnectorContext, now: Date): Promise<SecureScoreRow[]> {
  const day = now.toISOString().slice(0, 10);
  const rows: SecureScoreRow[] = [];
  for (const subscriptionId of ctx.azure.subscriptionIds) {
    for await (const items of fetchSecureScorePages(ctx.azure, subscriptionId, ctx.signal)) rows.push(...items.map((i) => toSecureScoreRow(i, subscriptionId, day)));
    for await (const items of fetchSecureScoreControlPages(ctx.azure, subscriptionId, ctx.signal)) rows.push(...items.map((i) => toSecureScoreControlRow(i, subscriptionId, day)));
    ctx.progress?.(`secure-score ${subscriptionId}: ${rows.length} rows so far`);
  }
  return rows;
}

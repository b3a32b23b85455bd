import type { SourceId } from '@/lib/domain/model';
import { toDate, type DateInput } from '@/components/ui/format';

/** What the page knows about one source's sync history (a DTO from the data layer). */
export type SourceFreshness = {
  source: SourceId;
  /** Finish time of the last run that succeeded, or null if none ever did. */
  lastSuccessAt: DateInput | null;
  /** The last failed run, or null. Shown only when it is newer than the last success. */
  lastFailure: { at: DateInput; error: string } | null;
  /** false: no connector exists for this source yet, so "never synced" would suggest a fault that is not there. */
  connected?: boolean;
};

export type FreshnessState =
  | { kind: 'not-connected' }
  | { kind: 'never' }
  | { kind: 'synced'; at: Date; stale: boolean }
  | { kind: 'failed'; at: Date; error: string; lastSuccessAt: Date | null };

/** A day without a successful sync means Defender and Policy data on the page may no longer match Azure. */
export const DEFAULT_STALE_AFTER_MS = 24 * 60 * 60 * 1_000;

/**
 * Which one thing the line should say about a source. A failure newer than the last success wins, because it means
 * the numbers on the page are older than they look; an older failure was recovered from and is not news.
 */
export function describeFreshness(
  entry: SourceFreshness,
  now: DateInput = Date.now(),
  staleAfterMs: number = DEFAULT_STALE_AFTER_MS,
): FreshnessState {
  if (entry.connected === false) return { kind: 'not-connected' };
  const success = entry.lastSuccessAt === null ? null : toDate(entry.lastSuccessAt);
  const failureAt = entry.lastFailure === null ? null : toDate(entry.lastFailure.at);
  if (entry.lastFailure && failureAt && (success === null || failureAt.getTime() > success.getTime())) {
    return { kind: 'failed', at: failureAt, error: entry.lastFailure.error, lastSuccessAt: success };
  }
  if (success === null) return { kind: 'never' };
  return { kind: 'synced', at: success, stale: toDate(now).getTime() - success.getTime() > staleAfterMs };
}

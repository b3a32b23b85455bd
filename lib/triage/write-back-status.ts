// What the queue and the item page say about an item's write-back, decided purely from the source, whether
// write-back is on, and the outbox row that matters most (an unsettled or given-up one before the latest sent one).
import { z } from 'zod';
import { WRITE_BACK_TARGETS } from './write-back';

export type WriteBackStatus =
  | { state: 'local'; reason: 'off' | 'unsupported' }
  /** Write-back is on and nothing was changed here yet. */
  | { state: 'none'; target: string }
  | { state: 'pending'; target: string }
  | { state: 'failed'; target: string; nextAttemptAt: string; lastError: string | null; attempts: number }
  | { state: 'given_up'; target: string; lastError: string | null; noPermission: boolean }
  | { state: 'synced'; target: string; at: string | null };

/** The outbox row as the queue query returns it (json_build_object). */
export const writeBackRowSchema = z.object({
  state: z.enum(['pending', 'sent', 'failed', 'given_up']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  sentAt: z.string().nullable(),
});
export type WriteBackRow = z.infer<typeof writeBackRowSchema>;

const iso = (s: string) => new Date(s).toISOString();

export function writeBackStatusOf(source: string, enabled: boolean, raw: unknown): WriteBackStatus {
  const target = WRITE_BACK_TARGETS[source];
  if (!target) return { state: 'local', reason: 'unsupported' };
  const row = raw === null || raw === undefined ? null : writeBackRowSchema.parse(raw);
  // Rows written while it was on still show how they ended, even after it was turned off.
  if (!row) return enabled ? { state: 'none', target } : { state: 'local', reason: 'off' };
  switch (row.state) {
    case 'pending':
      return { state: 'pending', target };
    case 'failed':
      return { state: 'failed', target, nextAttemptAt: iso(row.nextAttemptAt), lastError: row.lastError, attempts: row.attempts };
    case 'given_up':
      return { state: 'given_up', target, lastError: row.lastError, noPermission: row.lastStatus === 401 || row.lastStatus === 403 };
    case 'sent':
      return { state: 'synced', target, at: row.sentAt ? iso(row.sentAt) : null };
  }
}

/** One line for people; the UI adds the time in the viewer's zone. */
export function writeBackLabel(s: WriteBackStatus): string {
  switch (s.state) {
    case 'local':
      return s.reason === 'off' ? 'Local only (write-back off)' : 'Local only';
    case 'none':
      return `No change sent to ${s.target} yet`;
    case 'pending':
      return `Pending write-back to ${s.target}`;
    case 'failed':
      return `Failed — retrying at ${s.nextAttemptAt.slice(11, 16)} UTC`;
    case 'given_up':
      return s.noPermission ? `Not written to ${s.target} — no permission` : `Write-back to ${s.target} failed — gave up`;
    case 'synced':
      return `Synced to ${s.target}`;
  }
}

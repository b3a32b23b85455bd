// Queueing source syncs. Sending to a queue that already has a job waiting returns no id (the `stately`
// policy): a second "sync now" joins the one already queued instead of running the source twice.
import type PgBoss from 'pg-boss';
import { CONNECTORS } from '../connectors/registry';
import type { SourceId } from '../domain/model';
import { syncQueueName, type SyncJobData, type SyncJobTrigger } from './queues';

export interface EnqueueRequest {
  /** The sources to sync; inventory goes first when it is among them. */
  sources: readonly SourceId[];
  trigger: SyncJobTrigger;
  requestedBy?: string;
}

export interface EnqueuedSource {
  source: SourceId;
  /** null: a job for this source was already waiting, so this request joined it (or it follows inventory). */
  jobId: string | null;
  /** Queued when the inventory job of the same request ends. */
  afterInventory: boolean;
}

/** Every source with a connector, in the order a full sync runs them. */
export const ALL_SOURCES: readonly SourceId[] = CONNECTORS.map((c) => c.id);

export async function enqueueSync(boss: Pick<PgBoss, 'send'>, request: EnqueueRequest, options: { db?: PgBoss.Db } = {}): Promise<EnqueuedSource[]> {
  const wanted = ALL_SOURCES.filter((s) => request.sources.includes(s));
  const base = { trigger: request.trigger, ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}) };
  const send = (source: SourceId, data: SyncJobData) => boss.send(syncQueueName(source), data, options.db ? { db: options.db } : {});
  const out: EnqueuedSource[] = [];
  let rest = wanted;
  if (wanted.includes('inventory')) {
    rest = wanted.filter((s) => s !== 'inventory');
    const jobId = await send('inventory', { ...base, then: rest });
    out.push({ source: 'inventory', jobId, afterInventory: false });
    // Our job carries the others; if an inventory job was already waiting it carries only its own list, so the
    // others are queued now rather than lost.
    if (jobId) return [...out, ...rest.map((source) => ({ source, jobId: null, afterInventory: true }))];
  }
  for (const source of rest) out.push({ source, jobId: await send(source, { ...base, then: [] }), afterInventory: false });
  return out;
}

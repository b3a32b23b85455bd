import 'server-only';
// Freshness of each source: when it last synced successfully, and its last failure. The overview shows this
// beside every count so a failed source never reads as "0 findings".
import { cache } from 'react';
import type { PrismaClient } from '../generated/prisma/client';
import { SOURCE_IDS, type SourceId } from '../domain/model';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { CONNECTORS } from '../connectors/registry';

export interface SourceFreshnessDto {
  source: SourceId;
  lastSuccessAt: string | null;
  lastFailure: { at: string; error: string } | null;
  /** A run is under way right now. */
  running: boolean;
  /** A connector exists for this source (alerts, policy and Sentinel come later). */
  connected: boolean;
}

/** Cached per request: the freshness line and the control statuses of one page both need it. */
export const listSourceFreshness = cache(async (_viewer: Viewer, db: PrismaClient = getPrisma()): Promise<SourceFreshnessDto[]> => {
  // Imports are partial data by design and say nothing about a source's health, so they are left out.
  const rows = await db.$queryRaw<{ source: string; last_success: Date | null; last_failure: Date | null; error: string | null; running: boolean }[]>`
    SELECT s.source,
           max(s.finished_at) FILTER (WHERE s.outcome = 'succeeded') AS last_success,
           max(s.finished_at) FILTER (WHERE s.outcome = 'failed') AS last_failure,
           (array_agg(s.error ORDER BY s.finished_at DESC) FILTER (WHERE s.outcome = 'failed'))[1] AS error,
           bool_or(s.outcome = 'running' AND s.started_at > now() - interval '1 hour') AS running
      FROM sync_runs s WHERE s.trigger <> 'import' GROUP BY s.source`;
  return SOURCE_IDS.map((source) => {
    const r = rows.find((x) => x.source === source);
    return {
      source,
      lastSuccessAt: r?.last_success?.toISOString() ?? null,
      lastFailure: r?.last_failure ? { at: r.last_failure.toISOString(), error: r.error ?? 'unknown error' } : null,
      running: r?.running ?? false,
      connected: CONNECTORS.some((c) => c.id === source),
    };
  });
});

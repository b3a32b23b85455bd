import 'server-only';
// "Last seen" of a finding. The sync does not rewrite a finding that did not change (lib/sync/merge-findings.ts),
// so its own last_seen_at is when it last changed; a complete run of its source records when it saw the source
// (finding_source_seen), and every finding still open was seen by that run. Resolved findings keep their own stamp.
import { Prisma, type PrismaClient } from '../generated/prisma/client';

/** The SQL expression for `f` (a findings alias), for raw queries. */
export const lastSeenSql = Prisma.sql`GREATEST(f.last_seen_at, CASE WHEN f.status = 'open'
  THEN (SELECT seen.seen_at FROM finding_source_seen seen WHERE seen.source = f.source) END)`;

/** When each source last completed a full run (a handful of rows). */
export async function readSourceSeen(db: PrismaClient): Promise<Map<string, Date>> {
  const rows = await db.findingSourceSeen.findMany({ select: { source: true, seenAt: true } });
  return new Map(rows.map((r) => [r.source, r.seenAt]));
}

export function lastSeenOf(finding: { source: string; status: string; lastSeenAt: Date }, sourceSeen: ReadonlyMap<string, Date>): Date {
  const seen = finding.status === 'open' ? sourceSeen.get(finding.source) : undefined;
  return seen && seen > finding.lastSeenAt ? seen : finding.lastSeenAt;
}

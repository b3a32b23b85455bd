import 'server-only';
// Findings lists and the single-finding drill-down, always within the viewer's scope. Lists page by keyset and
// never count the findings table: the total comes from the summaries (or a capped count for a text search).
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { FINDING_STATUSES, SEVERITIES, type FindingKind, type FindingStatus, type Severity, type Stage } from '../domain/model';
import { AppError } from '../errors';
import type { FindingFilters } from '../validation/findings';
import { summarySource } from './finding-counts';
import { lastSeenOf, readSourceSeen } from './last-seen';
import { containsPattern } from './like-pattern';
import { expandRawParts } from './raw-parts';
import { clusterScope, findingScopeSql, findingScopeWithImages, notFound } from './scope';

export interface FindingListItem {
  id: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  source: string;
  kind: FindingKind;
  stage: Stage;
  controlId: string;
  ruleId: string;
  resourceId: string;
  cluster: { id: string; name: string } | null;
  imageDigest: string | null;
  /** repository:tag of the image, when the finding is about one we know. */
  image: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface FindingPage {
  items: FindingListItem[];
  nextCursor: string | null;
  /** Findings matching the filters: exact from the summaries, or a lower bound (see `totalIsLowerBound`) with a search. */
  total: number;
  /** True when a text search matched more than TOTAL_CAP findings: show "10,000+", not an exact figure. */
  totalIsLowerBound: boolean;
  /** With a text search: whether the trigram index exists (pg_trgm may not be allowed on the server). */
  searchIndexed: boolean | null;
}

/** A text search counts at most this many matches while serving a page; beyond it the page says "10,000+". */
export const TOTAL_CAP = 10_000;

/** The filters shared by the page query and the bounded count; severity and status are added per branch. */
function conditionsFor(viewer: Viewer, f: FindingFilters): Prisma.Sql[] {
  const c: Prisma.Sql[] = [findingScopeSql(viewer)];
  if (f.stage) c.push(Prisma.sql`f.stage = ${f.stage}::"Stage"`);
  if (f.source) c.push(Prisma.sql`f.source = ${f.source}`);
  if (f.control) c.push(Prisma.sql`f.control_id = ${f.control}`);
  if (f.cluster) c.push(Prisma.sql`f.cluster_id = ${f.cluster}`);
  if (f.q) {
    const p = containsPattern(f.q);
    // Resource ids are stored lower-cased, so LIKE on the lower-cased pattern is a case-insensitive match.
    c.push(Prisma.sql`(f.title ILIKE ${p} OR f.rule_id ILIKE ${p} OR f.resource_id LIKE ${p.toLowerCase()})`);
  }
  return c;
}

const listSelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  source: true,
  kind: true,
  stage: true,
  controlId: true,
  ruleId: true,
  resourceId: true,
  imageDigest: true,
  firstSeenAt: true,
  lastSeenAt: true,
  cluster: { select: { id: true, name: true } },
} as const satisfies Prisma.FindingSelect;

/**
 * Most severe first, newest first within a severity, paged by keyset at any depth. The query is a UNION ALL of
 * one branch per (severity, status) asked for, each `ORDER BY id DESC LIMIT n` on an index that leads with a
 * filter column and continues (status, severity, id DESC) — a range scan that starts at the cursor instead of
 * walking everything before it. The cursor is a finding id; its severity says which branches are behind us.
 */
export async function listFindings(viewer: Viewer, filters: FindingFilters, db: PrismaClient = getPrisma()): Promise<FindingPage> {
  const common = conditionsFor(viewer, filters);
  let after: { id: bigint; rank: number } | null = null;
  if (filters.cursor) {
    const found = await db.$queryRaw<{ severity: Severity }[]>`
      SELECT f.severity::text AS severity FROM findings f WHERE f.id = ${BigInt(filters.cursor)} AND ${findingScopeSql(viewer)}`;
    if (found.length === 0) throw new AppError('BAD_REQUEST', 'That page no longer exists: start again from the first page.');
    after = { id: BigInt(filters.cursor), rank: SEVERITIES.indexOf(found[0]!.severity) };
  }
  const wanted = SEVERITIES.filter((s, rank) => (filters.severity.length === 0 || filters.severity.includes(s)) && (!after || rank >= after.rank));
  const statuses = filters.status === 'all' ? FINDING_STATUSES : [filters.status];
  const take = filters.limit + 1;
  const branches = wanted.flatMap((severity) =>
    statuses.map((status) => {
      const keyset = after && SEVERITIES.indexOf(severity) === after.rank ? Prisma.sql`AND f.id < ${after.id}` : Prisma.empty;
      return Prisma.sql`(SELECT f.id, f.severity FROM findings f
        WHERE ${Prisma.join(common, ' AND ')} AND f.status = ${status}::"FindingStatus" AND f.severity = ${severity}::"Severity" ${keyset}
        ORDER BY f.id DESC LIMIT ${take})`;
    }),
  );
  const [ids, total, searchIndexed] = await Promise.all([
    branches.length
      ? db.$queryRaw<{ id: bigint }[]>`SELECT id FROM (${Prisma.join(branches, ' UNION ALL ')}) page ORDER BY severity, id DESC LIMIT ${take}`
      : Promise.resolve([]),
    countFindings(viewer, filters, db),
    filters.q ? isSearchIndexed(db) : Promise.resolve(null),
  ]);
  const pageIds = ids.slice(0, filters.limit).map((r) => r.id);
  const rows = pageIds.length ? await db.finding.findMany({ where: { id: { in: pageIds } }, select: listSelect }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageIds.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => r !== undefined);
  const [images, sourceSeen] = await Promise.all([imageNames(db, page.map((r) => r.imageDigest)), readSourceSeen(db)]);
  return {
    items: page.map((r) => ({
      ...r,
      image: r.imageDigest ? (images.get(r.imageDigest) ?? null) : null,
      id: r.id.toString(),
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: lastSeenOf(r, sourceSeen).toISOString(),
    })),
    nextCursor: ids.length > filters.limit ? pageIds[pageIds.length - 1]!.toString() : null,
    ...total,
    searchIndexed,
  };
}

/** The migration creates the trigram index only where pg_trgm could be created; the page says when it is missing. */
async function isSearchIndexed(db: PrismaClient): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'findings_search_trgm_idx'`;
  return (rows[0]?.n ?? 0) > 0;
}

/** Exact from the summaries unless there is a text search; then a count that stops at TOTAL_CAP + 1 matches. */
async function countFindings(viewer: Viewer, f: FindingFilters, db: PrismaClient): Promise<{ total: number; totalIsLowerBound: boolean }> {
  if (!f.q) {
    const rows = await db.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(sum(s.n), 0)::int AS n
      ${summarySource(viewer, {
        clusterId: f.cluster, status: f.status === 'all' ? undefined : f.status, severity: f.severity,
        stage: f.stage, source: f.source, control: f.control,
      })}`;
    return { total: rows[0]?.n ?? 0, totalIsLowerBound: false };
  }
  const conditions = conditionsFor(viewer, f);
  if (f.status !== 'all') conditions.push(Prisma.sql`f.status = ${f.status}::"FindingStatus"`);
  if (f.severity.length) conditions.push(Prisma.sql`f.severity = ANY(${f.severity}::"Severity"[])`);
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM findings f WHERE ${Prisma.join(conditions, ' AND ')} LIMIT ${TOTAL_CAP + 1}) capped`;
  const n = rows[0]?.n ?? 0;
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false };
}

/** Digest → "repository:tag" for display; one query per page. */
async function imageNames(db: PrismaClient, digests: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(digests.filter((d): d is string => d !== null))];
  if (wanted.length === 0) return new Map();
  const images = await db.image.findMany({ where: { digest: { in: wanted } }, select: { digest: true, repository: true, tags: true } });
  return new Map(images.filter((i) => i.repository).map((i) => [i.digest, i.tags[0] ? `${i.repository}:${i.tags[0]}` : i.repository]));
}

export interface FindingDetail extends FindingListItem {
  description: string | null;
  remediation: string | null;
  resourceType: string | null;
  subscriptionId: string | null;
  resolvedAt: string | null;
  sourceUpdatedAt: string | null;
  raw: unknown;
  /** For image vulnerabilities: where the image runs. */
  runningIn: { clusterId: string; clusterName: string; namespace: string; kind: string; name: string }[];
}

export async function getFinding(viewer: Viewer, id: string, db: PrismaClient = getPrisma()): Promise<FindingDetail> {
  const row = await db.finding.findFirst({
    where: { AND: [{ id: BigInt(id) }, await findingScopeWithImages(viewer, db)] },
    select: {
      ...listSelect,
      description: true,
      remediation: true,
      resourceType: true,
      subscriptionId: true,
      resolvedAt: true,
      sourceUpdatedAt: true,
      raw: true,
    },
  });
  if (!row) throw notFound('That finding');
  const runningIn = row.imageDigest
    ? await db.workload.findMany({
        where: {
          imageDigest: row.imageDigest,
          cluster: clusterScope(viewer),
        },
        select: { namespace: true, kind: true, name: true, cluster: { select: { id: true, name: true } } },
        orderBy: [{ clusterId: 'asc' }, { namespace: 'asc' }, { name: 'asc' }],
        take: 200,
      })
    : [];
  const image = (await imageNames(db, [row.imageDigest])).get(row.imageDigest ?? '') ?? null;
  const [sourceSeen, raw] = await Promise.all([readSourceSeen(db), expandRawParts(db, row.raw)]);
  return {
    ...row,
    image,
    id: row.id.toString(),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: lastSeenOf(row, sourceSeen).toISOString(),
    raw,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    sourceUpdatedAt: row.sourceUpdatedAt?.toISOString() ?? null,
    runningIn: runningIn.map((w) => ({ clusterId: w.cluster.id, clusterName: w.cluster.name, namespace: w.namespace, kind: w.kind, name: w.name })),
  };
}

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
import { expandStoredFinding } from './raw-parts';
import { clusterScope, findingScopeArmsSql, findingScopeSql, findingScopeWithImages, notFound } from './scope';

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

/** The list's filters but scope; severity and status are added per branch. */
function filterConditions(f: FindingFilters): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
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

/** `AND`-joined, TRUE when there are none. */
const allOf = (c: Prisma.Sql[]): Prisma.Sql => (c.length ? Prisma.join(c, ' AND ') : Prisma.sql`TRUE`);

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
 * Most severe first, newest first within a severity, paged by keyset at any depth: a UNION ALL of branches that
 * each read an index range in that order and stop after a page (estateBranches, scopedBranches), merged. The
 * cursor is a finding id; its severity says which branches are behind us.
 */
export async function listFindings(viewer: Viewer, filters: FindingFilters, db: PrismaClient = getPrisma()): Promise<FindingPage> {
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
  const segments = viewer.scope.kind === 'all'
    ? [estateBranches(filters, wanted, statuses, after, take)]
    : scopedSegments(viewer, filters, wanted, statuses, after, take);
  const [ids, total, searchIndexed] = await Promise.all([
    pageIds(db, segments, take),
    countFindings(viewer, filters, db),
    filters.q ? isSearchIndexed(db) : Promise.resolve(null),
  ]);
  const shown = ids.slice(0, filters.limit);
  const rows = shown.length ? await db.finding.findMany({ where: { id: { in: shown } }, select: listSelect }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = shown.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => r !== undefined);
  const [images, sourceSeen] = await Promise.all([imageNames(db, page.map((r) => r.imageDigest)), readSourceSeen(db)]);
  return {
    items: page.map((r) => ({
      ...r,
      image: r.imageDigest ? (images.get(r.imageDigest) ?? null) : null,
      id: r.id.toString(),
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: lastSeenOf(r, sourceSeen).toISOString(),
    })),
    nextCursor: ids.length > filters.limit ? shown[shown.length - 1]!.toString() : null,
    ...total,
    searchIndexed,
  };
}

type After = { id: bigint; rank: number } | null;

/**
 * The whole estate: one branch per (severity, status) asked for, each `ORDER BY id DESC LIMIT n` on an index that
 * leads with a filter column and continues (status, severity, id DESC) — a range scan that starts at the cursor.
 */
function estateBranches(f: FindingFilters, wanted: readonly Severity[], statuses: readonly FindingStatus[], after: After, take: number): Prisma.Sql[] {
  const where = allOf(filterConditions(f));
  return wanted.flatMap((severity) =>
    statuses.map((status) => {
      const keyset = after && SEVERITIES.indexOf(severity) === after.rank ? Prisma.sql`AND f.id < ${after.id}` : Prisma.empty;
      return Prisma.sql`(SELECT f.id, f.severity FROM findings f
        WHERE ${where} AND f.status = ${status}::"FindingStatus" AND f.severity = ${severity}::"Severity" ${keyset}
        ORDER BY f.id DESC LIMIT ${take})`;
    }),
  );
}

/**
 * The first `take` ids of the list. Each segment is a set of branches merged in one statement; every row of a
 * segment sorts before every row of the next, so the next is read only when the page is not yet full.
 */
async function pageIds(db: PrismaClient, segments: Prisma.Sql[][], take: number): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const branches of segments) {
    if (ids.length >= take || branches.length === 0) continue;
    const rows = await db.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM (${Prisma.join(branches, ' UNION ALL ')}) page ORDER BY severity, id DESC LIMIT ${take - ids.length}`;
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/**
 * A limited viewer: per status, the scope's arms (findingScopeArmsSql) — per cluster and per subscription an
 * ordered range of (cluster_id | subscription_id, status, severity, id DESC) that stops after a page. After a
 * cursor, two segments: the rest of the cursor's severity (`id < cursor`, an index condition, so a deep page starts
 * where the last one ended), then the less severe ones, read only if the page is not full yet.
 */
function scopedSegments(viewer: Viewer, f: FindingFilters, wanted: readonly Severity[], statuses: readonly FindingStatus[], after: After, take: number): Prisma.Sql[][] {
  const where = allOf(filterConditions(f));
  // Every severity is no condition at all: stated anyway, the planner may AND in a bitmap of the whole table.
  const severityIn = (severities: readonly Severity[]) =>
    severities.length === SEVERITIES.length ? Prisma.empty : Prisma.sql`AND f.severity = ANY(${[...severities]}::"Severity"[])`;
  const segment = (severities: readonly Severity[], keyset: Prisma.Sql) =>
    severities.length === 0 ? [] : statuses.map((status) => Prisma.sql`(SELECT id, severity FROM (${findingScopeArmsSql(viewer, (arm) => pageOf(Prisma.sql`
      SELECT f.id, f.severity FROM findings f
       WHERE ${arm} AND ${where} AND f.status = ${status}::"FindingStatus" ${severityIn(severities)} ${keyset}`, take, Boolean(f.q)),
    { perKey: !f.q })}) arms)`);
  if (!after) return [segment(wanted, Prisma.empty)];
  const current = SEVERITIES[after.rank]!;
  return [segment([current], Prisma.sql`AND f.id < ${after.id}`), segment(wanted.filter((s) => s !== current), Prisma.empty)];
}

/**
 * The first `take` rows of `rows` in list order. With a text search the trigram bitmap (ANDed with the scope's) is
 * the way in: the matches are gathered first (MATERIALIZED) and sorted, because a LIMIT pushed down would have the
 * planner walk an index in list order and filter every row by the pattern.
 */
function pageOf(rows: Prisma.Sql, take: number, gatherFirst: boolean): Prisma.Sql {
  return gatherFirst
    ? Prisma.sql`WITH hits AS MATERIALIZED (${rows}) SELECT id, severity FROM hits ORDER BY severity, id DESC LIMIT ${take}`
    : Prisma.sql`${rows} ORDER BY f.severity, f.id DESC LIMIT ${take}`;
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
  const conditions = filterConditions(f);
  if (f.status !== 'all') conditions.push(Prisma.sql`f.status = ${f.status}::"FindingStatus"`);
  if (f.severity.length) conditions.push(Prisma.sql`f.severity = ANY(${f.severity}::"Severity"[])`);
  const where = allOf(conditions);
  const matches = findingScopeArmsSql(viewer, (arm) => Prisma.sql`SELECT 1 FROM findings f WHERE ${arm} AND ${where} LIMIT ${TOTAL_CAP + 1}`, { perKey: false });
  const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM (${matches}) arms LIMIT ${TOTAL_CAP + 1}) capped`;
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
  const [sourceSeen, stored] = await Promise.all([readSourceSeen(db), expandStoredFinding(db, row)]);
  return {
    ...row,
    ...stored,
    image,
    id: row.id.toString(),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: lastSeenOf(row, sourceSeen).toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    sourceUpdatedAt: row.sourceUpdatedAt?.toISOString() ?? null,
    runningIn: runningIn.map((w) => ({ clusterId: w.cluster.id, clusterName: w.cluster.name, namespace: w.namespace, kind: w.kind, name: w.name })),
  };
}

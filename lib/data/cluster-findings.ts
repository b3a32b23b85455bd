import 'server-only';
// Findings with the list filters, as one SQL query the cluster page's table and the CSV export share, so an export
// holds exactly the rows the table shows. Scope comes from the one helper (findingScopeArmsSql). Keyset paging on
// (severity, id) — the order of the findings indexes — keeps every page and every export batch an index range,
// never an OFFSET; the export reads the same query through a server-side cursor, in constant memory.
import type pg from 'pg';
import Cursor from 'pg-cursor';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { getPgPool } from '../db/pg-pool';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { SEVERITIES, type FindingKind, type FindingStatus, type Severity, type Stage } from '../domain/model';
import type { FindingFilters } from '../validation/findings';
import { findingScopeArmsSql } from './scope';
import { lastSeenSql } from './last-seen';

export interface FindingQuery extends Omit<FindingFilters, 'limit' | 'cursor'> {
  /**
   * The cluster page's view of a cluster: its own findings plus the registry-scan CVEs of the images it runs (those
   * carry the registry, not the cluster). Without it, `cluster` matches the cluster's own findings, as the list does.
   */
  includeRunningImages?: boolean;
}

export interface FindingRowDto {
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
  clusterName: string | null;
  image: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** `<severity rank>:<id>` of the last row of a page. */
export type FindingCursor = string;

/** The filters but scope and cluster, as conditions on `findings f`. */
function filterSql(q: FindingQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.status !== 'all') parts.push(Prisma.sql`f.status = ${q.status}::"FindingStatus"`);
  if (q.severity.length) parts.push(Prisma.sql`f.severity = ANY(${q.severity}::"Severity"[])`);
  if (q.stage) parts.push(Prisma.sql`f.stage = ${q.stage}::"Stage"`);
  if (q.source) parts.push(Prisma.sql`f.source = ${q.source}`);
  if (q.control) parts.push(Prisma.sql`f.control_id = ${q.control}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(f.title ILIKE ${like} OR f.rule_id ILIKE ${like} OR f.resource_id LIKE ${like.toLowerCase()})`);
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * The rows the query selects, as a UNION ALL of parts that each read their own index range: the scope's arms
 * (findingScopeArmsSql) and, for the cluster page's view, the cluster's own findings and the registry CVEs of the
 * images it runs as two parts (as one OR, the planner walked the whole open list in order: 3 s at a million
 * findings). `select(where)` turns one part's condition into a SELECT over `findings f`.
 */
export function matchingFindingsSql(viewer: Viewer, q: FindingQuery, select: (where: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const filters = filterSql(q);
  const views: Prisma.Sql[] = !q.cluster
    ? [Prisma.sql`TRUE`]
    : q.includeRunningImages
      ? [Prisma.sql`f.cluster_id = ${q.cluster}`,
         // ARRAY(…): the digests as one value findings_registry_digest_idx takes as `= ANY`; as a semi-join the planner
         // guessed thousands of matches and walked every registry CVE in list order instead (1.8 s).
         Prisma.sql`f.cluster_id IS NULL AND f.image_digest = ANY(ARRAY(SELECT w.image_digest FROM workloads w WHERE w.cluster_id = ${q.cluster}))`]
      : [Prisma.sql`f.cluster_id = ${q.cluster}`];
  // Per cluster of the scope only when nothing narrower leads: a cluster filter or a text search does.
  return findingScopeArmsSql(
    viewer,
    (arm) => Prisma.join(views.map((view) => Prisma.sql`(${select(Prisma.sql`${arm} AND ${view} AND ${filters}`)})`), ' UNION ALL '),
    { perKey: !q.cluster && !q.q },
  );
}

const severityRank = Prisma.sql`array_position(${[...SEVERITIES]}::text[], f.severity::text)`;

function cursorSql(cursor: FindingCursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const [rank, id] = cursor.split(':');
  const severity = SEVERITIES[Number(rank) - 1] ?? 'informational';
  // Most severe first, newest id first within a severity (the list's order). Comparing the enum itself (declared
  // most severe first) keeps the predicate on the (cluster_id, status, severity) index; a computed rank would not.
  return Prisma.sql`AND (f.severity > ${severity}::"Severity" OR (f.severity = ${severity}::"Severity" AND f.id < ${BigInt(id ?? '0')}))`;
}

export function parseFindingCursor(value: string | undefined): FindingCursor | undefined {
  return value && /^[1-5]:\d{1,19}$/.test(value) ? value : undefined;
}

interface RawRow {
  /** bigint through Prisma, text through node-postgres. */
  id: bigint | string;
  rank: number;
  title: string;
  severity: Severity;
  status: FindingStatus;
  source: string;
  kind: FindingKind;
  stage: Stage;
  control_id: string;
  rule_id: string;
  resource_id: string;
  cluster_name: string | null;
  repository: string | null;
  tag: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
}

function selectSql(viewer: Viewer, q: FindingQuery, cursor: FindingCursor | undefined, limit: number): Prisma.Sql {
  const rows = matchingFindingsSql(viewer, q, (where) => Prisma.sql`
    SELECT f.id, f.title, f.severity, f.status, f.source, f.kind, f.stage, f.control_id, f.rule_id, f.resource_id, f.cluster_id,
           f.image_digest, f.first_seen_at, f.last_seen_at
      FROM findings f WHERE ${where} ${cursorSql(cursor)} ORDER BY f.severity, f.id DESC LIMIT ${limit}`);
  return Prisma.sql`
    SELECT f.id, ${severityRank}::int AS rank, f.title, f.severity::text AS severity, f.status::text AS status, f.source, f.kind::text AS kind,
           f.stage::text AS stage, f.control_id, f.rule_id, f.resource_id, c.name AS cluster_name, i.repository, i.tags[1] AS tag,
           f.first_seen_at, ${lastSeenSql} AS last_seen_at
      FROM (${rows}) f
      LEFT JOIN clusters c ON c.id = f.cluster_id
      LEFT JOIN images i ON i.digest = f.image_digest
     ORDER BY f.severity, f.id DESC
     LIMIT ${limit}`;
}

async function page(db: PrismaClient, viewer: Viewer, q: FindingQuery, cursor: FindingCursor | undefined, limit: number): Promise<RawRow[]> {
  return db.$queryRaw<RawRow[]>(selectSql(viewer, q, cursor, limit));
}

const toDto = (r: RawRow): FindingRowDto => ({
  id: String(r.id),
  title: r.title,
  severity: r.severity,
  status: r.status,
  source: r.source,
  kind: r.kind,
  stage: r.stage,
  controlId: r.control_id,
  ruleId: r.rule_id,
  resourceId: r.resource_id,
  clusterName: r.cluster_name,
  image: r.repository ? (r.tag ? `${r.repository}:${r.tag}` : r.repository) : null,
  firstSeenAt: r.first_seen_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
});

export interface FindingRowsPage {
  items: FindingRowDto[];
  nextCursor: FindingCursor | null;
}

export async function listFindingRows(
  viewer: Viewer,
  q: FindingQuery,
  options: { cursor?: FindingCursor; limit: number },
  db: PrismaClient = getPrisma(),
): Promise<FindingRowsPage> {
  const rows = await page(db, viewer, q, options.cursor, options.limit + 1);
  const shown = rows.slice(0, options.limit);
  const last = shown.at(-1);
  return { items: shown.map(toDto), nextCursor: rows.length > options.limit && last ? `${last.rank}:${last.id}` : null };
}

/**
 * How many rows the filters select. Only called with a cluster filter (the cluster page), where the count is an
 * index range over one cluster, never the whole table.
 */
export async function countFindingRows(viewer: Viewer, q: FindingQuery & { cluster: string }, db: PrismaClient = getPrisma()): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${matchingFindingsSql(viewer, q, (where) => Prisma.sql`SELECT 1 FROM findings f WHERE ${where}`)}) m`;
  return rows[0]?.n ?? 0;
}

/**
 * Every row the filters select, in table order, for the CSV export: one query on a server-side cursor (one scan and
 * one sort, however many rows), read `batch` rows at a time, so memory stays one batch whatever the total. The
 * cursor holds one pooled connection until the export ends or is cancelled.
 */
export async function* iterateFindingRows(
  viewer: Viewer,
  q: FindingQuery,
  options: { batch?: number; max?: number } = {},
  pool: pg.Pool = getPgPool(),
): AsyncGenerator<FindingRowDto> {
  const batch = options.batch ?? 1000;
  const max = options.max ?? 1_000_000;
  const query = selectSql(viewer, q, undefined, max);
  const client = await pool.connect();
  // pg cannot bind a BigInt; ids travel as text.
  const cursor = client.query(new Cursor<RawRow>(query.text, query.values.map((v) => (typeof v === 'bigint' ? v.toString() : v))));
  try {
    for (;;) {
      const rows = await cursor.read(batch);
      for (const r of rows) yield toDto(r);
      if (rows.length < batch) return;
    }
  } finally {
    await cursor.close();
    client.release();
  }
}

export const FINDING_CSV_COLUMNS = [
  'id', 'severity', 'status', 'stage', 'controlId', 'source', 'kind', 'title', 'ruleId', 'resourceId', 'clusterName', 'image', 'firstSeenAt', 'lastSeenAt',
] as const satisfies readonly (keyof FindingRowDto)[];

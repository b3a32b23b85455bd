import 'server-only';
// The triage queue and its items, always within the viewer's scope (the one scope helper, applied to the queue
// table aliased `f`). The queue reads triage_items — small, kept current by the sync — and pages by keyset on the
// index that matches its sort (severity, SLA due, detection, id); it never counts or scans the findings table.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { FindingKind, Severity } from '../domain/model';
import type { TriageStatus } from '../domain/triage-status';
import { slaStateOf, type SlaState } from '../triage/sla';
import { writeBackStatusOf, type WriteBackStatus } from '../triage/write-back-status';
import { getEnv } from '../env';
import { TRIAGE_AGE_FILTERS, type TriageFilters } from '../validation/triage';
import { clusterScope, triageScopeSql, notFound } from './scope';
import { expandStoredFinding } from './raw-parts';

export interface TriageQueueItem {
  id: string;
  source: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  /** What the queue shows: an accepted risk past its expiry is `new` again. */
  status: TriageStatus;
  acceptanceExpired: boolean;
  owner: { id: string; name: string | null } | null;
  cluster: { id: string; name: string } | null;
  team: string | null;
  target: { kind: string; name: string | null } | null;
  detectedAt: string;
  dueAt: string;
  sla: SlaState;
  acceptedUntil: string | null;
  reopenedAt: string | null;
  sourceOpen: boolean;
  /** Alerts folded under this incident. */
  alertCount: number;
  version: number;
  /** Whether the change went back to Defender/Sentinel, is waiting, failed (and when it retries), or stays local. */
  writeBack: WriteBackStatus;
}

export interface TriageQueuePage {
  items: TriageQueueItem[];
  nextCursor: string | null;
  /** When the page was read; the client compares it with the next refresh. */
  readAt: string;
}

const ACTIVE = Prisma.sql`('new', 'acknowledged', 'in_progress')`;

/** An item is active when its stored status is, or when its risk acceptance has expired (reopening is due). */
const activeSql = (now: Date) => Prisma.sql`(f.status IN ${ACTIVE} OR (f.status = 'risk_accepted' AND f.accepted_until <= ${now}))`;

function statusSql(status: TriageFilters['status'], now: Date): Prisma.Sql {
  switch (status) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'active':
      return activeSql(now);
    case 'closed':
      return Prisma.sql`f.status IN ('resolved', 'false_positive')`;
    case 'accepted':
    case 'risk_accepted':
      return Prisma.sql`(f.status = 'risk_accepted' AND f.accepted_until > ${now})`;
    case 'new':
      return Prisma.sql`(f.status = 'new' OR (f.status = 'risk_accepted' AND f.accepted_until <= ${now}))`;
    default:
      return Prisma.sql`f.status = ${status}::"TriageStatus"`;
  }
}

interface Cursor {
  r: number;
  d: number;
  t: number;
  i: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.r === 'number' && typeof c.d === 'number' && typeof c.t === 'number' && typeof c.i === 'string' && /^\d{1,19}$/.test(c.i)) {
      return c as Cursor;
    }
  } catch {
    // fall through
  }
  return null;
}

function whereFor(viewer: Viewer, f: TriageFilters, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [triageScopeSql(viewer), Prisma.sql`f.parent_id IS NULL`, statusSql(f.status, now)];
  if (f.source) parts.push(Prisma.sql`f.source = ${f.source}`);
  if (f.severity.length) parts.push(Prisma.sql`f.severity::text = ANY(${f.severity}::text[])`);
  if (f.cluster) parts.push(Prisma.sql`f.cluster_id = ${f.cluster}`);
  if (f.team) parts.push(Prisma.sql`f.team = ${f.team}`);
  if (f.owner) parts.push(Prisma.sql`f.owner_id = ${f.owner}`);
  if (f.mine) parts.push(Prisma.sql`f.owner_id = ${viewer.id}`);
  if (f.unassigned) parts.push(Prisma.sql`f.owner_id IS NULL`);
  if (f.breaching) parts.push(Prisma.sql`(${activeSql(now)} AND f.due_at < ${now})`);
  if (f.age) parts.push(Prisma.sql`f.detected_at >= ${new Date(now.getTime() - TRIAGE_AGE_FILTERS[f.age] * 86_400_000)}`);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (c) parts.push(Prisma.sql`(f.severity_rank, f.due_at, f.detected_at, f.finding_id) > (${c.r}, ${new Date(c.d)}, ${new Date(c.t)}, ${BigInt(c.i)})`);
  }
  return Prisma.join(parts, ' AND ');
}

interface QueueRow {
  finding_id: bigint;
  source: string;
  kind: FindingKind;
  severity: Severity;
  severity_rank: number;
  title: string;
  status: TriageStatus;
  owner_id: string | null;
  owner_name: string | null;
  cluster_id: string | null;
  cluster_name: string | null;
  team: string | null;
  target_kind: string | null;
  target_name: string | null;
  detected_at: Date;
  due_at: Date;
  accepted_until: Date | null;
  reopened_at: Date | null;
  source_open: boolean;
  alert_count: number;
  version: number;
  write_back: unknown;
}

const queueColumns = Prisma.sql`
  f.finding_id, f.source, f.kind, f.severity, f.severity_rank, f.title, f.status, f.owner_id, f.owner_name, f.cluster_id,
  c.name AS cluster_name, f.team,
  -- Findings without alert evidence (image vulnerabilities) name the image or registry they hit.
  COALESCE(e.target_kind, CASE WHEN im.repository <> '' THEN 'image' WHEN rg.id IS NOT NULL THEN 'registry' END) AS target_kind,
  COALESCE(e.target_name, NULLIF(im.repository, '') || COALESCE(':' || im.tags[1], ''), rg.name) AS target_name,
  f.detected_at, f.due_at, f.accepted_until, f.reopened_at,
  f.source_open, f.version,
  (SELECT count(*)::int FROM triage_items ch WHERE ch.parent_id = f.finding_id) AS alert_count,
  -- The write-back row that matters most: one still waiting or failed, else the latest; a given-up one until a
  -- later one was sent. Per page row, on the outbox's (finding_id, id) index.
  (SELECT json_build_object('state', o.state, 'attempts', o.attempts, 'nextAttemptAt', o.next_attempt_at, 'lastError', o.last_error,
                            'lastStatus', o.last_status, 'sentAt', o.sent_at)
     FROM outbox o
    WHERE o.finding_id = f.finding_id
      AND NOT (o.state = 'given_up' AND EXISTS (SELECT 1 FROM outbox s WHERE s.finding_id = o.finding_id AND s.state = 'sent' AND s.id > o.id))
    ORDER BY CASE o.state WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 WHEN 'given_up' THEN 2 ELSE 3 END, o.id DESC
    LIMIT 1) AS write_back`;

// Joins by primary key for the page's rows only (the LIMIT applies first on the queue's own index).
const queueFrom = Prisma.sql`triage_items f LEFT JOIN clusters c ON c.id = f.cluster_id LEFT JOIN security_events e ON e.finding_id = f.finding_id
  LEFT JOIN findings fd ON fd.id = f.finding_id LEFT JOIN images im ON im.digest = fd.image_digest LEFT JOIN registries rg ON rg.id = fd.registry_id`;

export function toQueueItem(r: QueueRow, now: Date, writeBackEnabled = getEnv().TRIAGE_WRITE_BACK): TriageQueueItem {
  const expired = r.status === 'risk_accepted' && r.accepted_until !== null && r.accepted_until <= now;
  const status: TriageStatus = expired ? 'new' : r.status;
  return {
    id: r.finding_id.toString(),
    source: r.source,
    kind: r.kind,
    severity: r.severity,
    title: r.title,
    status,
    acceptanceExpired: expired,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name } : null,
    cluster: r.cluster_id && r.cluster_name ? { id: r.cluster_id, name: r.cluster_name } : null,
    team: r.team,
    target: r.target_kind ? { kind: r.target_kind, name: r.target_name } : null,
    detectedAt: r.detected_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    sla: slaStateOf({ dueAt: r.due_at, detectedAt: r.detected_at, active: ['new', 'acknowledged', 'in_progress'].includes(status) }, now),
    acceptedUntil: r.accepted_until?.toISOString() ?? null,
    reopenedAt: r.reopened_at?.toISOString() ?? null,
    sourceOpen: r.source_open,
    alertCount: r.alert_count,
    version: r.version,
    writeBack: writeBackStatusOf(r.source, writeBackEnabled, r.write_back),
  };
}

export async function listTriageQueue(viewer: Viewer, filters: TriageFilters, db: PrismaClient = getPrisma(), now = new Date()): Promise<TriageQueuePage> {
  const rows = await db.$queryRaw<QueueRow[]>`
    SELECT ${queueColumns} FROM ${queueFrom}
     WHERE ${whereFor(viewer, filters, now)}
     ORDER BY f.severity_rank, f.due_at, f.detected_at, f.finding_id
     LIMIT ${filters.limit + 1}`;
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toQueueItem(r, now)),
    nextCursor: rows.length > filters.limit && last ? encodeCursor({ r: last.severity_rank, d: last.due_at.getTime(), t: last.detected_at.getTime(), i: last.finding_id.toString() }) : null,
    readAt: now.toISOString(),
  };
}

/** One queue row by id within scope (the action handlers return it so the client cache takes the server's truth). */
export async function getTriageQueueItem(viewer: Viewer, id: string, db: PrismaClient = getPrisma(), now = new Date()): Promise<TriageQueueItem> {
  const rows = await db.$queryRaw<QueueRow[]>`
    SELECT ${queueColumns} FROM ${queueFrom} WHERE f.finding_id = ${BigInt(id)} AND ${triageScopeSql(viewer)}`;
  const row = rows[0];
  if (!row) throw notFound('That triage item');
  return toQueueItem(row, now);
}

export interface TriageAttention {
  active: number;
  breaching: number;
  critical: number;
}

/**
 * What needs attention, for the landing page: open queue items, SLA breaches and critical ones, in scope. Counts the
 * queue table (thousands of rows at most, top-level items only) — never the findings table.
 */
export async function getTriageAttention(viewer: Viewer, db: PrismaClient = getPrisma(), now = new Date()): Promise<TriageAttention> {
  const rows = await db.$queryRaw<{ active: number; breaching: number; critical: number }[]>`
    SELECT count(*)::int AS active, count(*) FILTER (WHERE f.due_at < ${now})::int AS breaching,
           count(*) FILTER (WHERE f.severity = 'critical')::int AS critical
      FROM triage_items f WHERE ${triageScopeSql(viewer)} AND f.parent_id IS NULL AND ${activeSql(now)}`;
  return rows[0] ?? { active: 0, breaching: 0, critical: 0 };
}

/** A cluster's open alerts and incidents (and new critical/high findings), most urgent first, for its page. */
export async function listClusterTriage(viewer: Viewer, clusterId: string, db: PrismaClient = getPrisma(), now = new Date()): Promise<TriageQueueItem[]> {
  const rows = await db.$queryRaw<QueueRow[]>`
    SELECT ${queueColumns} FROM ${queueFrom}
     WHERE ${triageScopeSql(viewer)} AND f.cluster_id = ${clusterId} AND f.parent_id IS NULL AND ${activeSql(now)}
     ORDER BY f.severity_rank, f.due_at, f.detected_at, f.finding_id LIMIT 20`;
  return rows.map((r) => toQueueItem(r, now));
}

export interface TriageHistoryEntry {
  id: string;
  at: string;
  actor: string;
  kind: string;
  from: string | null;
  to: string | null;
  comment: string | null;
}

export interface TriageItemDetail extends TriageQueueItem {
  description: string | null;
  remediation: string | null;
  ruleId: string;
  resourceId: string;
  controlId: string;
  justification: string | null;
  raw: unknown;
  evidence: {
    systemAlertId: string | null;
    tactics: string[];
    techniques: string[];
    entities: unknown[];
    remediationSteps: string[];
    portalUrl: string | null;
    productName: string | null;
    compromisedEntity: string | null;
    sourceStatus: string | null;
    sourceOwner: string | null;
    classification: string | null;
    classificationReason: string | null;
    incidentNumber: number | null;
    commentCount: number | null;
  } | null;
  related: { id: string; title: string; severity: Severity; status: TriageStatus; relation: 'alert' | 'incident' }[];
  history: TriageHistoryEntry[];
}

export async function getTriageItem(viewer: Viewer, id: string, db: PrismaClient = getPrisma(), now = new Date()): Promise<TriageItemDetail> {
  const item = await getTriageQueueItem(viewer, id, db, now);
  const findingId = BigInt(id);
  const [finding, event, related, history, justification] = await Promise.all([
    db.finding.findUnique({ where: { id: findingId }, select: { kind: true, description: true, remediation: true, ruleId: true, resourceId: true, controlId: true, raw: true } }),
    db.securityEvent.findUnique({ where: { findingId } }),
    // Related: the alerts an incident contains, or the incident an alert belongs to — both within scope.
    db.$queryRaw<{ finding_id: bigint; title: string; severity: Severity; status: TriageStatus; relation: 'alert' | 'incident' }[]>`
      SELECT f.finding_id, f.title, f.severity, f.status, 'alert' AS relation FROM triage_items f WHERE f.parent_id = ${findingId} AND ${triageScopeSql(viewer)}
      UNION ALL
      SELECT f.finding_id, f.title, f.severity, f.status, 'incident' AS relation FROM triage_items f
       WHERE f.finding_id = (SELECT parent_id FROM triage_items WHERE finding_id = ${findingId}) AND ${triageScopeSql(viewer)}`,
    db.triageEvent.findMany({ where: { findingId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 200 }),
    db.triageItem.findUnique({ where: { findingId }, select: { justification: true } }),
  ]);
  if (!finding) throw notFound('That triage item');
  const stored = await expandStoredFinding(db, finding);
  return {
    ...item,
    description: stored.description,
    remediation: stored.remediation,
    ruleId: finding.ruleId,
    resourceId: finding.resourceId,
    controlId: finding.controlId,
    justification: justification?.justification ?? null,
    raw: stored.raw,
    evidence: event
      ? {
          systemAlertId: event.systemAlertId,
          tactics: event.tactics,
          techniques: event.techniques,
          entities: Array.isArray(event.entities) ? (event.entities as unknown[]) : [],
          remediationSteps: event.remediationSteps,
          portalUrl: event.portalUrl,
          productName: event.productName,
          compromisedEntity: event.compromisedEntity,
          sourceStatus: event.sourceStatus,
          sourceOwner: event.sourceOwner,
          classification: event.classification,
          classificationReason: event.classificationReason,
          incidentNumber: event.incidentNumber,
          commentCount: event.commentCount,
        }
      : null,
    related: related.map((r) => ({ id: r.finding_id.toString(), title: r.title, severity: r.severity, status: r.status, relation: r.relation })),
    history: history.map((h) => ({ id: h.id.toString(), at: h.at.toISOString(), actor: h.actorName ?? h.actorId, kind: h.kind, from: h.fromValue, to: h.toValue, comment: h.comment })),
  };
}

/** People an item can be assigned to: whoever signed in to the app recently, and the current owners. */
export async function listAssignees(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<{ id: string; name: string }[]> {
  const rows = await db.$queryRaw<{ id: string; name: string | null }[]>`
    SELECT id, name FROM (
      SELECT DISTINCT ON (actor_id) actor_id AS id, actor_name AS name FROM audit_log
       WHERE action = 'auth.sign_in' AND outcome = 'success' AND at > now() - interval '90 days' ORDER BY actor_id, at DESC
    ) people
    UNION
    SELECT DISTINCT owner_id, owner_name FROM triage_items WHERE owner_id IS NOT NULL
    LIMIT 500`;
  const byId = new Map<string, string>([[viewer.id, viewer.name]]);
  for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r.name ?? r.id);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Clusters and teams in scope, for the queue's filter menus. */
export async function listTriageFilterOptions(viewer: Viewer, db: PrismaClient = getPrisma()): Promise<{ clusters: { id: string; name: string }[]; teams: string[] }> {
  const clusters = await db.cluster.findMany({ where: clusterScope(viewer), select: { id: true, name: true, team: true }, orderBy: { name: 'asc' } });
  const teams = [...new Set(clusters.map((c) => c.team).filter((t): t is string => t !== null))].sort();
  return { clusters: clusters.map(({ id, name }) => ({ id, name })), teams };
}

import 'server-only';
// "What changed" in one week, for the trends page and the weekly digest (issue 12): new critical and high findings,
// the ones fixed, SLAs that fell due and are still open, and secure score moves per subscription. Every line names the
// record behind it (id and app path). Each section reads an index range (findings by severity × first_seen_at or
// × resolved_at, triage_items by due_at, secure_score_history by subscription × control × day), never the findings
// table as a whole, and every query applies the viewer's scope inside its WHERE.
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { FindingStatus, Severity } from '../domain/model';
import { clusterScopeSql, findingScopeSql, notFound, runningImagesSql, triageScopeSql } from './scope';

export const WHAT_CHANGED_SEVERITIES = ['critical', 'high'] as const satisfies readonly Severity[];
/** Lines per section; the totals still count every one (a range count on the same index). */
export const WHAT_CHANGED_LINE_LIMIT = 100;
const DAY_MS = 86_400_000;

export interface WhatChangedInput {
  /** Any instant of the week's first day; the week is that UTC day and the six after it. */
  weekStart: Date;
  team?: string;
  clusterId?: string;
  /** Lines per section (default WHAT_CHANGED_LINE_LIMIT). */
  limit?: number;
  /** The clock, for "still open" and "has breached" (tests pass a fixed one). */
  now?: Date;
}

export interface ChangedFinding {
  id: string;
  /** App path of the finding, e.g. /findings/42 (the digest prefixes its base URL). */
  path: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  source: string;
  clusterId: string | null;
  clusterName: string | null;
  team: string | null;
  /** First seen (new) or resolved (fixed), ISO. */
  at: string;
}

export interface NewBreach {
  id: string;
  /** App path of the triage item, e.g. /triage/42. */
  path: string;
  title: string;
  severity: Severity;
  status: string;
  clusterId: string | null;
  clusterName: string | null;
  team: string | null;
  ownerName: string | null;
  dueAt: string;
}

export interface ScoreChange {
  subscriptionId: string;
  subscriptionName: string | null;
  /** App path of the subscription's score history on the trends page. */
  path: string;
  /** Percentage 0–100 on the last day with a score before the week began; null when none was recorded yet. */
  startPercent: number | null;
  startDay: string | null;
  endPercent: number | null;
  endDay: string | null;
  /** end − start in percentage points (null when either end is unknown). */
  delta: number | null;
}

export interface WhatChanged {
  /** YYYY-MM-DD of the first day and of the last day (inclusive). */
  week: { start: string; end: string };
  team: string | null;
  clusterId: string | null;
  newFindings: ChangedFinding[];
  fixedFindings: ChangedFinding[];
  newBreaches: NewBreach[];
  scoreChanges: ScoreChange[];
  /** Every line of each section, also those past the limit. */
  totals: { newFindings: number; fixedFindings: number; newBreaches: number };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC midnight starting the week of `weekStart`, and the midnight after its seventh day. */
export function weekBounds(weekStart: Date): { from: Date; to: Date } {
  if (Number.isNaN(weekStart.getTime())) throw new Error('weekStart is not a valid date.');
  const from = new Date(Date.UTC(weekStart.getUTCFullYear(), weekStart.getUTCMonth(), weekStart.getUTCDate()));
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** The Monday (UTC) of the week containing `d`: the default week of the page and the digest. */
export function mondayOf(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** The week's changes as `viewer` may see them (cluster scope inside every query; an unseen cluster is not found). */
export async function getWhatChanged(viewer: Viewer, input: WhatChangedInput, db: PrismaClient = getPrisma()): Promise<WhatChanged> {
  const { from, to } = weekBounds(input.weekStart);
  const now = input.now ?? new Date();
  const limit = input.limit ?? WHAT_CHANGED_LINE_LIMIT;
  const team = input.team?.trim() || null;
  const clusterId = input.clusterId?.trim() || null;
  if (clusterId) {
    const visible = await db.$queryRaw<{ id: string }[]>`SELECT c.id FROM clusters c WHERE c.id = ${clusterId} AND ${clusterScopeSql(viewer)}`;
    if (visible.length === 0) throw notFound('That cluster');
  }

  // Findings: the cluster or team cut, registry CVEs included through the images the chosen clusters run.
  const findingCut: Prisma.Sql[] = [findingScopeSql(viewer)];
  if (clusterId) {
    findingCut.push(Prisma.sql`(f.cluster_id = ${clusterId} OR (f.cluster_id IS NULL AND f.image_digest IN (${runningImagesSql(viewer, clusterId)})))`);
  }
  if (team) {
    findingCut.push(Prisma.sql`(f.cluster_id IN (SELECT t.id FROM clusters t WHERE t.team = ${team})
      OR (f.cluster_id IS NULL AND f.image_digest IN (SELECT w.image_digest FROM workloads w JOIN clusters t ON t.id = w.cluster_id
                                                      WHERE t.deleted_at IS NULL AND t.team = ${team})))`);
  }
  const findingWhere = Prisma.join(findingCut, ' AND ');
  const severities = [...WHAT_CHANGED_SEVERITIES];

  const findingLines = async (column: 'first_seen_at' | 'resolved_at') => {
    // The column is compared uncast so the (severity, first_seen_at | resolved_at) index serves the range.
    const range = Prisma.sql`f.severity = ANY(${severities}::"Severity"[]) AND f.${Prisma.raw(column)} >= ${from} AND f.${Prisma.raw(column)} < ${to}`;
    // Records that arrived resolved (healthy, compliant, a passing check) were never open: neither new nor fixed.
    const fixed =
      column === 'resolved_at'
        ? Prisma.sql`AND f.status = 'resolved' AND f.resolved_at > f.first_seen_at`
        : Prisma.sql`AND (f.resolved_at IS NULL OR f.resolved_at > f.first_seen_at)`;
    const [rows, total] = await Promise.all([
      db.$queryRaw<{ id: bigint; title: string; severity: Severity; status: FindingStatus; source: string; cluster_id: string | null; cluster_name: string | null; team: string | null; at: Date }[]>`
        SELECT f.id, f.title, f.severity::text AS severity, f.status::text AS status, f.source, f.cluster_id, c.name AS cluster_name, c.team,
               f.${Prisma.raw(column)} AS at
          FROM findings f LEFT JOIN clusters c ON c.id = f.cluster_id
         WHERE ${range} ${fixed} AND ${findingWhere}
         -- Most severe first, then in the order they arrived: the index order, so LIMIT stops early even in a week with
         -- tens of thousands of new findings (a sort of the whole week otherwise).
         ORDER BY f.severity, f.${Prisma.raw(column)}
         LIMIT ${limit}`,
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM findings f WHERE ${range} ${fixed} AND ${findingWhere}`,
    ]);
    const lines = rows.map((r): ChangedFinding => ({
      id: r.id.toString(), path: `/findings/${r.id.toString()}`, title: r.title, severity: r.severity, status: r.status, source: r.source,
      clusterId: r.cluster_id, clusterName: r.cluster_name, team: r.team, at: r.at.toISOString(),
    }));
    return { lines, total: total[0]?.n ?? 0 };
  };

  // SLAs that fell due this week (and by now) on items still active: open, or a risk acceptance that has expired.
  const triageCut: Prisma.Sql[] = [
    triageScopeSql(viewer),
    Prisma.sql`f.parent_id IS NULL`,
    Prisma.sql`f.due_at >= ${from} AND f.due_at < ${to} AND f.due_at <= ${now}`,
    Prisma.sql`(f.status IN ('new', 'acknowledged', 'in_progress') OR (f.status = 'risk_accepted' AND f.accepted_until <= ${now}))`,
  ];
  if (clusterId) triageCut.push(Prisma.sql`f.cluster_id = ${clusterId}`);
  if (team) triageCut.push(Prisma.sql`f.team = ${team}`);
  const triageWhere = Prisma.join(triageCut, ' AND ');
  const breaches = async () => {
    const [rows, total] = await Promise.all([
      db.$queryRaw<{ id: bigint; title: string; severity: Severity; status: string; cluster_id: string | null; cluster_name: string | null; team: string | null; owner_name: string | null; due_at: Date }[]>`
        SELECT f.finding_id AS id, f.title, f.severity::text AS severity, f.status::text AS status, f.cluster_id, c.name AS cluster_name, f.team,
               f.owner_name, f.due_at
          FROM triage_items f LEFT JOIN clusters c ON c.id = f.cluster_id
         WHERE ${triageWhere}
         ORDER BY f.severity_rank, f.due_at, f.finding_id
         LIMIT ${limit}`,
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM triage_items f WHERE ${triageWhere}`,
    ]);
    const lines = rows.map((r): NewBreach => ({
      id: r.id.toString(), path: `/triage/${r.id.toString()}`, title: r.title, severity: r.severity, status: r.status, clusterId: r.cluster_id,
      clusterName: r.cluster_name, team: r.team, ownerName: r.owner_name, dueAt: r.due_at.toISOString(),
    }));
    return { lines, total: total[0]?.n ?? 0 };
  };

  const [news, fixed, due, scores] = await Promise.all([
    findingLines('first_seen_at'),
    findingLines('resolved_at'),
    breaches(),
    getScoreChanges(viewer, { from, to, team, clusterId }, db),
  ]);
  return {
    week: { start: isoDay(from), end: isoDay(new Date(to.getTime() - DAY_MS)) },
    team,
    clusterId,
    newFindings: news.lines,
    fixedFindings: fixed.lines,
    newBreaches: due.lines,
    scoreChanges: scores,
    totals: { newFindings: news.total, fixedFindings: fixed.total, newBreaches: due.total },
  };
}

/**
 * The same for the digest, which runs in the scheduler or the CLI with no signed-in user: the SYSTEM viewer (the whole
 * estate), cut by team or cluster when given.
 */
export function getWhatChangedForDigest(input: WhatChangedInput, db: PrismaClient = getPrisma()): Promise<WhatChanged> {
  return getWhatChanged(SYSTEM_VIEWER, input, db);
}

/**
 * Secure score at the start and end of the week per subscription in scope. A score is a subscription-wide number, so a
 * viewer limited to single clusters sees it only for subscriptions listed for them; a team or cluster cut keeps the
 * subscriptions its clusters live in. "At" a day means the latest row on or before it, so days without a sync carry
 * the last known score instead of a gap.
 */
async function getScoreChanges(
  viewer: Viewer,
  input: { from: Date; to: Date; team: string | null; clusterId: string | null },
  db: PrismaClient,
): Promise<ScoreChange[]> {
  const cut: Prisma.Sql[] = [];
  if (viewer.scope.kind === 'limited') cut.push(Prisma.sql`s.id = ANY(${[...viewer.scope.subscriptionIds]}::text[])`);
  if (input.clusterId) cut.push(Prisma.sql`s.id IN (SELECT c.subscription_id FROM clusters c WHERE c.id = ${input.clusterId})`);
  if (input.team) cut.push(Prisma.sql`s.id IN (SELECT c.subscription_id FROM clusters c WHERE c.team = ${input.team} AND c.deleted_at IS NULL)`);
  const where = cut.length ? Prisma.join(cut, ' AND ') : Prisma.sql`TRUE`;
  const startDay = isoDay(input.from);
  const endDay = isoDay(new Date(input.to.getTime() - DAY_MS));
  const rows = await db.$queryRaw<{ id: string; display_name: string | null; start_pct: number | null; start_day: Date | null; end_pct: number | null; end_day: Date | null }[]>`
    SELECT s.id, s.display_name, a.percentage AS start_pct, a.day AS start_day, b.percentage AS end_pct, b.day AS end_day
      FROM subscriptions s
      LEFT JOIN LATERAL (SELECT h.percentage, h.day FROM secure_score_history h
                          WHERE h.subscription_id = s.id AND h.control_id = '' AND h.day < ${startDay}::date
                          ORDER BY h.day DESC LIMIT 1) a ON TRUE
      LEFT JOIN LATERAL (SELECT h.percentage, h.day FROM secure_score_history h
                          WHERE h.subscription_id = s.id AND h.control_id = '' AND h.day <= ${endDay}::date
                          ORDER BY h.day DESC LIMIT 1) b ON TRUE
     WHERE ${where} AND (a.day IS NOT NULL OR b.day IS NOT NULL)
     ORDER BY s.display_name NULLS LAST, s.id`;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);
  return rows.map((r) => {
    const start = pct(r.start_pct);
    const end = pct(r.end_pct);
    return {
      subscriptionId: r.id,
      subscriptionName: r.display_name,
      path: `/trends?subscription=${encodeURIComponent(r.id)}`,
      startPercent: start,
      startDay: r.start_day ? isoDay(r.start_day) : null,
      endPercent: end,
      endDay: r.end_day ? isoDay(r.end_day) : null,
      delta: start === null || end === null ? null : Math.round((end - start) * 100) / 100,
    };
  });
}

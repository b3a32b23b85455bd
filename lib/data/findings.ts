import 'server-only';
// Findings lists and the single-finding drill-down, always within the viewer's scope.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import type { FindingKind, FindingStatus, Severity, Stage } from '../domain/model';
import type { FindingFilters } from '../validation/findings';
import { clusterScope, findingScopeWithImages, notFound } from './scope';

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
  total: number;
}

function whereFor(scope: Prisma.FindingWhereInput, f: FindingFilters): Prisma.FindingWhereInput {
  return {
    AND: [
      scope,
      f.status === 'all' ? {} : { status: f.status },
      f.severity.length ? { severity: { in: f.severity } } : {},
      f.stage ? { stage: f.stage } : {},
      f.source ? { source: f.source } : {},
      f.control ? { controlId: f.control } : {},
      f.cluster ? { clusterId: f.cluster } : {},
      f.q
        ? { OR: [{ title: { contains: f.q, mode: 'insensitive' } }, { ruleId: { contains: f.q, mode: 'insensitive' } }, { resourceId: { contains: f.q.toLowerCase() } }] }
        : {},
    ],
  };
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

export async function listFindings(viewer: Viewer, filters: FindingFilters, db: PrismaClient = getPrisma()): Promise<FindingPage> {
  const where = whereFor(await findingScopeWithImages(viewer, db), filters);
  const [rows, total] = await Promise.all([
    db.finding.findMany({
      where,
      select: listSelect,
      // Most severe first, newest id first within a severity; the id cursor keeps paging stable under inserts.
      orderBy: [{ severity: 'asc' }, { id: 'desc' }],
      take: filters.limit + 1,
      ...(filters.cursor ? { cursor: { id: BigInt(filters.cursor) }, skip: 1 } : {}),
    }),
    db.finding.count({ where }),
  ]);
  const page = rows.slice(0, filters.limit);
  const images = await imageNames(db, page.map((r) => r.imageDigest));
  return {
    items: page.map((r) => ({
      ...r,
      image: r.imageDigest ? (images.get(r.imageDigest) ?? null) : null,
      id: r.id.toString(),
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    })),
    nextCursor: rows.length > filters.limit ? page[page.length - 1]!.id.toString() : null,
    total,
  };
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
  return {
    ...row,
    image,
    id: row.id.toString(),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    sourceUpdatedAt: row.sourceUpdatedAt?.toISOString() ?? null,
    runningIn: runningIn.map((w) => ({ clusterId: w.cluster.id, clusterName: w.cluster.name, namespace: w.namespace, kind: w.kind, name: w.name })),
  };
}

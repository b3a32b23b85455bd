// The finding summaries against a direct count over `findings`, after every kind of write the app makes: complete
// syncs (insert, update, sweep), imports (no sweep), a metadata-only import that corrects severities, a person's
// resolution, a delete, a failed run and a truncate. Then the data layer's summary reads against the same direct
// counts, for an unscoped and a scoped viewer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer';
import { SYSTEM_VIEWER } from '../auth/viewer';
import type { SourceBatch } from '../connectors/types';
import { createPrisma } from '../db/prisma-factory';
import type { ClusterRow, FindingRow, RecommendationMetadataRow } from '../domain/rows';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { findingFiltersSchema } from '../validation/findings';
import { listClusters } from '../data/clusters';
import { listFindings } from '../data/findings';
import { getPostureOverview } from '../data/posture';
import { getFindingStats } from '../data/stats';
import { resourceKeyOf } from './cluster-id';
import { runBatches } from './run-source';

const SUB_A = '00000000-0000-0000-0000-0000000000aa';
const SUB_B = '00000000-0000-0000-0000-0000000000bb';
const arm = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const A = arm(SUB_A, 'aks-a');
const A2 = arm(SUB_A, 'aks-a2');
const B = arm(SUB_B, 'aks-b');

const cluster = (armId: string, sub: string, name: string): ClusterRow => ({
  armId, subscriptionId: sub, resourceGroup: 'rg', name, location: 'westeurope', kubernetesVersion: '1.30.1', provisioningState: 'Succeeded',
  fqdn: null, rbacEnabled: true, networkPolicy: null, team: name, tags: {}, raw: {},
});

// Assessments of a cluster, or of the subscription itself (no cluster) when clusterArmId is null.
const assessment = (rule: string, clusterArmId: string | null, sub: string, over: Partial<FindingRow> = {}): FindingRow => ({
  sourceKey: `${clusterArmId ?? `/subscriptions/${sub}`}/providers/Microsoft.Security/assessments/${rule}`, kind: 'recommendation', ruleId: rule,
  title: `Recommendation ${rule}`, description: null, remediation: null, severity: 'high', status: 'open',
  resourceId: clusterArmId ?? `/subscriptions/${sub}`, resourceType: null, subscriptionId: sub, clusterArmId, registryArmId: null,
  imageDigest: null, stage: null, controlId: null, firstSeenAt: new Date('2026-11-01T00:00:00Z'), sourceUpdatedAt: null, resolvedAt: null,
  raw: {}, ...over,
});

const metadata = (key: string, severity: RecommendationMetadataRow['severity']): RecommendationMetadataRow => ({
  key, displayName: key, severity, description: null, remediation: null, categories: [], policyDefinitionId: null, assessmentType: null, raw: {},
});

async function* pages(...batches: SourceBatch[]): AsyncIterable<SourceBatch> {
  for (const b of batches) yield b;
}
async function* failing(batch: SourceBatch): AsyncIterable<SourceBatch> {
  yield batch;
  throw new Error('page 2 failed');
}

describe('finding summaries agree with a direct count over findings', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const teamA: Viewer = { id: 'dev-a', name: 'Dev A', email: null, roles: ['developer'], scope: { kind: 'limited', clusterIds: [resourceKeyOf(A)], subscriptionIds: [] } };
  // Sees a whole subscription: its clusters and its cluster-less findings.
  const subB: Viewer = { id: 'ops-b', name: 'Ops B', email: null, roles: ['cluster-operator'], scope: { kind: 'limited', clusterIds: [], subscriptionIds: [SUB_B] } };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    const inv = await runBatches(db.pool, 'inventory', pages({ clusters: [cluster(A, SUB_A, 'aks-a'), cluster(A2, SUB_A, 'aks-a2'), cluster(B, SUB_B, 'aks-b')] }), { trigger: 'cli', sweep: true });
    expect(inv.outcome).toBe('succeeded');
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  const q = async (sql: string) => (await db.pool.query(sql)).rows;
  async function expectSummariesMatch(): Promise<void> {
    const key = 'subscription_id, cluster_id, source, control_id, stage::text, severity::text, status::text';
    expect(await q(`SELECT ${key}, n FROM finding_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`)).toEqual(
      await q(`SELECT COALESCE(subscription_id, '') AS subscription_id, COALESCE(cluster_id, '') AS cluster_id, source, control_id, stage::text,
                      severity::text, status::text, count(*)::int AS n FROM findings GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`),
    );
    expect(await q('SELECT source, control_id, stage::text, severity::text, status::text, n FROM finding_totals WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5')).toEqual(
      await q('SELECT source, control_id, stage::text, severity::text, status::text, count(*)::int AS n FROM findings GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5'),
    );
    expect(await q('SELECT cluster_id, critical, high, medium, low, informational, total FROM cluster_open_counts WHERE total <> 0 ORDER BY 1')).toEqual(
      await q(`SELECT cluster_id, count(*) FILTER (WHERE severity = 'critical')::int AS critical, count(*) FILTER (WHERE severity = 'high')::int AS high,
                      count(*) FILTER (WHERE severity = 'medium')::int AS medium, count(*) FILTER (WHERE severity = 'low')::int AS low,
                      count(*) FILTER (WHERE severity = 'informational')::int AS informational, count(*)::int AS total
                 FROM findings WHERE status = 'open' AND cluster_id IS NOT NULL GROUP BY 1 ORDER BY 1`),
    );
  }

  /** What the data layer must report, counted straight from findings with the scope rule written out by hand. */
  async function directOpen(viewerSql: string): Promise<{ bySeverity: Record<string, number>; total: number; evidence: number }> {
    const rows = await q(`SELECT severity::text AS severity, count(*) FILTER (WHERE status = 'open')::int AS open, count(*)::int AS total
                            FROM findings WHERE ${viewerSql} GROUP BY 1`);
    const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 };
    let total = 0;
    let evidence = 0;
    for (const r of rows) {
      bySeverity[r.severity] = r.open;
      total += r.open;
      evidence += r.total;
    }
    return { bySeverity, total, evidence };
  }

  async function expectReadsMatch(): Promise<void> {
    const cases: [Viewer, string][] = [
      [SYSTEM_VIEWER, 'TRUE'],
      [teamA, `cluster_id = '${resourceKeyOf(A)}'`],
      [subB, `subscription_id = '${SUB_B}'`],
    ];
    for (const [viewer, sql] of cases) {
      const want = await directOpen(sql);
      const overview = await getPostureOverview(viewer, {}, prisma);
      expect(overview.open, viewer.id).toEqual(want.bySeverity);
      expect(overview.openTotal, viewer.id).toBe(want.total);
      const evidence = overview.stages.flatMap((s) => s.controls).reduce((n, c) => n + c.evidenceRecords, 0);
      expect(evidence, viewer.id).toBe(want.evidence);
      const stats = await getFindingStats(viewer, prisma);
      expect(stats.findings.open, viewer.id).toBe(want.total);
      expect(stats.findings.total, viewer.id).toBe(want.evidence);
      const list = await listFindings(viewer, findingFiltersSchema.parse({}), prisma);
      expect(list.total, viewer.id).toBe(want.total);
      const all = await listFindings(viewer, findingFiltersSchema.parse({ status: 'all', severity: 'high,low' }), prisma);
      expect(all.total, viewer.id).toBe(
        Number((await q(`SELECT count(*)::int AS n FROM findings WHERE ${sql} AND severity IN ('high', 'low')`))[0].n),
      );
    }
    // One cluster's page, and the clusters list's counts.
    const one = await getPostureOverview(SYSTEM_VIEWER, { clusterId: resourceKeyOf(B) }, prisma);
    expect(one.open).toEqual((await directOpen(`cluster_id = '${resourceKeyOf(B)}'`)).bySeverity);
    for (const c of await listClusters(SYSTEM_VIEWER, prisma)) {
      expect(c.open, c.name).toEqual((await directOpen(`cluster_id = '${c.id}'`)).bySeverity);
    }
  }

  it('after a complete sync', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages(
      { findings: [assessment('r1', A, SUB_A), assessment('r2', A, SUB_A, { severity: 'critical' }), assessment('r3', A2, SUB_A, { severity: 'low' })] },
      { findings: [assessment('r1', B, SUB_B), assessment('r4', null, SUB_B, { severity: 'medium' }), assessment('r5', B, SUB_B, { severity: null })] },
    ), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('succeeded');
    await expectSummariesMatch();
    await expectReadsMatch();
  });

  it('after an import (adds and changes, resolves nothing)', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages({
      findings: [
        assessment('r1', A, SUB_A, { severity: 'critical' }),
        assessment('r3', A2, SUB_A, { status: 'resolved', resolvedAt: new Date('2026-11-20T00:00:00Z') }),
        assessment('r6', null, SUB_A, { severity: 'low' }),
      ],
    }), { trigger: 'import', sweep: false });
    expect(r.outcome).toBe('succeeded');
    expect((await q("SELECT count(*)::int AS n FROM findings WHERE status = 'open'"))[0].n).toBe(6);
    await expectSummariesMatch();
    await expectReadsMatch();
  });

  it('after a sync that resolves what it no longer reports', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages({
      findings: [assessment('r1', A, SUB_A), assessment('r1', B, SUB_B), assessment('r5', B, SUB_B, { severity: null })],
    }), { trigger: 'cli', sweep: true });
    expect(r.counts.resolvedBySweep).toBeGreaterThan(0);
    await expectSummariesMatch();
    await expectReadsMatch();
  });

  it('after metadata corrects stored severities', async () => {
    const r = await runBatches(db.pool, 'defender-assessment', pages({ metadata: [metadata('r5', 'critical')] }), { trigger: 'import', sweep: false });
    expect(r.counts.severityCorrected).toBe(1);
    await expectSummariesMatch();
    await expectReadsMatch();
  });

  it('after a person resolves or dismisses a finding, and after a delete', async () => {
    await db.pool.query("UPDATE findings SET status = 'dismissed' WHERE rule_id = 'r1' AND cluster_id = $1", [resourceKeyOf(A)]);
    await db.pool.query("UPDATE findings SET status = 'resolved', resolved_at = now() WHERE rule_id = 'r5'");
    await expectSummariesMatch();
    await expectReadsMatch();
    await db.pool.query("DELETE FROM findings WHERE rule_id = 'r6'");
    await expectSummariesMatch();
  });

  it('a failed run changes no count', async () => {
    const before = await q('SELECT * FROM finding_counts ORDER BY 1, 2, 3, 4, 5, 6, 7');
    const r = await runBatches(db.pool, 'defender-assessment', failing({ findings: [assessment('r9', A, SUB_A, { severity: 'critical' })] }), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('failed');
    expect(await q('SELECT * FROM finding_counts ORDER BY 1, 2, 3, 4, 5, 6, 7')).toEqual(before);
    await expectSummariesMatch();
  });

  it('a truncate of findings empties the summaries', async () => {
    await db.pool.query('TRUNCATE findings');
    expect(await q('SELECT 1 FROM finding_counts UNION ALL SELECT 1 FROM finding_totals UNION ALL SELECT 1 FROM cluster_open_counts')).toEqual([]);
  });
});

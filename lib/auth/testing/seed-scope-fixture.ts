// Two teams' clusters and findings for the matrix and cross-scope tests: team A's cluster and finding, team
// B's cluster and finding, in separate subscriptions, plus the demo group mapping.
import path from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client';
import { createPrisma } from '../../db/prisma-factory';
import { createTestDatabase, type TestDatabase } from '../../testing/db';
import { seedGroupScopes } from '../seed-group-scopes';

export const FIXTURE = {
  teamA: { clusterId: 'aaaaaaaaaaa1', subscriptionId: '0000000a-0000-4000-8000-00000000000a' },
  teamB: { clusterId: 'bbbbbbbbbbb1', subscriptionId: '0000000b-0000-4000-8000-00000000000b' },
} as const;

export async function seedScopeFixture(prisma: PrismaClient): Promise<{ findingA: string; findingB: string }> {
  const now = new Date();
  const ids: string[] = [];
  for (const [team, f] of [['payments', FIXTURE.teamA], ['storefront', FIXTURE.teamB]] as const) {
    const armId = `/subscriptions/${f.subscriptionId}/resourceGroups/rg-${team}/providers/Microsoft.ContainerService/managedClusters/aks-${team}`;
    await prisma.subscription.create({ data: { id: f.subscriptionId, displayName: `sub ${team}` } });
    await prisma.cluster.create({
      data: { id: f.clusterId, armId, subscriptionId: f.subscriptionId, resourceGroup: `rg-${team}`, name: `aks-${team}`, team, raw: {}, lastSeenAt: now },
    });
    const finding = await prisma.finding.create({
      data: {
        source: 'defender-assessment',
        sourceKey: `${armId}/assessment/1`,
        kind: 'recommendation',
        ruleId: 'rule-1',
        title: `Finding of ${team}`,
        severity: 'high',
        status: 'open',
        resourceId: armId,
        subscriptionId: f.subscriptionId,
        clusterId: f.clusterId,
        stage: 'deploy',
        controlId: 'deploy-admission-policy',
        firstSeenAt: now,
        lastSeenAt: now,
        lastRunId: BigInt(1),
        raw: {},
      },
      select: { id: true },
    });
    ids.push(finding.id.toString());
    // Its triage queue item (what the sync would queue for a new high finding).
    await prisma.triageItem.create({
      data: {
        findingId: finding.id, source: 'defender-assessment', kind: 'recommendation', severity: 'high', severityRank: 1, title: `Finding of ${team}`,
        clusterId: f.clusterId, subscriptionId: f.subscriptionId, team, detectedAt: now, dueAt: new Date(now.getTime() + 30 * 86_400_000), sourceOpen: true,
      },
    });
  }
  await seedGroupScopes(prisma, path.resolve('config/scopes.example.json'));
  return { findingA: ids[0] ?? '', findingB: ids[1] ?? '' };
}

/**
 * A migrated database with the fixture, wired as the app's database (DATABASE_URL) for the test file. Call at
 * the top level of a test file; read `fixture.prisma` and `fixture.findings` inside tests.
 */
export function useScopeFixtureDatabase(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }) {
  const fixture = {} as { db: TestDatabase; prisma: PrismaClient; findings: { findingA: string; findingB: string } };
  hooks.beforeAll(async () => {
    fixture.db = await createTestDatabase();
    process.env.DATABASE_URL = fixture.db.url;
    process.env.AUTH_URL = 'http://localhost:3000';
    process.env.POSTURE_MODE = 'demo';
    fixture.prisma = createPrisma(fixture.db.url, 2);
    fixture.findings = await seedScopeFixture(fixture.prisma);
  });
  hooks.afterAll(async () => {
    await fixture.prisma?.$disconnect();
    await fixture.db?.drop();
  });
  return fixture;
}

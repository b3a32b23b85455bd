// Issue 13, item 2: a CVE reported for many images is stored with its reference data once, and the finding page
// still shows the source's payload exactly. Also: an unchanged re-sync rewrites nothing, yet "last seen" moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_VIEWER } from '../auth/viewer';
import type { SourceBatch } from '../connectors/types';
import type { FindingRow } from '../domain/rows';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { runBatches } from '../sync/run-source';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { findingFiltersSchema } from '../validation/findings';
import { getFinding, listFindings } from './findings';

const SUB = '00000000-0000-0000-0000-00000000d001';
const REGISTRY = `/subscriptions/${SUB}/resourceGroups/rg-d/providers/Microsoft.ContainerRegistry/registries/acrd`;

function payload(cve: string, image: number) {
  return {
    id: `${REGISTRY}/providers/Microsoft.Security/assessments/c0b7cfc6/subAssessments/${cve}-${image}`,
    properties: {
      id: cve,
      displayName: cve,
      description: 'This vulnerability affects the following vendors: openssl. To view more details about this vulnerability please visit the vendor website.',
      additionalData: {
        assessedResourceType: 'AzureContainerRegistryVulnerability',
        vulnerabilityDetails: { cveId: cve, severity: 'High', cvss: { '3.0': { base: 8.1, cvssVectorString: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' } }, references: [{ title: cve, link: `https://nvd.nist.gov/vuln/detail/${cve}` }] },
        softwareDetails: { packageName: 'openssl', version: '3.0.1', fixedVersion: '3.0.13', fixStatus: 'FixAvailable', category: 'OS' },
        artifactDetails: { digest: `sha256:${String(image).padStart(64, '0')}`, repositoryName: `team/app-${image}` },
      },
      status: { code: 'Unhealthy', severity: 'High' },
    },
  };
}

function vulnerability(cve: string, image: number): FindingRow {
  const digest = `sha256:${String(image).padStart(64, '0')}`;
  return {
    // As the connector gives it: the description is the payload's.
    sourceKey: payload(cve, image).id, kind: 'vulnerability', ruleId: cve, title: `${cve} in openssl`, description: payload(cve, image).properties.description, remediation: null,
    severity: 'high', status: 'open', resourceId: REGISTRY, resourceType: 'Microsoft.ContainerRegistry/registries', subscriptionId: SUB,
    clusterArmId: null, registryArmId: REGISTRY, imageDigest: digest, stage: null, controlId: null,
    firstSeenAt: new Date('2026-10-01T00:00:00Z'), sourceUpdatedAt: null, resolvedAt: null, raw: payload(cve, image),
  };
}

async function* pages(...batches: SourceBatch[]): AsyncIterable<SourceBatch> {
  for (const b of batches) yield b;
}

describe('vulnerability reference data stored once', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const findings = [1, 2, 3, 4].flatMap((image) => [vulnerability('CVE-2026-1111', image), vulnerability('CVE-2026-2222', image)]);
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrisma(db.url, 2);
    const r = await runBatches(db.pool, 'defender-vulnerability', pages({ findings: findings.slice(0, 4) }, { findings: findings.slice(4) }), {
      trigger: 'cli', sweep: true, now: () => new Date('2026-11-01T12:00:00Z'),
    });
    expect(r.outcome).toBe('succeeded');
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('keeps each CVE record, package record and image record once, however many findings repeat them', async () => {
    // 2 CVE records (with their description) + 1 package record + 4 image records, for 8 findings.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM raw_parts')).rows[0].n).toBe(7);
    const stored = (await db.pool.query<{ raw: Record<string, unknown> }>(`SELECT raw FROM findings WHERE rule_id = 'CVE-2026-1111' AND image_digest LIKE '%1'`)).rows[0]!.raw;
    // What stays per finding: the sub-assessment's own name, its status and the digests of its three parts.
    expect(stored).toEqual({ id: 'CVE-2026-1111-1', properties: { status: { code: 'Unhealthy', severity: 'High' } }, $rawMerge: [expect.any(String), expect.any(String), expect.any(String)] });
  });

  it('the finding page shows the payload exactly as the source sent it', async () => {
    const id = (await db.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE rule_id = 'CVE-2026-2222' AND image_digest LIKE '%3'`)).rows[0]!.id;
    const detail = await getFinding(SYSTEM_VIEWER, id, prisma);
    expect(detail.raw).toEqual(payload('CVE-2026-2222', 3));
    // The vendor text is kept once, in the CVE's part, not again in the finding's description column.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM findings WHERE description IS NOT NULL')).rows[0].n).toBe(0);
    expect(detail.description).toBe(payload('CVE-2026-2222', 3).properties.description);
  });

  it('the finding page still joins a payload stored with the older per-sub-document markers', async () => {
    const id = (await db.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE rule_id = 'CVE-2026-1111' AND image_digest LIKE '%2'`)).rows[0]!.id;
    const original = payload('CVE-2026-1111', 2);
    const { vulnerabilityDetails, softwareDetails } = original.properties.additionalData;
    const stored = {
      ...original,
      properties: {
        ...original.properties,
        additionalData: { ...original.properties.additionalData, vulnerabilityDetails: { $rawPart: 'old-cve' }, softwareDetails: { $rawPart: 'old-package' } },
      },
    };
    await db.pool.query(`INSERT INTO raw_parts (hash, doc) VALUES ('old-cve', $1), ('old-package', $2)`, [JSON.stringify(vulnerabilityDetails), JSON.stringify(softwareDetails)]);
    await db.pool.query('UPDATE findings SET raw = $2 WHERE id = $1', [id, JSON.stringify(stored)]);
    expect((await getFinding(SYSTEM_VIEWER, id, prisma)).raw).toEqual(original);
  });

  it('an unchanged re-sync writes no finding, and the list and page say it was seen by that run', async () => {
    const r = await runBatches(db.pool, 'defender-vulnerability', pages({ findings }), { trigger: 'cli', sweep: true, now: () => new Date('2026-11-05T12:00:00Z') });
    expect(r.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 8 });
    expect((await db.pool.query(`SELECT max(last_seen_at) AS at FROM findings`)).rows[0].at).toEqual(new Date('2026-11-01T12:00:00Z'));
    const page = await listFindings(SYSTEM_VIEWER, findingFiltersSchema.parse({}), prisma);
    expect(page.items).toHaveLength(8);
    expect(new Set(page.items.map((f) => f.lastSeenAt))).toEqual(new Set(['2026-11-05T12:00:00.000Z']));
    expect((await getFinding(SYSTEM_VIEWER, page.items[0]!.id, prisma)).lastSeenAt).toBe('2026-11-05T12:00:00.000Z');
  });
});

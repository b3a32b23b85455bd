import { describe, expect, it } from 'vitest';
import { toSubAssessmentOutcome, toVulnerabilityRecord } from '../connectors/defender-vulnerability/transform';
import { exampleItems, readExample } from '../connectors/testing/examples';
import { generateTenant } from '../demo/generate-tenant';
import type { FindingRow } from './rows';
import { readColumnsFromRaw, withoutColumnsFromRaw } from './raw-columns';

const tenant = generateTenant({ seed: 5, clusters: 3, now: new Date('2026-11-20T10:00:00Z') });
const generated = tenant.subscriptions.flatMap((s) =>
  (['registryContainerVulnerabilities', 'runtimeContainerVulnerabilities', 'containerVulnerabilities'] as const).flatMap((kind) => tenant.page(kind, s.subscriptionId, 0, 200)),
);
const official = [
  ...(readExample('security/mdvm/arg-securityresources-AzureContainerRegistryVulnerability.json') as unknown[]),
  ...exampleItems('security/2019-01-01-preview/ListSubAssessments_example.json'),
];

/** What a reader gets back for a stored row (the payload joined again is the source's). */
const roundTrip = (f: FindingRow) => readColumnsFromRaw(f.kind, withoutColumnsFromRaw(f), f.raw);

describe('description and remediation kept only in the payload', () => {
  it('the vulnerability transform takes both from the payload, so neither is stored twice, and both read back the same', () => {
    let stored = 0;
    for (const raw of [...official, ...generated]) {
      const outcome = toSubAssessmentOutcome(raw);
      // The REST list example mixes kinds (SQL and server findings are counted and left out by the connector).
      if (!outcome.record) continue;
      const { finding } = outcome.record;
      const row = withoutColumnsFromRaw(finding);
      expect(row.description).toBeNull();
      expect(row.remediation).toBeNull();
      if (finding.description !== null) stored += 1;
      expect(roundTrip(finding)).toEqual({ description: finding.description, remediation: finding.remediation });
    }
    expect(stored).toBeGreaterThan(100);
  });

  it('keeps a column that says something else than the payload, and an empty one stays empty', () => {
    const [raw] = official;
    const finding = toVulnerabilityRecord(raw).finding;
    const other = { ...finding, description: 'Rewritten by the connector', remediation: null };
    expect(withoutColumnsFromRaw(other)).toMatchObject({ description: 'Rewritten by the connector', remediation: '' });
    expect(roundTrip(other)).toEqual({ description: 'Rewritten by the connector', remediation: null });
  });

  it('leaves the columns of other kinds as they are', () => {
    const finding = { ...toVulnerabilityRecord(official[0]).finding, kind: 'recommendation' as const };
    expect(withoutColumnsFromRaw(finding)).toBe(finding);
    expect(readColumnsFromRaw('recommendation', { description: null, remediation: null }, finding.raw)).toEqual({ description: null, remediation: null });
  });
});

import { describe, expect, it } from 'vitest';
import { exampleItems } from '../testing/examples';
import { collect, fakeArmSettings, pagedList } from '../testing/fake-arm';
import { fetchAssessmentPages } from './fetch';
import { defenderAssessmentConnector } from './index';

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const METADATA_PATH = `/subscriptions/${SUB}/providers/Microsoft.Security/assessmentMetadata`;
const ASSESSMENTS_PATH = `/subscriptions/${SUB}/providers/Microsoft.Security/assessments`;
const SCORES_PATH = `/subscriptions/${SUB}/providers/Microsoft.Security/secureScores`;
const CONTROLS_PATH = `/subscriptions/${SUB}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls`;
const scores = exampleItems('security/2020-01-01/ListSecureScores_example.json');
const controls = exampleItems('security/2020-01-01/ListSecureScoreControls_example.json');

function assessments(n: number): unknown[] {
  const [template] = exampleItems('security/2025-05-04/ListAssessments_example.json') as { id: string }[];
  return Array.from({ length: n }, (_, i) => ({ ...template, id: template!.id.replace('vmss1', `vmss-${i}`) }));
}

describe('defender-assessment fetch (core-client SDK, onResponse)', () => {
  it('yields the raw REST JSON of every page, nextLink pages included', async () => {
    const azure = fakeArmSettings([pagedList(ASSESSMENTS_PATH, assessments(5), 2)], [SUB]);
    const pages = await collect(fetchAssessmentPages(azure, SUB));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    // core-client's parsedBody would have flattened `properties`; the raw page keeps it.
    expect(pages[2]?.[0]).toMatchObject({ type: 'Microsoft.Security/assessments', properties: { status: { code: 'Healthy' } } });
    expect(azure.requests).toHaveLength(3);
  });
});

describe('defenderAssessmentConnector.run', () => {
  it('yields metadata then findings, one metadata row per key across subscriptions', async () => {
    const other = '99999999-9999-9999-9999-999999999999';
    const metadata = exampleItems('security/2025-05-04/ListAssessmentsMetadata_subscription_example.json');
    const azure = fakeArmSettings(
      [
        pagedList(METADATA_PATH, metadata, 1),
        pagedList(ASSESSMENTS_PATH, assessments(3), 2),
        pagedList(METADATA_PATH.replace(SUB, other), metadata, 5),
        pagedList(ASSESSMENTS_PATH.replace(SUB, other), [], 5),
        pagedList(SCORES_PATH, scores, 5),
        pagedList(CONTROLS_PATH, controls, 1),
        pagedList(SCORES_PATH.replace(SUB, other), scores, 5),
        pagedList(CONTROLS_PATH.replace(SUB, other), [], 5),
      ],
      [SUB, other],
    );
    const batches = await collect(defenderAssessmentConnector.run({ azure, now: new Date('2026-12-02T09:00:00Z') }));
    expect(batches.flatMap((b) => b.metadata ?? []).map((m) => m.key)).toEqual([
      '21300918-b2e3-0346-785f-c77ff57d243b',
      'bc303248-3d14-44c2-96a0-55f5c326b5fe',
    ]);
    const findings = batches.flatMap((b) => b.findings ?? []);
    expect(findings).toHaveLength(3);
    expect(findings.every((f) => f.kind === 'recommendation' && f.status === 'resolved' && f.subscriptionId === SUB)).toBe(true);
    // Then each subscription's secure score for today (official examples), controls paged.
    const secure = batches.flatMap((b) => b.secureScores ?? []);
    expect(secure).toHaveLength(scores.length * 2 + controls.length);
    expect(secure.every((r) => r.day === '2026-12-02')).toBe(true);
    expect(secure.filter((r) => r.subscriptionId === SUB && r.controlId !== '')).toHaveLength(controls.length);
  });

  it('throws with the ARM error when a page fails', async () => {
    const azure = fakeArmSettings(
      [
        pagedList(METADATA_PATH, [], 5),
        ({ url }) => (url.pathname === ASSESSMENTS_PATH ? { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'denied' } } } : undefined),
      ],
      [SUB],
    );
    await expect(collect(defenderAssessmentConnector.run({ azure }))).rejects.toThrow(
      `assessments of subscription ${SUB}, page 1 failed: HTTP 403 AuthorizationFailed: denied`,
    );
  });
});

// End to end: every registered connector through its real SDK client against the local HTTPS ARM stand-in, with
// small pages so nextLink / $skipToken paging is exercised. The test trusts the stand-in's certificate through a
// per-call policy (request.agent), so it also runs without NODE_EXTRA_CA_CERTS.
import { describe, expect, it } from 'vitest';
import type { DemoRecordKind } from '../demo/generate-tenant';
import { getConnector } from './registry';
import { collect } from './testing/fake-arm';
import { useStandIn } from './testing/stand-in-fixture';
import type { AzureSettings, Connector, SourceBatch } from './types';

const fixture = useStandIn({ seed: 42, clusters: 6, now: new Date('2025-06-01T00:00:00Z'), pageSize: 7 });
const settings = (): AzureSettings => fixture.settings();

function connector(id: Parameters<typeof getConnector>[0]): Connector {
  const found = getConnector(id);
  if (!found) throw new Error(`no connector ${id}`);
  return found;
}

function total(kind: DemoRecordKind): number {
  return fixture.tenant.subscriptions.reduce((sum, s) => sum + fixture.tenant.count(kind, s.subscriptionId), 0);
}

type ListKey = { [K in keyof SourceBatch]-?: NonNullable<SourceBatch[K]> extends readonly unknown[] ? K : never }[keyof SourceBatch];

function all<K extends ListKey>(batches: SourceBatch[], key: K): NonNullable<SourceBatch[K]>[number][] {
  return batches.flatMap((b) => (b[key] ?? []) as NonNullable<SourceBatch[K]>[number][]);
}

describe('connectors against the ARM stand-in', () => {
  it('inventory: every cluster, registry and subscription of the tenant', async () => {
    const batches = await collect(connector('inventory').run({ azure: settings() }));
    expect(all(batches, 'clusters')).toHaveLength(total('managedClusters'));
    expect(all(batches, 'clusters')).toHaveLength(fixture.tenant.clusters.length);
    expect(all(batches, 'registries')).toHaveLength(fixture.tenant.registries.length);
    expect(all(batches, 'subscriptions').map((s) => s.id)).toEqual(fixture.tenant.subscriptions.map((s) => s.subscriptionId));
    // Subscriptions_Get: the names people read, not GUIDs.
    expect(all(batches, 'subscriptions').map((s) => s.displayName)).toEqual(fixture.tenant.subscriptions.map((s) => s.displayName));
    expect(all(batches, 'clusters').every((c) => c.team !== null)).toBe(true);
    const regions = new Set(fixture.tenant.clusters.map((c) => c.location));
    expect(new Set(all(batches, 'kubernetesVersions').map((v) => v.location))).toEqual(regions);
  });

  it('defender-assessment: the metadata catalog once and every assessment', async () => {
    const batches = await collect(connector('defender-assessment').run({ azure: settings() }));
    const first = fixture.tenant.subscriptions[0]?.subscriptionId ?? '';
    expect(all(batches, 'metadata')).toHaveLength(fixture.tenant.count('assessmentMetadata', first));
    const findings = all(batches, 'findings');
    expect(findings).toHaveLength(total('assessments'));
    expect(new Set(findings.map((f) => f.sourceKey)).size).toBe(findings.length);
    expect(findings.some((f) => f.clusterArmId !== null)).toBe(true);
  });

  it('defender-assessment: today\'s secure score and its controls, per subscription, dated by the run\'s clock', async () => {
    const now = new Date('2025-06-01T08:00:00Z');
    const scores = all(await collect(connector('defender-assessment').run({ azure: settings(), now })), 'secureScores');
    expect(scores).toHaveLength(total('secureScores') + total('secureScoreControls'));
    expect(scores.every((r) => r.day === '2025-06-01')).toBe(true);
    for (const sub of fixture.tenant.subscriptions) {
      const overall = scores.find((r) => r.subscriptionId === sub.subscriptionId && r.controlId === '');
      expect(overall?.max).toBeGreaterThan(0);
      expect(overall?.percentage).toBeCloseTo((overall?.current ?? 0) / (overall?.max ?? 1), 2);
    }
  });

  it('defender-vulnerability: every registry and running-image finding, with workloads', async () => {
    const batches = await collect(connector('defender-vulnerability').run({ azure: settings() }));
    const findings = all(batches, 'findings');
    expect(findings).toHaveLength(total('containerVulnerabilities'));
    expect(findings.filter((f) => f.clusterArmId !== null)).toHaveLength(total('runtimeContainerVulnerabilities'));
    expect(findings.filter((f) => f.registryArmId !== null)).toHaveLength(total('registryContainerVulnerabilities'));
    expect(all(batches, 'workloads').length).toBeGreaterThan(0);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('defender-vulnerability: with Resource Graph down, the per-subscription fallback reads the same findings', async () => {
    fixture.standIn.setFaults({ failPaths: [/Microsoft\.ResourceGraph\/resources$/i] });
    try {
      const progress: string[] = [];
      const batches = await collect(connector('defender-vulnerability').run({ azure: settings(), progress: (m) => progress.push(m) }));
      expect(all(batches, 'findings')).toHaveLength(total('containerVulnerabilities'));
      expect(progress[0]).toMatch(/Resource Graph could not be read \(.*HTTP 500.*\); reading each subscription's sub-assessments instead/);
    } finally {
      fixture.standIn.setFaults({});
    }
  });

  it('policy-state: every policy state (paged), exemption and subscription summary of the tenant', async () => {
    const batches = await collect(connector('policy-state').run({ azure: settings() }));
    const states = batches.flatMap((b) => b.policy?.states ?? []);
    expect(states).toHaveLength(total('policyStates'));
    expect(new Set(states.map((s) => s.sourceKey)).size).toBe(states.length);
    expect(batches.flatMap((b) => b.policy?.exemptions ?? [])).toHaveLength(total('policyExemptions'));
    const summaries = batches.flatMap((b) => b.policy?.summaries ?? []);
    expect(summaries.map((s) => s.subscriptionId)).toEqual(fixture.tenant.subscriptions.map((s) => s.subscriptionId));
    // Azure's summary counts the same non-compliant resources the states name.
    const nonCompliant = new Set(states.filter((s) => s.complianceState === 'noncompliant').map((s) => s.resourceId.toLowerCase()));
    expect(summaries.reduce((n, s) => n + s.nonCompliantResources, 0)).toBe(nonCompliant.size);
  });

  for (const [id, path] of [
    ['inventory', /Microsoft\.ContainerRegistry\/registries$/i],
    ['defender-assessment', /Microsoft\.Security\/assessments$/i],
    // Both paths down: Resource Graph and the per-subscription fallback.
    ['defender-vulnerability', /Microsoft\.ResourceGraph\/resources$|Microsoft\.Security\/subAssessments$/i],
    ['policy-state', /Microsoft\.PolicyInsights\/policyStates\/latest\/queryResults$/i],
  ] as const) {
    it(`${id}: a 500 from the source makes run() throw`, async () => {
      fixture.standIn.setFaults({ failPaths: [path] });
      try {
        await expect(collect(connector(id).run({ azure: settings() }))).rejects.toThrow(/HTTP 500/);
      } finally {
        fixture.standIn.setFaults({});
      }
    });
  }
});

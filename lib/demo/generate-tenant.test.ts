// Determinism and realism of the demo tenant: the same seed, size and day must render byte-identical pages, and the
// data must have the shape the dashboard's views need (teams, outdated versions, joinable CVEs, history in the window).
import { describe, expect, it } from 'vitest';
import { DEMO_RECORD_KINDS, generateTenant, TEAMS, type DemoTenant, type JsonObject } from './generate-tenant';

const now = new Date('2025-11-20T10:30:00Z');

function snapshot(tenant: DemoTenant): string {
  const parts: string[] = [JSON.stringify({ s: tenant.subscriptions, c: tenant.clusters, r: tenant.registries, i: tenant.images, w: tenant.workloads })];
  for (const kind of DEMO_RECORD_KINDS) {
    for (const s of tenant.subscriptions) parts.push(JSON.stringify(tenant.page(kind, s.subscriptionId, 0, tenant.count(kind, s.subscriptionId))));
  }
  return parts.join('\n');
}

const all = (tenant: DemoTenant, kind: (typeof DEMO_RECORD_KINDS)[number]): JsonObject[] =>
  tenant.subscriptions.flatMap((s) => tenant.page(kind, s.subscriptionId, 0, tenant.count(kind, s.subscriptionId)));
const total = (tenant: DemoTenant, kind: (typeof DEMO_RECORD_KINDS)[number]): number => tenant.subscriptions.reduce((n, s) => n + tenant.count(kind, s.subscriptionId), 0);
const props = (record: JsonObject): JsonObject => record.properties as JsonObject;

describe('generateTenant', () => {
  it('renders identical output for the same seed, size and day, whatever the time of day', () => {
    const a = snapshot(generateTenant({ seed: 3, clusters: 8, now }));
    const b = snapshot(generateTenant({ seed: 3, clusters: 8, now: new Date('2025-11-20T23:59:00Z') }));
    expect(a).toBe(b);
    expect(snapshot(generateTenant({ seed: 4, clusters: 8, now }))).not.toBe(a);
  });

  it('renders any page on its own exactly as part of the full list', () => {
    const tenant = generateTenant({ seed: 5, clusters: 8, now });
    const s = tenant.subscriptions[0]?.subscriptionId ?? '';
    const full = tenant.page('subAssessments', s, 0, tenant.count('subAssessments', s));
    expect(tenant.page('subAssessments', s, 101, 7)).toEqual(full.slice(101, 108));
  });

  it('has the default size: 2–4 subscriptions, 8 clusters over 3 teams, 2 registries, ~100 images, thousands of CVEs', () => {
    const tenant = generateTenant({ seed: 1, clusters: 8, now });
    expect(tenant.subscriptions.length).toBeGreaterThanOrEqual(2);
    expect(tenant.subscriptions.length).toBeLessThanOrEqual(4);
    expect(tenant.clusters).toHaveLength(8);
    expect(new Set(tenant.clusters.map((c) => c.team))).toEqual(new Set(TEAMS));
    expect(tenant.registries).toHaveLength(2);
    expect(tenant.images.length).toBeGreaterThan(70);
    expect(tenant.images.length).toBeLessThan(140);
    expect(Math.max(...tenant.images.map((i) => i.cveCount))).toBeLessThanOrEqual(80);
    expect(tenant.images.every((i) => /^sha256:[0-9a-f]{64}$/.test(i.digest))).toBe(true);
    expect(total(tenant, 'containerVulnerabilities')).toBeGreaterThan(1000);
    expect(total(tenant, 'assessments')).toBeGreaterThan(100);
    expect(total(tenant, 'policyStates')).toBeGreaterThan(50);
    expect(total(tenant, 'alerts')).toBeGreaterThan(0);
    expect(total(tenant, 'incidents')).toBeGreaterThan(0);
    const minors = tenant.clusters.map((c) => Number(c.kubernetesVersion.split('.')[1]));
    expect(minors.some((m) => m <= 30)).toBe(true);
  });

  it('scales linearly with clusters without materialising findings', () => {
    const small = generateTenant({ seed: 1, clusters: 8, now });
    const big = generateTenant({ seed: 1, clusters: 80, now });
    expect(big.images.length).toBeGreaterThan(small.images.length * 8);
    expect(total(big, 'containerVulnerabilities')).toBeGreaterThan(total(small, 'containerVulnerabilities') * 5);
  });

  it('joins a CVE from an image digest to the clusters and workloads that run it', () => {
    const tenant = generateTenant({ seed: 2, clusters: 8, now });
    const runtime = all(tenant, 'runtimeContainerVulnerabilities');
    const row = runtime[0];
    if (!row) throw new Error('no runtime findings');
    const data = props(row).additionalData as JsonObject;
    const digest = (data.artifactDetails as JsonObject).digest;
    const clusterId = (data.clusterDetails as JsonObject).clusterResourceId;
    const clusterIndex = tenant.clusters.findIndex((c) => c.id === clusterId);
    const image = tenant.images.findIndex((i) => i.digest === digest);
    expect(tenant.workloads.some((w) => w.clusterIndex === clusterIndex && w.imageIndex === image)).toBe(true);
    const workloads = (data.kubernetesContext as JsonObject).workloads as JsonObject[];
    expect(workloads.length).toBeGreaterThan(0);
    const registryRows = all(tenant, 'registryContainerVulnerabilities').filter((r) => ((props(r).additionalData as JsonObject).artifactDetails as JsonObject).digest === digest);
    expect(registryRows.map((r) => props(r).id)).toContain(props(row).id);
  });

  it('spreads history over the window: new and resolved findings, alerts and incidents inside the year', () => {
    const tenant = generateTenant({ seed: 9, clusters: 8, now });
    expect(tenant.days).toBe(365);
    const asOf = tenant.asOf.getTime();
    const windowStart = asOf - 365 * 86_400_000;
    const statuses = all(tenant, 'assessments').map((a) => props(a).status as JsonObject);
    const changedInWindow = statuses.filter((s) => Date.parse(String(s.statusChangeDate)) >= windowStart);
    expect(changedInWindow.some((s) => s.code === 'Healthy')).toBe(true);
    expect(changedInWindow.some((s) => s.code === 'Unhealthy')).toBe(true);
    expect(statuses.every((s) => Date.parse(String(s.statusChangeDate)) <= asOf && Date.parse(String(s.firstEvaluationDate)) <= Date.parse(String(s.statusChangeDate)))).toBe(true);
    const vulns = all(tenant, 'registryContainerVulnerabilities').map((v) => props(v));
    const resolved = vulns.filter((v) => (v.status as JsonObject).code === 'Healthy');
    expect(resolved.length / vulns.length).toBeGreaterThan(0.05);
    // Fixed inside the year, or — a digest retired before it — earlier; never after today.
    expect(resolved.every((v) => Date.parse(String(v.timeGenerated)) <= asOf)).toBe(true);
    expect(resolved.filter((v) => Date.parse(String(v.timeGenerated)) >= windowStart).length / resolved.length).toBeGreaterThan(0.8);
    const alerts = all(tenant, 'alerts').map((a) => props(a));
    expect(alerts.every((a) => Date.parse(String(a.startTimeUtc)) >= windowStart && Date.parse(String(a.endTimeUtc)) <= asOf + 1000)).toBe(true);
    const incidents = all(tenant, 'incidents').map((i) => props(i));
    expect(incidents.every((i) => Date.parse(String(i.createdTimeUtc)) <= asOf)).toBe(true);
  });
});

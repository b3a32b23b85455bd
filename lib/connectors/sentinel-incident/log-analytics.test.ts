// Sentinel through Log Analytics, end to end against the local stand-in with the official Logs client: the same
// demo workspace read through the SecurityInsights API and through the SecurityIncident/SecurityAlert tables gives
// the same incidents — same keys, severities, statuses, clusters, owners and linked Defender alerts — so a tenant
// can switch paths without its queue items changing identity. A failing query fails the run, naming the workspace.
import { describe, expect, it } from 'vitest';
import { collect } from '../testing/fake-arm';
import { useStandIn } from '../testing/stand-in-fixture';
import type { AzureSettings, SourceBatch } from '../types';
import { sentinelIncidentConnector } from './index';

const fixture = useStandIn({ seed: 7, clusters: 12, now: new Date('2025-06-01T00:00:00Z'), pageSize: 5 });

function settings(via: 'api' | 'log-analytics'): AzureSettings {
  const ws = fixture.tenant.sentinelWorkspace.id;
  return fixture.settings({
    sentinelWorkspaceIds: via === 'api' ? [ws] : [],
    sentinelLogAnalyticsWorkspaceIds: via === 'log-analytics' ? [ws] : [],
    logAnalyticsEndpoint: `${fixture.standIn.url}/v1`,
  });
}

const view = (batches: SourceBatch[]) => {
  const events = new Map(batches.flatMap((b) => b.securityEvents ?? []).map((e) => [e.sourceKey, e]));
  return batches
    .flatMap((b) => b.findings ?? [])
    .map((f) => {
      const e = events.get(f.sourceKey);
      return {
        key: f.sourceKey, title: f.title, severity: f.severity, status: f.status, cluster: f.clusterArmId, resource: f.resourceId,
        firstSeen: f.firstSeenAt?.toISOString(), resolved: f.resolvedAt?.toISOString(), rule: f.ruleId,
        alerts: e?.relatedAlertIds, tactics: e?.tactics, owner: e?.sourceOwner, classification: e?.classification,
        number: e?.incidentNumber, alertCount: e?.alertCount, url: e?.portalUrl, triage: e?.initialTriageStatus,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
};

describe('Sentinel incidents through Log Analytics', () => {
  it('gives the same incidents as the SecurityInsights API, with their Defender alerts linked', async () => {
    const api = view(await collect(sentinelIncidentConnector.run({ azure: settings('api') })));
    const logs = view(await collect(sentinelIncidentConnector.run({ azure: settings('log-analytics') })));
    expect(api.length).toBe(fixture.tenant.count('incidents', fixture.tenant.sentinelWorkspace.subscriptionId));
    expect(api.length).toBeGreaterThan(0);
    expect(logs).toEqual(api);
    // Not vacuous: the incidents name clusters and carry the systemAlertIds of the alerts they fold.
    expect(logs.filter((i) => i.cluster !== null).length).toBeGreaterThan(0);
    expect(logs.every((i) => (i.alerts ?? []).length > 0)).toBe(true);
  }, 60_000);

  it('a failing query fails the run and names the workspace; nothing is yielded as if the workspace were empty', async () => {
    fixture.standIn.setFaults({ failPaths: [/^\/v1\//] });
    try {
      await expect(collect(sentinelIncidentConnector.run({ azure: settings('log-analytics') }))).rejects.toThrow(
        `SecurityIncident query of workspace ${fixture.tenant.sentinelWorkspace.id} failed`,
      );
    } finally {
      fixture.standIn.setFaults({});
    }
  }, 60_000);
});

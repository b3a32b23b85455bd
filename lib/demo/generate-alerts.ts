// The alerts inside each demo Sentinel incident (Incidents_ListAlerts), in the official 2025-09-01 shape. Incident
// j of cluster c is raised from Defender alert j of cluster c, so its SecurityAlert carries the same systemAlertId
// (and the cluster as an Azure resource identifier): the dashboard links the two and shows one queue item.
import type { DemoCluster, DemoWorkspace, JsonObject } from './generate-tenant';
import type { Rng } from './prng';

export interface IncidentAlertSources {
  clusters: readonly DemoCluster[];
  incidentCounts: readonly number[];
  incidentName(cluster: number, j: number): string;
  defenderAlert(cluster: number, j: number): JsonObject;
  workspace: DemoWorkspace;
}

const str = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' ? v : null;
};

/** A Defender alert as Sentinel lists it among an incident's alerts (kind SecurityAlert). */
export function toSentinelAlert(defender: JsonObject, workspace: DemoWorkspace): JsonObject {
  const p = (defender.properties ?? {}) as JsonObject;
  const systemAlertId = str(p, 'systemAlertId') ?? '';
  const resource = Array.isArray(p.resourceIdentifiers) ? p.resourceIdentifiers.find((r) => r && typeof r === 'object' && !Array.isArray(r) && r.type === 'AzureResource') : undefined;
  const azureResourceId = resource && typeof resource === 'object' && !Array.isArray(resource) ? str(resource, 'azureResourceId') : null;
  const status = str(p, 'status');
  const intent = str(p, 'intent');
  return {
    id: `${workspace.id}/providers/Microsoft.SecurityInsights/Entities/${systemAlertId}`,
    name: systemAlertId,
    type: 'Microsoft.SecurityInsights/Entities',
    kind: 'SecurityAlert',
    properties: {
      systemAlertId,
      tactics: intent ? [intent] : [],
      alertDisplayName: str(p, 'alertDisplayName'),
      confidenceLevel: 'Unknown',
      severity: str(p, 'severity'),
      vendorName: 'Microsoft',
      productName: 'Azure Security Center',
      alertType: str(p, 'alertType'),
      processingEndTime: str(p, 'processingEndTimeUtc'),
      status: status === 'Resolved' || status === 'Dismissed' ? 'Resolved' : 'New',
      endTimeUtc: str(p, 'endTimeUtc'),
      startTimeUtc: str(p, 'startTimeUtc'),
      timeGenerated: str(p, 'timeGeneratedUtc'),
      resourceIdentifiers: [
        { type: 'LogAnalytics', workspaceId: workspace.customerId, subscriptionId: workspace.subscriptionId, resourceGroup: workspace.resourceGroup },
        ...(azureResourceId ? [{ type: 'AzureResource', ResourceId: azureResourceId }] : []),
      ],
      additionalData: { AlertMessageEnqueueTime: str(p, 'processingEndTimeUtc') },
      friendlyName: str(p, 'alertDisplayName'),
    },
  };
}

/** The alerts of the incident named `incidentName`; [] when the tenant has no such incident. */
export function incidentAlertsOf(incidentName: string, sources: IncidentAlertSources): JsonObject[] {
  const wanted = incidentName.toLowerCase();
  for (let c = 0; c < sources.clusters.length; c += 1) {
    for (let j = 0; j < (sources.incidentCounts[c] ?? 0); j += 1) {
      if (sources.incidentName(c, j).toLowerCase() === wanted) return [toSentinelAlert(sources.defenderAlert(c, j), sources.workspace)];
    }
  }
  return [];
}

// What a security team actually sees most of is the noisy middle, but the demo must show real work: high alerts are
// drawn far more often than the catalog's share of them (4 of 29 types), informational ones less.
const SEVERITY_WEIGHT: Record<string, number> = { high: 8, medium: 3, low: 2, informational: 1 };

/** An alert type from the pool, weighted by severity. */
export function pickAlertType<T extends { severity: string }>(rng: Rng, pool: readonly T[]): T {
  const total = pool.reduce((n, t) => n + (SEVERITY_WEIGHT[t.severity] ?? 1), 0);
  let roll = rng.next() * total;
  for (const t of pool) {
    roll -= SEVERITY_WEIGHT[t.severity] ?? 1;
    if (roll < 0) return t;
  }
  const last = pool[pool.length - 1];
  if (!last) throw new Error('pick from an empty alert pool');
  return last;
}

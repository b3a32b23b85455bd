// Microsoft Sentinel incidents, workspace by workspace, each with the alerts it contains and the entities it involves: through the SecurityInsights
// API (SENTINEL_WORKSPACE_IDS) or through Log Analytics (SENTINEL_LOG_ANALYTICS_WORKSPACE_IDS, log-analytics.ts).
import { MalformedRecordError, transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { createSentinelClient } from './client';
import { fetchIncidentAlerts, fetchIncidentEntities, fetchIncidentPages } from './fetch';
import { fetchLogAnalyticsIncidents, type LogAnalyticsIncident } from './log-analytics';
import { alertRestShapeOf, incidentRestShapeOf } from './log-analytics-transform';
import { toIncidentRows } from './transform';

const idOf = (raw: unknown, index: number): string => {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.length === 0) throw new MalformedRecordError('Sentinel incident', index, 'missing id');
  return id;
};

async function* runSentinelIncident(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  // Not configured is not "no incidents": the run fails with the reason, and the dashboard says so.
  const viaLogs = azure.sentinelLogAnalyticsWorkspaceIds ?? [];
  if (azure.sentinelWorkspaceIds.length === 0 && viaLogs.length === 0) {
    throw new Error('No Sentinel workspace is configured (SENTINEL_WORKSPACE_IDS and SENTINEL_LOG_ANALYTICS_WORKSPACE_IDS are empty).');
  }
  for (const workspaceId of azure.sentinelWorkspaceIds) {
    const client = createSentinelClient(azure, workspaceId);
    let page = 0;
    for await (const items of fetchIncidentPages(client, azure, workspaceId, signal)) {
      page += 1;
      // One alerts call per incident, in order: Sentinel throttles per workspace, and a page is at most 50–100.
      const alerts: unknown[][] = [];
      const entities: unknown[][] = [];
      for (const [i, raw] of items.entries()) {
        alerts.push(await fetchIncidentAlerts(client, azure, idOf(raw, i), signal));
        entities.push(await fetchIncidentEntities(client, azure, idOf(raw, i), signal));
      }
      let next = 0;
      const rows = transformEach(items, 'Sentinel incident', (raw) => {
        const at = next++;
        return toIncidentRows(raw, alerts[at] ?? [], entities[at] ?? []);
      });
      progress?.(`sentinel-incident ${workspaceId}: page ${page}: ${rows.length}`);
      yield { findings: rows.map((r) => r.finding), securityEvents: rows.map((r) => r.event) };
    }
  }
  for (const workspaceId of viaLogs) {
    let slice = 0;
    for await (const items of fetchLogAnalyticsIncidents(azure, workspaceId, signal)) {
      slice += 1;
      // The rows were parsed by the fetch (row errors name the table and column); transformEach adds the index.
      const rows = transformEach(items, 'Sentinel incident (Log Analytics)', (item) => {
        const { incident, alerts } = item as LogAnalyticsIncident;
        return toIncidentRows(incidentRestShapeOf(incident, workspaceId), alerts.map((a) => alertRestShapeOf(a, workspaceId)));
      });
      progress?.(`sentinel-incident ${workspaceId} (Log Analytics): slice ${slice}: ${rows.length}`);
      yield { findings: rows.map((r) => r.finding), securityEvents: rows.map((r) => r.event) };
    }
  }
}

export const sentinelIncidentConnector: Connector = {
  id: 'sentinel-incident',
  run: runSentinelIncident,
};

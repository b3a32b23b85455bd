// Sentinel incidents of the workspaces read through Log Analytics (SENTINEL_LOG_ANALYTICS_WORKSPACE_IDS), with the
// official Azure Monitor Logs client (`@azure/monitor-query-logs`, the maintained successor of
// `@azure/monitor-query`). Queries run in the context of the workspace's ARM id (a resource-centric query), so the
// incidents get the same ids as through the SecurityInsights API. The Logs API has no paging: the incidents come in
// one result and are handed on in slices, each with its alerts, to keep a batch the size of an API page.
import { LogsQueryClient, LogsQueryResultStatus } from '@azure/monitor-query-logs';
import { additionalPoliciesOf } from '../shared/client-options';
import { transformEach } from '../shared/record';
import type { AzureSettings } from '../types';
import { alertsQuery, incidentsQuery, parseAlertRow, parseIncidentRow, recordsOf, type SecurityAlertRow, type SecurityIncidentRow } from './log-analytics-transform';

/** Sentinel's own incident list covers about this window by default; older closed incidents are history. */
export const LOOKBACK_DAYS = 90;
const SLICE = 100;
const ALERT_IDS_PER_QUERY = 200;

export function createLogsClient(settings: AzureSettings): LogsQueryClient {
  // The public endpoint (api.loganalytics.io/v1) unless configured — sovereign clouds and the local stand-in.
  return new LogsQueryClient(settings.credential, {
    ...(settings.logAnalyticsEndpoint ? { endpoint: settings.logAnalyticsEndpoint } : {}),
    additionalPolicies: additionalPoliciesOf(settings),
  });
}

async function query(client: LogsQueryClient, workspaceId: string, kql: string, what: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
  let result;
  try {
    result = await client.queryResource(workspaceId, kql, { duration: `P${LOOKBACK_DAYS}D` }, { abortSignal: signal });
  } catch (error) {
    throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // A partial result is not the workspace's incidents: fail the run rather than sweep what was left out.
  if (result.status !== LogsQueryResultStatus.Success) throw new Error(`${what} returned a partial result: ${result.partialError.message}`);
  const table = result.tables[0];
  return table ? recordsOf(table, what) : [];
}

export interface LogAnalyticsIncident {
  incident: SecurityIncidentRow;
  alerts: SecurityAlertRow[];
}

export async function* fetchLogAnalyticsIncidents(settings: AzureSettings, workspaceId: string, signal?: AbortSignal): AsyncGenerator<LogAnalyticsIncident[]> {
  const client = createLogsClient(settings);
  const incidents = transformEach(await query(client, workspaceId, incidentsQuery(LOOKBACK_DAYS), `SecurityIncident query of workspace ${workspaceId}`, signal), 'SecurityIncident row', parseIncidentRow);
  for (let start = 0; start < incidents.length; start += SLICE) {
    const slice = incidents.slice(start, start + SLICE);
    const ids = [...new Set(slice.flatMap((i) => i.AlertIds ?? []))];
    const alerts = new Map<string, SecurityAlertRow>();
    for (let a = 0; a < ids.length; a += ALERT_IDS_PER_QUERY) {
      const rows = await query(client, workspaceId, alertsQuery(LOOKBACK_DAYS, ids.slice(a, a + ALERT_IDS_PER_QUERY)), `SecurityAlert query of workspace ${workspaceId}`, signal);
      for (const row of transformEach(rows, 'SecurityAlert row', parseAlertRow)) alerts.set(row.SystemAlertId.toLowerCase(), row);
    }
    // An alert past the table's retention is left out of its incident, as the API would no longer list it either.
    yield slice.map((incident) => ({ incident, alerts: (incident.AlertIds ?? []).flatMap((id) => alerts.get(id.toLowerCase()) ?? []) }));
  }
}

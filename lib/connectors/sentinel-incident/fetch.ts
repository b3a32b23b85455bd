// Pages of raw incidents of one workspace (Incidents_List) and, per incident, the alerts it contains
// (Incidents_ListAlerts, a POST). Both throw when they cannot finish, so a partial read is never a complete run.
import { armListRaw, armUrl, type ArmPipelineClient } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { INCIDENTS_API_VERSION } from './client';

export function fetchIncidentPages(client: ArmPipelineClient, settings: AzureSettings, workspaceId: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  const url = armUrl(settings.armEndpoint, `${workspaceId}/providers/Microsoft.SecurityInsights/incidents`, INCIDENTS_API_VERSION);
  return armListRaw(client, url, `Sentinel incidents of workspace ${workspaceId}`, { signal });
}

export async function fetchIncidentAlerts(client: ArmPipelineClient, settings: AzureSettings, incidentId: string, signal?: AbortSignal): Promise<unknown[]> {
  const url = armUrl(settings.armEndpoint, `${incidentId}/alerts`, INCIDENTS_API_VERSION);
  const all: unknown[] = [];
  for await (const page of armListRaw(client, url, `alerts of incident ${incidentId}`, { method: 'POST', signal })) all.push(...page);
  return all;
}

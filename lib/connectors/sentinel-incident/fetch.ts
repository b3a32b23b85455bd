// Pages of raw incidents of one workspace (Incidents_List) and, per incident, the alerts it contains
// (Incidents_ListAlerts, a POST) and the entities it involves (Incidents_ListEntities, a POST). All throw when they cannot finish, so a partial read is never a complete run.
import { z } from 'zod';
import { armListRaw, armResponseJson, armUrl, sendArm, type ArmPipelineClient } from '../shared/raw-arm';
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

const entitiesResponseSchema = z.object({ entities: z.array(z.unknown()).nullish() });

/** Incidents_ListEntities (a POST, not a list: `{ entities: [...], metaData: [...] }`). */
export async function fetchIncidentEntities(client: ArmPipelineClient, settings: AzureSettings, incidentId: string, signal?: AbortSignal): Promise<unknown[]> {
  const what = `entities of incident ${incidentId}`;
  const url = armUrl(settings.armEndpoint, `${incidentId}/entities`, INCIDENTS_API_VERSION);
  const response = await sendArm(client, 'POST', url, what, { signal });
  const parsed = entitiesResponseSchema.safeParse(armResponseJson(response, what));
  if (!parsed.success) throw new Error(`${what}: the answer is not an entities response ({ entities: [...] })`);
  return parsed.data.entities ?? [];
}

// The stand-in's side of triage: the alerts inside an incident (Incidents_ListAlerts) and the write-back calls the
// dashboard makes — Defender alert state changes (2022-01-01: body-less POST …/alerts/{name}/activate|resolve|dismiss|
// inProgress, 204) and Sentinel incident updates (2025-09-01: PUT …/incidents/{id} and …/incidents/{id}/comments/{id}).
// Accepted changes are remembered and laid over later list pages, so the demo shows the round trip.
import { ArmError } from './arm-error';
import type { DemoRecordKind, DemoTenant, JsonObject, JsonValue } from './generate-tenant';

export interface StandInReply {
  status: number;
  body: JsonValue | null;
}

const GUID = '[0-9a-fA-F-]{36}';
const ALERT_STATE = new RegExp(`^/subscriptions/(${GUID})(?:/resourceGroups/[^/]+)?/providers/Microsoft\\.Security/locations/[^/]+/alerts/([^/]+)/(activate|resolve|dismiss|inProgress)/?$`, 'i');
const INCIDENT = new RegExp(`^(/subscriptions/${GUID}/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+)/providers/Microsoft\\.SecurityInsights/incidents/([^/]+)(/alerts|/entities|/comments/[^/]+)?/?$`, 'i');

const STATE_WORD: Record<string, string> = { activate: 'Active', resolve: 'Resolved', dismiss: 'Dismissed', inprogress: 'InProgress' };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface TriageStandIn {
  /** Answers a triage route, or null when the path is not one. */
  handle(method: string, path: string, body: () => Promise<string>): Promise<StandInReply | null>;
  /** Lays accepted write-backs over a page of alerts or incidents. */
  overlay(kind: DemoRecordKind, records: JsonObject[]): JsonObject[];
  /** What was written back (tests and the demo read it). */
  writes(): { alerts: Record<string, string>; incidents: Record<string, JsonObject>; comments: Record<string, string[]> };
}

export function createTriageStandIn(tenant: DemoTenant): TriageStandIn {
  const alertStates = new Map<string, string>();
  const incidentProps = new Map<string, JsonObject>();
  const comments = new Map<string, string[]>();
  const ws = tenant.sentinelWorkspace;

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
  };

  const overlay = (kind: DemoRecordKind, records: JsonObject[]): JsonObject[] => {
    if (kind === 'alerts' && alertStates.size > 0) {
      return records.map((r) => {
        const state = alertStates.get(String(r.name ?? '').toLowerCase());
        return state && isObject(r.properties) ? { ...r, properties: { ...r.properties, status: state } } : r;
      });
    }
    if (kind === 'incidents' && incidentProps.size > 0) {
      return records.map((r) => {
        const patch = incidentProps.get(String(r.name ?? '').toLowerCase());
        return patch && isObject(r.properties) ? { ...r, properties: { ...r.properties, ...patch } } : r;
      });
    }
    return records;
  };

  return {
    async handle(method, path, body): Promise<StandInReply | null> {
      const alert = ALERT_STATE.exec(path);
      if (alert) {
        if (method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
        const name = (alert[2] ?? '').toLowerCase();
        alertStates.set(name, STATE_WORD[(alert[3] ?? '').toLowerCase()] ?? 'Active');
        return { status: 204, body: null };
      }
      const incident = INCIDENT.exec(path);
      if (!incident) return null;
      if ((incident[1] ?? '').toLowerCase() !== ws.id.toLowerCase()) {
        throw new ArmError(404, 'ResourceNotFound', `The workspace '${incident[1] ?? ''}' was not found.`);
      }
      const name = (incident[2] ?? '').toLowerCase();
      const sub = (incident[3] ?? '').toLowerCase();
      if (sub === '/alerts') {
        if (method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
        const list: JsonObject = { value: tenant.incidentAlerts(name) };
        return { status: 200, body: list };
      }
      if (sub === '/entities') {
        // Incidents_ListEntities: the Azure resources the incident's alerts name, as Sentinel entities.
        if (method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
        const resources = [...new Set(tenant.incidentAlerts(name).flatMap((a) => {
          const ids = isObject(a.properties) && Array.isArray(a.properties.resourceIdentifiers) ? a.properties.resourceIdentifiers : [];
          return ids.flatMap((r) => (isObject(r) && typeof r.ResourceId === 'string' ? [r.ResourceId] : []));
        }))];
        const entities: JsonObject[] = resources.map((resourceId) => ({
          id: `${ws.id}/providers/Microsoft.SecurityInsights/Entities/${resourceId.split('/').pop() ?? 'resource'}`,
          name: resourceId.split('/').pop() ?? 'resource',
          type: 'Microsoft.SecurityInsights/Entities',
          kind: 'AzureResource',
          properties: { resourceId, subscriptionId: resourceId.split('/')[2] ?? '', friendlyName: resourceId.split('/').pop() ?? resourceId },
        }));
        return { status: 200, body: { entities, metaData: entities.length ? [{ count: entities.length, entityKind: 'AzureResource' }] : [] } };
      }
      if (method === 'GET' && sub === '') {
        // Incidents_Get: the write-back reads an incident before replacing it (PUT replaces the whole resource).
        const found = tenant.page('incidents', ws.subscriptionId, 0, tenant.count('incidents', ws.subscriptionId)).find((r) => String(r.name ?? '').toLowerCase() === name);
        if (!found) throw new ArmError(404, 'NotFound', `The incident '${name}' was not found.`);
        const [current] = overlay('incidents', [found]);
        return { status: 200, body: current ?? found };
      }
      if (method !== 'PUT') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const parsed = parseJson(await body());
      if (!isObject(parsed) || !isObject(parsed.properties)) throw new ArmError(400, 'BadRequest', "The request body must contain 'properties'.");
      if (sub.startsWith('/comments/')) {
        const message = parsed.properties.message;
        if (typeof message !== 'string' || message.length === 0) throw new ArmError(400, 'BadRequest', "A comment needs 'properties.message'.");
        comments.set(name, [...(comments.get(name) ?? []), message]);
        const created: JsonObject = { id: path, name: path.split('/').pop() ?? '', type: 'Microsoft.SecurityInsights/Incidents/Comments', properties: { message, createdTimeUtc: new Date().toISOString() } };
        return { status: 201, body: created };
      }
      const props = parsed.properties;
      if (typeof props.title !== 'string' || typeof props.severity !== 'string' || typeof props.status !== 'string') {
        throw new ArmError(400, 'BadRequest', 'An incident update needs properties.title, severity and status.');
      }
      if (props.status === 'Closed' && typeof props.classification !== 'string') {
        throw new ArmError(400, 'BadRequest', 'Closing an incident requires a classification.');
      }
      incidentProps.set(name, { ...(incidentProps.get(name) ?? {}), ...props });
      const updated: JsonObject = { id: path, name, type: 'Microsoft.SecurityInsights/incidents', properties: props };
      return { status: 200, body: updated };
    },
    overlay,
    writes: () => ({
      alerts: Object.fromEntries(alertStates),
      incidents: Object.fromEntries(incidentProps),
      comments: Object.fromEntries(comments),
    }),
  };
}

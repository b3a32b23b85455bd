// The Log Analytics query API (`POST /v1/{workspace ARM id}/query`) for the demo tenant's Sentinel workspace, as far
// as the dashboard uses it: the SecurityIncident and SecurityAlert queries of
// lib/connectors/sentinel-incident/log-analytics-transform.ts, answered with the tables' documented columns and the
// Logs API's result shape (`{ tables: [{ name, columns: [{ name, type }], rows }] }`, dynamic values as JSON text).
// The rows are the same incidents and alerts the SecurityInsights routes serve, so both paths can be compared.
// It does not run KQL: any other query is refused loudly rather than answered with made-up data.
import { z } from 'zod';
import type { DemoTenant, JsonObject, JsonValue } from './generate-tenant';

export const LOG_ANALYTICS_QUERY = /^\/v1\/(subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.operationalinsights\/workspaces\/[^/]+)\/query$/i;

export interface LogsReply {
  status: number;
  body: JsonObject;
}

type Column = { name: string; type: 'string' | 'int' | 'datetime' | 'dynamic' };

const INCIDENT_COLUMNS: Column[] = [
  { name: 'IncidentName', type: 'string' }, { name: 'IncidentNumber', type: 'int' }, { name: 'Title', type: 'string' },
  { name: 'Description', type: 'string' }, { name: 'Severity', type: 'string' }, { name: 'Status', type: 'string' },
  { name: 'Classification', type: 'string' }, { name: 'ClassificationReason', type: 'string' }, { name: 'Owner', type: 'dynamic' },
  { name: 'Labels', type: 'dynamic' }, { name: 'IncidentUrl', type: 'string' }, { name: 'CreatedTime', type: 'datetime' },
  { name: 'LastModifiedTime', type: 'datetime' }, { name: 'FirstActivityTime', type: 'datetime' }, { name: 'LastActivityTime', type: 'datetime' },
  { name: 'RelatedAnalyticRuleIds', type: 'dynamic' }, { name: 'AlertIds', type: 'dynamic' }, { name: 'AdditionalData', type: 'dynamic' },
];

const ALERT_COLUMNS: Column[] = [
  { name: 'SystemAlertId', type: 'string' }, { name: 'AlertName', type: 'string' }, { name: 'AlertSeverity', type: 'string' },
  { name: 'ProductName', type: 'string' }, { name: 'Tactics', type: 'string' }, { name: 'ResourceId', type: 'string' }, { name: 'Status', type: 'string' },
];

const error = (status: number, code: string, message: string): LogsReply => ({ status, body: { error: { code, message } } });
const obj = (v: unknown): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
// The Logs API sends dynamic values as JSON text and empty strings for missing ones.
const dyn = (v: unknown): string => (v === undefined || v === null ? '' : JSON.stringify(v));

function alertsOf(tenant: DemoTenant, incidentName: string): JsonObject[] {
  return tenant.incidentAlerts(incidentName);
}

function incidentRow(incident: JsonObject, tenant: DemoTenant): JsonValue[] {
  const p = obj(incident.properties);
  const alertIds = alertsOf(tenant, str(incident.name)).map((a) => str(obj(a.properties).systemAlertId));
  return [
    str(incident.name), typeof p.incidentNumber === 'number' ? p.incidentNumber : null, str(p.title), str(p.description), str(p.severity), str(p.status),
    str(p.classification), str(p.classificationReason), dyn(p.owner), dyn(p.labels ?? []), str(p.incidentUrl), str(p.createdTimeUtc),
    str(p.lastModifiedTimeUtc), str(p.firstActivityTimeUtc), str(p.lastActivityTimeUtc), dyn(p.relatedAnalyticRuleIds ?? []), dyn(alertIds),
    dyn(p.additionalData),
  ];
}

function alertRow(alert: JsonObject): JsonValue[] {
  const p = obj(alert.properties);
  const resource = (Array.isArray(p.resourceIdentifiers) ? p.resourceIdentifiers : []).map(obj).find((r) => r.type === 'AzureResource');
  const tactics = Array.isArray(p.tactics) ? p.tactics.filter((t): t is string => typeof t === 'string') : [];
  return [str(p.systemAlertId), str(p.alertDisplayName), str(p.severity), str(p.productName), tactics.join(', '), str(resource?.ResourceId), str(p.status)];
}

const table = (columns: Column[], rows: JsonValue[][]): JsonObject => ({ tables: [{ name: 'PrimaryResult', columns, rows }] });

const bodySchema = z.object({ query: z.string().min(1), timespan: z.string().optional() });

export function createLogAnalyticsStandIn(tenant: DemoTenant) {
  const ws = tenant.sentinelWorkspace;
  const incidents = (): JsonObject[] => tenant.page('incidents', ws.subscriptionId, 0, tenant.count('incidents', ws.subscriptionId));
  return {
    async handle(method: string, path: string, readBody: () => Promise<string>): Promise<LogsReply> {
      const match = LOG_ANALYTICS_QUERY.exec(path);
      if (!match) return error(404, 'PathNotFoundError', `The requested path does not exist: ${path}`);
      if (method !== 'POST') return error(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      if (`/${match[1] ?? ''}`.toLowerCase() !== ws.id.toLowerCase()) return error(404, 'ResourceNotFoundError', `The resource '/${match[1] ?? ''}' was not found.`);
      let parsed;
      try {
        parsed = bodySchema.safeParse(JSON.parse(await readBody()));
      } catch {
        return error(400, 'BadArgumentError', 'The request body is not JSON.');
      }
      if (!parsed.success) return error(400, 'BadArgumentError', "The request body needs a 'query' string.");
      const query = parsed.data.query;
      if (/^\s*SecurityIncident\b/.test(query)) return { status: 200, body: table(INCIDENT_COLUMNS, incidents().map((i) => incidentRow(i, tenant))) };
      if (/^\s*SecurityAlert\b/.test(query)) {
        const listed = /dynamic\((\[[^\]]*\])\)/.exec(query)?.[1];
        const wanted = new Set(z.array(z.string()).parse(JSON.parse(listed ?? '[]')).map((id) => id.toLowerCase()));
        const alerts = incidents().flatMap((i) => alertsOf(tenant, str(i.name)));
        const rows = alerts.filter((a) => wanted.has(str(obj(a.properties).systemAlertId).toLowerCase())).map(alertRow);
        return { status: 200, body: table(ALERT_COLUMNS, rows) };
      }
      return error(400, 'BadArgumentError', 'The demo stand-in answers the dashboard\'s SecurityIncident and SecurityAlert queries only.');
    },
  };
}

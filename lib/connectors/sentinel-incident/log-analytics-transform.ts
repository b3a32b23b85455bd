// Sentinel read through Log Analytics (the `SecurityIncident` and `SecurityAlert` tables) instead of the
// SecurityInsights API — for workspaces where the identity has Log Analytics Reader but no Sentinel role, or where
// the incidents API is not reachable. Each table row is rebuilt into the incident and alert REST shapes, so the one
// incident transform (transform.ts) makes the rows and both paths give the same finding for the same incident:
// same key (the incident's ARM id under its workspace), same severity, status, owner, cluster and linked alerts.
// Pure; columns as documented for the two tables (Azure Monitor Logs reference).
import { z } from 'zod';
import { RecordError } from '../shared/record';

/** One query result table as the SDK returns it: positional rows under named columns. */
export interface LogsTableLike {
  columnDescriptors: readonly { name?: string }[];
  rows: readonly (readonly unknown[])[];
}

/** Rows of a result table as objects keyed by column name; a table without column names is refused. */
export function recordsOf(table: LogsTableLike, what: string): Record<string, unknown>[] {
  const names = table.columnDescriptors.map((c, i) => {
    if (!c.name) throw new RecordError(`${what}: column ${i} has no name`);
    return c.name;
  });
  return table.rows.map((row, r) => {
    if (row.length !== names.length) throw new RecordError(`${what}: row ${r} has ${row.length} values for ${names.length} columns`);
    return Object.fromEntries(names.map((n, i) => [n, row[i]]));
  });
}

// The SDK turns `datetime` columns into Date and parses `dynamic` JSON; a saved response keeps them as text.
const when = z.union([z.date(), z.string()]).nullish().transform((v) => (v instanceof Date ? v.toISOString() : (v ?? null) || null));
const dynamic = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return null;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, schema.nullish());
const text = z.string().nullish().transform((v) => (v && v.length > 0 ? v : null));

export const securityIncidentRowSchema = z.object({
  IncidentName: z.string().min(1, 'missing IncidentName'),
  IncidentNumber: z.coerce.number().int().nullish(),
  Title: z.string().min(1, 'missing Title'),
  Description: text,
  Severity: z.string().min(1, 'missing Severity'),
  Status: z.string().min(1, 'missing Status'),
  Classification: text,
  ClassificationReason: text,
  Owner: dynamic(z.object({ assignedTo: z.string().nullish(), email: z.string().nullish(), userPrincipalName: z.string().nullish(), objectId: z.string().nullish() })),
  Labels: dynamic(z.array(z.looseObject({ labelName: z.string() }))),
  IncidentUrl: text,
  CreatedTime: when,
  LastModifiedTime: when,
  FirstActivityTime: when,
  LastActivityTime: when,
  RelatedAnalyticRuleIds: dynamic(z.array(z.string())),
  AlertIds: dynamic(z.array(z.string())),
  AdditionalData: dynamic(z.looseObject({})),
});
export type SecurityIncidentRow = z.infer<typeof securityIncidentRowSchema>;

export const securityAlertRowSchema = z.object({
  SystemAlertId: z.string().min(1, 'missing SystemAlertId'),
  AlertName: text,
  AlertSeverity: text,
  ProductName: text,
  /** Comma-separated in this table ("Execution, Persistence"), an array in the API. */
  Tactics: text,
  ResourceId: text,
  Status: text,
});
export type SecurityAlertRow = z.infer<typeof securityAlertRowSchema>;

function parseRow<T extends z.ZodType>(schema: T, row: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RecordError(`${what}: ${issue ? `${issue.path.join('.') || '(row)'}: ${issue.message}` : 'malformed'}`);
}

export const parseIncidentRow = (row: unknown): SecurityIncidentRow => parseRow(securityIncidentRowSchema, row, 'SecurityIncident row');
export const parseAlertRow = (row: unknown): SecurityAlertRow => parseRow(securityAlertRowSchema, row, 'SecurityAlert row');

/** The incident as Incidents_Get returns it; `workspaceArmId` gives it the same id as the API path would. */
export function incidentRestShapeOf(row: SecurityIncidentRow, workspaceArmId: string): Record<string, unknown> {
  return {
    id: `${workspaceArmId}/providers/Microsoft.SecurityInsights/Incidents/${row.IncidentName}`,
    name: row.IncidentName,
    type: 'Microsoft.SecurityInsights/Incidents',
    properties: {
      title: row.Title,
      description: row.Description,
      severity: row.Severity,
      status: row.Status,
      classification: row.Classification,
      classificationReason: row.ClassificationReason,
      owner: row.Owner ?? null,
      labels: row.Labels ?? [],
      incidentNumber: row.IncidentNumber ?? null,
      incidentUrl: row.IncidentUrl,
      createdTimeUtc: row.CreatedTime,
      lastModifiedTimeUtc: row.LastModifiedTime,
      firstActivityTimeUtc: row.FirstActivityTime,
      lastActivityTimeUtc: row.LastActivityTime,
      relatedAnalyticRuleIds: row.RelatedAnalyticRuleIds ?? [],
      additionalData: row.AdditionalData ?? null,
    },
  };
}

/** An alert as Incidents_ListAlerts returns it (kind SecurityAlert). */
export function alertRestShapeOf(row: SecurityAlertRow, workspaceArmId: string): Record<string, unknown> {
  return {
    id: `${workspaceArmId}/providers/Microsoft.SecurityInsights/Entities/${row.SystemAlertId}`,
    name: row.SystemAlertId,
    kind: 'SecurityAlert',
    properties: {
      systemAlertId: row.SystemAlertId,
      alertDisplayName: row.AlertName,
      severity: row.AlertSeverity,
      productName: row.ProductName,
      status: row.Status,
      tactics: (row.Tactics ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0),
      resourceIdentifiers: row.ResourceId ? [{ type: 'AzureResource', ResourceId: row.ResourceId }] : [],
    },
  };
}

// Alert ids go into a KQL `dynamic([...])` literal: only the characters Sentinel and Defender use in them.
const ALERT_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The latest version of every incident of the last `days` days (the table keeps one row per change). */
export function incidentsQuery(days: number): string {
  return `SecurityIncident
| where TimeGenerated > ago(${Math.trunc(days)}d)
| summarize arg_max(LastModifiedTime, *) by IncidentName
| project IncidentName, IncidentNumber, Title, Description, Severity, Status, Classification, ClassificationReason, Owner, Labels, IncidentUrl, CreatedTime, LastModifiedTime, FirstActivityTime, LastActivityTime, RelatedAnalyticRuleIds, AlertIds, AdditionalData`;
}

/** The latest version of the named alerts. Throws on an id that could not be a Sentinel alert id. */
export function alertsQuery(days: number, systemAlertIds: readonly string[]): string {
  for (const id of systemAlertIds) if (!ALERT_ID.test(id)) throw new RecordError(`SecurityIncident: alert id "${id.slice(0, 80)}" is not an alert id`);
  return `SecurityAlert
| where TimeGenerated > ago(${Math.trunc(days)}d)
| where SystemAlertId in (dynamic(${JSON.stringify(systemAlertIds)}))
| summarize arg_max(TimeGenerated, *) by SystemAlertId
| project SystemAlertId, AlertName, AlertSeverity, ProductName, Tactics, ResourceId, Status`;
}

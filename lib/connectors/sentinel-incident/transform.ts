// Raw Microsoft Sentinel incident REST JSON (SecurityInsights 2025-09-01) plus the alerts it contains
// (Incidents_ListAlerts) and its entities (Incidents_ListEntities) → one finding row (kind incident) and a security-event row that names the contained
// alerts' systemAlertIds, so the store can fold the matching Defender alerts under the incident.
import { z } from 'zod';
import type { TriageStatus } from '../../domain/triage-status';
import { findingRowSchema, type FindingRow } from '../../domain/rows';
import { securityEventRowSchema, type SecurityEventRow } from '../../domain/security-event-row';
import { resourceTypeOf, subscriptionIdOf } from '../shared/arm-id';
import { RecordError, parseRecord, textOrNull, toDate, toSeverity } from '../shared/record';
import { securityTargetOf } from '../shared/security-target';

export const incidentSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  properties: z.object({
    title: z.string().min(1, 'missing title'),
    description: z.string().nullish(),
    severity: z.string().min(1, 'missing severity'),
    status: z.string().min(1, 'missing status'),
    classification: z.string().nullish(),
    classificationReason: z.string().nullish(),
    owner: z
      .object({ assignedTo: z.string().nullish(), email: z.string().nullish(), userPrincipalName: z.string().nullish(), objectId: z.string().nullish() })
      .nullish(),
    labels: z.array(z.looseObject({ labelName: z.string() })).nullish(),
    incidentNumber: z.number().int().nullish(),
    incidentUrl: z.string().nullish(),
    createdTimeUtc: z.string().nullish(),
    lastModifiedTimeUtc: z.string().nullish(),
    firstActivityTimeUtc: z.string().nullish(),
    lastActivityTimeUtc: z.string().nullish(),
    relatedAnalyticRuleIds: z.array(z.string()).nullish(),
    additionalData: z
      .object({
        alertsCount: z.number().int().nullish(),
        commentsCount: z.number().int().nullish(),
        tactics: z.array(z.string()).nullish(),
        techniques: z.array(z.string()).nullish(),
        alertProductNames: z.array(z.string()).nullish(),
      })
      .nullish(),
  }),
});

// Sentinel puts any resource identifier shape in here; Defender-sourced alerts carry the Azure resource id.
const incidentAlertSchema = z.object({
  id: z.string(),
  properties: z.object({
    systemAlertId: z.string().nullish(),
    tactics: z.array(z.string()).nullish(),
    productName: z.string().nullish(),
    resourceIdentifiers: z.array(z.record(z.string(), z.unknown())).nullish(),
  }),
});

const STATUS: Record<string, FindingRow['status']> = { new: 'open', active: 'open', closed: 'resolved' };

function initialStatus(status: string, classification: string | null): TriageStatus {
  const s = status.toLowerCase();
  if (s === 'new') return 'new';
  if (s === 'active') return 'in_progress';
  return classification?.toLowerCase() === 'falsepositive' ? 'false_positive' : 'resolved';
}

function azureResourceIdsOf(alerts: readonly z.infer<typeof incidentAlertSchema>[]): string[] {
  const ids: string[] = [];
  for (const a of alerts) {
    for (const r of a.properties.resourceIdentifiers ?? []) {
      const id = [r.azureResourceId, r.resourceId, r.ResourceId].find((v): v is string => typeof v === 'string' && v.startsWith('/'));
      if (id) ids.push(id);
    }
  }
  return ids;
}

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];

export interface IncidentRows {
  finding: FindingRow;
  event: SecurityEventRow;
}

// An entity as the evidence list shows it: its kind and the properties that identify it (account, host, address,
// resource…), without Sentinel's bulky additionalData. Anything unexpected is kept as it came.
const entitySchema = z.looseObject({ kind: z.string().nullish(), properties: z.record(z.string(), z.unknown()).nullish() });

function compactEntity(raw: unknown): unknown {
  const parsed = entitySchema.safeParse(raw);
  if (!parsed.success || !parsed.data.properties) return raw;
  const { additionalData: _dropped, ...properties } = parsed.data.properties;
  return { type: parsed.data.kind ?? 'entity', ...properties };
}

export function toIncidentRows(raw: unknown, rawAlerts: readonly unknown[], rawEntities: readonly unknown[] = []): IncidentRows {
  const incident = parseRecord(incidentSchema, raw);
  const alerts = rawAlerts.map((a, i) => {
    try {
      return parseRecord(incidentAlertSchema, a);
    } catch (error) {
      throw new RecordError(`alert [${i}]: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
  const p = incident.properties;
  const status = STATUS[p.status.toLowerCase()];
  if (!status) throw new RecordError(`properties.status: unknown incident status "${p.status}"`);
  const classification = textOrNull(p.classification);
  const findingStatus = status === 'resolved' && classification?.toLowerCase() === 'falsepositive' ? 'dismissed' : status;
  const resourceIds = azureResourceIdsOf(alerts);
  const target = securityTargetOf(resourceIds, [], null);
  const resourceId = resourceIds[0] ?? incident.id;
  const created = toDate(p.createdTimeUtc, 'properties.createdTimeUtc');
  const modified = toDate(p.lastModifiedTimeUtc, 'properties.lastModifiedTimeUtc');
  const ruleId = p.relatedAnalyticRuleIds?.[0]?.split('/').pop();
  const sourceKey = incident.id.toLowerCase();
  const owner = p.owner ? (textOrNull(p.owner.assignedTo) ?? textOrNull(p.owner.email) ?? textOrNull(p.owner.userPrincipalName)) : null;
  const finding = findingRowSchema.parse({
    sourceKey,
    kind: 'incident',
    ruleId: ruleId && ruleId.length > 0 ? ruleId : 'sentinel-incident',
    title: p.title,
    description: textOrNull(p.description),
    remediation: null,
    severity: toSeverity(p.severity, 'properties.severity') ?? 'informational',
    status: findingStatus,
    resourceId,
    resourceType: resourceTypeOf(resourceId),
    // Scope follows the cluster the incident's alerts name; an incident naming none belongs to its workspace.
    subscriptionId: subscriptionIdOf(resourceId) ?? subscriptionIdOf(incident.id),
    clusterArmId: target.clusterArmId,
    registryArmId: target.registryArmId,
    imageDigest: null,
    stage: null,
    controlId: null,
    firstSeenAt: created ?? toDate(p.firstActivityTimeUtc, 'properties.firstActivityTimeUtc'),
    sourceUpdatedAt: modified,
    resolvedAt: findingStatus === 'open' ? null : modified,
    raw: { incident: raw, alerts: rawAlerts, entities: rawEntities },
  });
  const event = securityEventRowSchema.parse({
    sourceKey,
    systemAlertId: null,
    relatedAlertIds: uniq(alerts.map((a) => textOrNull(a.properties.systemAlertId)).filter((x): x is string => x !== null)),
    tactics: uniq([...(p.additionalData?.tactics ?? []), ...alerts.flatMap((a) => a.properties.tactics ?? [])]),
    techniques: uniq(p.additionalData?.techniques ?? []),
    entities: rawEntities.map(compactEntity),
    remediationSteps: [],
    portalUrl: textOrNull(p.incidentUrl),
    productName: p.additionalData?.alertProductNames?.[0] ?? alerts[0]?.properties.productName ?? 'Microsoft Sentinel',
    compromisedEntity: null,
    targetKind: target.kind,
    targetName: target.name,
    sourceStatus: p.status,
    initialTriageStatus: initialStatus(p.status, classification),
    sourceOwner: owner,
    classification,
    classificationReason: textOrNull(p.classificationReason),
    incidentNumber: p.incidentNumber ?? null,
    alertCount: p.additionalData?.alertsCount ?? alerts.length,
    commentCount: p.additionalData?.commentsCount ?? null,
    startedAt: toDate(p.firstActivityTimeUtc, 'properties.firstActivityTimeUtc'),
    endedAt: toDate(p.lastActivityTimeUtc, 'properties.lastActivityTimeUtc'),
  });
  return { finding, event };
}

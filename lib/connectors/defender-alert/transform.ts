// Raw Defender for Cloud security alert REST JSON (Microsoft.Security/locations/alerts, 2022-01-01) → a finding row
// (kind alert, scored against the operate-stage threat controls) and a security-event row with the evidence.
import { z } from 'zod';
import type { TriageStatus } from '../../domain/triage-status';
import { findingRowSchema, type FindingRow } from '../../domain/rows';
import { securityEventRowSchema, type SecurityEventRow } from '../../domain/security-event-row';
import { resourceTypeOf, subscriptionIdOf } from '../shared/arm-id';
import { RecordError, parseRecord, textOrNull, toDate, toSeverity } from '../shared/record';
import { securityTargetOf } from '../shared/security-target';

const resourceIdentifierSchema = z.looseObject({ type: z.string().nullish(), azureResourceId: z.string().nullish() });

export const alertSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  properties: z.object({
    alertType: z.string().min(1, 'missing alertType'),
    systemAlertId: z.string().nullish(),
    alertDisplayName: z.string().nullish(),
    description: z.string().nullish(),
    severity: z.string().min(1, 'missing severity'),
    status: z.string().min(1, 'missing status'),
    intent: z.string().nullish(),
    startTimeUtc: z.string().nullish(),
    endTimeUtc: z.string().nullish(),
    timeGeneratedUtc: z.string().nullish(),
    processingEndTimeUtc: z.string().nullish(),
    resourceIdentifiers: z.array(resourceIdentifierSchema).nullish(),
    remediationSteps: z.array(z.string()).nullish(),
    alertUri: z.string().nullish(),
    productName: z.string().nullish(),
    compromisedEntity: z.string().nullish(),
    entities: z.array(z.unknown()).nullish(),
    techniques: z.array(z.string()).nullish(),
    subTechniques: z.array(z.string()).nullish(),
  }),
});

// Alert status (2022-01-01): Active, InProgress, Resolved, Dismissed.
const STATUS: Record<string, { finding: FindingRow['status']; triage: TriageStatus }> = {
  active: { finding: 'open', triage: 'new' },
  inprogress: { finding: 'open', triage: 'in_progress' },
  resolved: { finding: 'resolved', triage: 'resolved' },
  dismissed: { finding: 'dismissed', triage: 'false_positive' },
};

/** Intent is a comma-separated list of MITRE tactics ("Execution, Persistence"); "Unknown" carries none. */
export function tacticsOf(intent: string | null | undefined): string[] {
  return (intent ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.toLowerCase() !== 'unknown');
}

export interface AlertRows {
  finding: FindingRow;
  event: SecurityEventRow;
}

export function toAlertRows(raw: unknown): AlertRows {
  const alert = parseRecord(alertSchema, raw);
  const p = alert.properties;
  const status = STATUS[p.status.toLowerCase()];
  if (!status) throw new RecordError(`properties.status: unknown alert status "${p.status}"`);
  const severity = toSeverity(p.severity, 'properties.severity');
  const resourceIds = (p.resourceIdentifiers ?? [])
    .filter((r) => (r.type ?? '').toLowerCase() === 'azureresource' && textOrNull(r.azureResourceId))
    .map((r) => r.azureResourceId as string);
  const entities = p.entities ?? [];
  const target = securityTargetOf(resourceIds, entities, textOrNull(p.compromisedEntity));
  const resourceId = resourceIds[0] ?? alert.id;
  const startedAt = toDate(p.startTimeUtc, 'properties.startTimeUtc');
  const generatedAt = toDate(p.timeGeneratedUtc, 'properties.timeGeneratedUtc');
  const updatedAt = toDate(p.processingEndTimeUtc, 'properties.processingEndTimeUtc') ?? generatedAt;
  const sourceKey = alert.id.toLowerCase();
  const remediationSteps = (p.remediationSteps ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
  const finding = findingRowSchema.parse({
    sourceKey,
    kind: 'alert',
    ruleId: p.alertType,
    title: textOrNull(p.alertDisplayName) ?? p.alertType,
    description: textOrNull(p.description),
    remediation: remediationSteps.length > 0 ? remediationSteps.join('\n') : null,
    severity: severity ?? 'informational',
    status: status.finding,
    resourceId,
    resourceType: resourceTypeOf(resourceId),
    subscriptionId: subscriptionIdOf(resourceId) ?? subscriptionIdOf(alert.id),
    clusterArmId: target.clusterArmId,
    registryArmId: target.registryArmId,
    imageDigest: null,
    stage: null,
    controlId: null,
    firstSeenAt: startedAt ?? generatedAt,
    sourceUpdatedAt: updatedAt,
    resolvedAt: status.finding === 'open' ? null : updatedAt,
    raw,
  });
  const event = securityEventRowSchema.parse({
    sourceKey,
    systemAlertId: textOrNull(p.systemAlertId) ?? textOrNull(alert.name),
    relatedAlertIds: [],
    tactics: tacticsOf(p.intent),
    techniques: [...(p.techniques ?? []), ...(p.subTechniques ?? [])],
    entities,
    remediationSteps,
    portalUrl: textOrNull(p.alertUri),
    productName: textOrNull(p.productName),
    compromisedEntity: textOrNull(p.compromisedEntity),
    targetKind: target.kind,
    targetName: target.name,
    sourceStatus: p.status,
    initialTriageStatus: status.triage,
    sourceOwner: null,
    classification: null,
    classificationReason: null,
    incidentNumber: null,
    alertCount: null,
    commentCount: null,
    startedAt,
    endedAt: toDate(p.endTimeUtc, 'properties.endTimeUtc'),
  });
  return { finding, event };
}

/** The alert's location and name, which its state-change operations need (`/locations/{asc}/alerts/{name}`). */
export function alertAddressOf(alertId: string): { subscriptionId: string; resourceGroup: string | null; location: string; name: string } | null {
  const segments = alertId.split('/').filter((x) => x.length > 0);
  const lower = segments.map((x) => x.toLowerCase());
  const at = lower.indexOf('locations');
  const subscriptionId = lower[0] === 'subscriptions' ? segments[1] : undefined;
  const resourceGroup = lower[2] === 'resourcegroups' ? (segments[3] ?? null) : null;
  const location = segments[at + 1];
  const name = segments[at + 3];
  const shaped = at > 0 && lower[at - 2] === 'providers' && lower[at - 1] === 'microsoft.security' && lower[at + 2] === 'alerts' && segments.length === at + 4;
  if (!shaped || !subscriptionId || !location || !name) return null;
  return { subscriptionId, resourceGroup, location, name };
}

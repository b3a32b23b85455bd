// Raw assessment / assessment-metadata REST JSON (Microsoft.Security 2021-06-01 … 2025-05-04) → metadata and finding rows.
import { z } from 'zod';
import { findingRowSchema, recommendationMetadataRowSchema, type FindingRow, type RecommendationMetadataRow } from '../../domain/rows';
import {
  CLUSTER_TYPE,
  REGISTRY_TYPE,
  ancestorIdOf,
  assessedResourceIdOf,
  resourceTypeOf,
  subscriptionIdOf,
} from '../shared/arm-id';
import { RecordError, parseRecord, textOrNull, toDate, toFindingStatus, toSeverity } from '../shared/record';

const metadataPropertiesSchema = z.object({
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  remediationDescription: z.string().nullish(),
  severity: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  policyDefinitionId: z.string().nullish(),
  assessmentType: z.string().nullish(),
});

export const assessmentMetadataSchema = z.object({
  id: z.string(),
  name: z.string().min(1, 'missing name (the assessment key)'),
  type: z.string().nullish(),
  properties: metadataPropertiesSchema,
});

// The swagger's resourceDetails is a union keyed on `source`: Azure → `id`; OnPremise / OnPremiseSql → workspace and
// machine fields without an ARM id; connector-based (AWS/GCP) details as seen in Resource Graph carry `Id` /
// `ResourceId` in PascalCase. Everything is optional here and the assessment id is the fallback.
const resourceDetailsSchema = z
  .object({
    source: z.string().nullish(),
    Source: z.string().nullish(),
    id: z.string().nullish(),
    Id: z.string().nullish(),
    ResourceId: z.string().nullish(),
    resourceId: z.string().nullish(),
    ResourceType: z.string().nullish(),
  })
  .nullish();

export const assessmentSchema = z.object({
  id: z.string(),
  name: z.string().min(1, 'missing name (the assessment key)'),
  type: z.string().nullish(),
  properties: z.object({
    displayName: z.string().nullish(),
    resourceDetails: resourceDetailsSchema,
    status: z.object({
      code: z.string().min(1, 'missing status code'),
      cause: z.string().nullish(),
      description: z.string().nullish(),
      firstEvaluationDate: z.string().nullish(),
      statusChangeDate: z.string().nullish(),
    }),
    // Present only on `$expand=metadata` responses.
    metadata: metadataPropertiesSchema.nullish(),
  }),
});

export function toMetadataRow(raw: unknown): RecommendationMetadataRow {
  const metadata = parseRecord(assessmentMetadataSchema, raw);
  const p = metadata.properties;
  const displayName = textOrNull(p.displayName);
  if (!displayName) throw new RecordError('properties.displayName: missing');
  const severity = toSeverity(p.severity, 'properties.severity');
  if (!severity) throw new RecordError('properties.severity: missing');
  return recommendationMetadataRowSchema.parse({
    key: metadata.name.toLowerCase(),
    displayName,
    severity,
    description: textOrNull(p.description),
    remediation: textOrNull(p.remediationDescription),
    categories: p.categories ?? [],
    policyDefinitionId: textOrNull(p.policyDefinitionId),
    assessmentType: textOrNull(p.assessmentType),
    raw,
  });
}

function assessedResourceOf(assessment: z.infer<typeof assessmentSchema>): string {
  const d = assessment.properties.resourceDetails;
  const fromDetails = textOrNull(d?.id) ?? textOrNull(d?.Id) ?? textOrNull(d?.ResourceId) ?? textOrNull(d?.resourceId);
  const fromId = assessedResourceIdOf(assessment.id);
  const resourceId = fromDetails ?? fromId;
  if (!resourceId) throw new RecordError('no assessed resource: neither properties.resourceDetails nor the id names one');
  return resourceId;
}

export function toAssessmentFinding(raw: unknown): FindingRow {
  const assessment = parseRecord(assessmentSchema, raw);
  const p = assessment.properties;
  const resourceId = assessedResourceOf(assessment);
  // Only ARM ids locate a cluster or registry; on-prem / AWS ids fall back to the assessment id's own prefix.
  const armScope = resourceId.startsWith('/') ? resourceId : (assessedResourceIdOf(assessment.id) ?? assessment.id);
  const status = toFindingStatus(p.status.code, 'properties.status.code');
  const statusChangedAt = toDate(p.status.statusChangeDate, 'properties.status.statusChangeDate');
  return findingRowSchema.parse({
    sourceKey: assessment.id.toLowerCase(),
    kind: 'recommendation',
    ruleId: assessment.name.toLowerCase(),
    title: textOrNull(p.displayName) ?? textOrNull(p.metadata?.displayName) ?? assessment.name,
    description: textOrNull(p.metadata?.description),
    remediation: textOrNull(p.metadata?.remediationDescription),
    // Assessments carry no severity; only the `$expand=metadata` form inlines it. Otherwise the store joins metadata.
    severity: toSeverity(p.metadata?.severity, 'properties.metadata.severity'),
    status,
    resourceId,
    resourceType: textOrNull(p.resourceDetails?.ResourceType) ?? resourceTypeOf(armScope),
    subscriptionId: subscriptionIdOf(armScope) ?? subscriptionIdOf(assessment.id),
    clusterArmId: ancestorIdOf(armScope, CLUSTER_TYPE),
    registryArmId: ancestorIdOf(armScope, REGISTRY_TYPE),
    imageDigest: null,
    stage: null,
    controlId: null,
    firstSeenAt: toDate(p.status.firstEvaluationDate, 'properties.status.firstEvaluationDate'),
    sourceUpdatedAt: statusChangedAt,
    resolvedAt: status === 'resolved' ? statusChangedAt : null,
    raw,
  });
}

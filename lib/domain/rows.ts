// Normalised rows: what a connector's pure transform produces and the store writes. zod-checked at the
// transform boundary so a malformed record fails the run instead of landing in the cache.
import { z } from 'zod';
import { FINDING_KINDS, FINDING_STATUSES, SEVERITIES, STAGES } from './model';

const armId = z.string().min(1).regex(/^\//, 'an Azure resource id starts with "/"');

export const clusterRowSchema = z.object({
  armId,
  subscriptionId: z.string().min(1),
  resourceGroup: z.string().min(1),
  name: z.string().min(1),
  location: z.string().nullable(),
  kubernetesVersion: z.string().nullable(),
  provisioningState: z.string().nullable(),
  fqdn: z.string().nullable(),
  rbacEnabled: z.boolean().nullable(),
  networkPolicy: z.string().nullable(),
  team: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  raw: z.unknown(),
});
export type ClusterRow = z.infer<typeof clusterRowSchema>;

export const registryRowSchema = z.object({
  armId,
  subscriptionId: z.string().min(1),
  resourceGroup: z.string().min(1),
  name: z.string().min(1),
  location: z.string().nullable(),
  loginServer: z.string().nullable(),
  sku: z.string().nullable(),
  adminUserEnabled: z.boolean().nullable(),
  publicNetworkAccess: z.string().nullable(),
  anonymousPullEnabled: z.boolean().nullable(),
  team: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  raw: z.unknown(),
});
export type RegistryRow = z.infer<typeof registryRowSchema>;

export const recommendationMetadataRowSchema = z.object({
  key: z.string().min(1),
  displayName: z.string().min(1),
  severity: z.enum(SEVERITIES),
  description: z.string().nullable(),
  remediation: z.string().nullable(),
  categories: z.array(z.string()),
  policyDefinitionId: z.string().nullable(),
  assessmentType: z.string().nullable(),
  raw: z.unknown(),
});
export type RecommendationMetadataRow = z.infer<typeof recommendationMetadataRowSchema>;

export const findingRowSchema = z.object({
  /** Stable key within the source: the same record on the next run must produce the same key. */
  sourceKey: z.string().min(1),
  kind: z.enum(FINDING_KINDS),
  /** Identifier of the rule that produced it: assessment key, CVE id, alert type, policy definition. */
  ruleId: z.string().min(1),
  title: z.string().min(1),
  description: z.string().nullable(),
  remediation: z.string().nullable(),
  /** null when the transform cannot know it (e.g. assessment without metadata): the store resolves it. */
  severity: z.enum(SEVERITIES).nullable(),
  status: z.enum(FINDING_STATUSES),
  resourceId: z.string().min(1),
  resourceType: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  /** ARM id of the AKS cluster the finding belongs to, when known; the store maps it to a cluster row. */
  clusterArmId: z.string().nullable(),
  registryArmId: z.string().nullable(),
  imageDigest: z.string().nullable(),
  /** null: let the catalog classify it. */
  stage: z.enum(STAGES).nullable(),
  controlId: z.string().nullable(),
  firstSeenAt: z.date().nullable(),
  sourceUpdatedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  raw: z.unknown(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;

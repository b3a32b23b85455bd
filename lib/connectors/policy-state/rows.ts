// What the policy-state connector hands the store besides findings: the states themselves (assignment, initiative,
// reference id, the Kubernetes object of a Gatekeeper result), exemptions, and Azure's per-subscription summary.
import { z } from 'zod';

const armId = z.string().min(1).regex(/^\//, 'an Azure resource id starts with "/"');

/** Policy Insights compliance states, lower-cased; anything else Azure may add is kept as 'unknown'. */
export const COMPLIANCE_STATES = ['compliant', 'noncompliant', 'exempt', 'conflict', 'error', 'unknown'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export const policyStateRowSchema = z.object({
  /** assignment | definition reference (or definition) | resource, lower-cased: one row per policy per resource. */
  sourceKey: z.string().min(1),
  subscriptionId: z.string().min(1),
  resourceId: armId,
  resourceType: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  /** The AKS cluster the resource is, or sits under (Kubernetes objects hang under their cluster). */
  clusterArmId: z.string().nullable(),
  k8sNamespace: z.string().nullable(),
  k8sKind: z.string().nullable(),
  k8sName: z.string().nullable(),
  policyAssignmentId: armId,
  policyAssignmentName: z.string().nullable(),
  policyDefinitionId: armId,
  policyDefinitionName: z.string().min(1),
  policyTitle: z.string().min(1),
  policySetDefinitionId: z.string().nullable(),
  policyDefinitionReferenceId: z.string().nullable(),
  policyDefinitionGroupNames: z.array(z.string()),
  effect: z.string().nullable(),
  complianceState: z.enum(COMPLIANCE_STATES),
  evaluatedAt: z.date().nullable(),
});
export type PolicyStateRow = z.infer<typeof policyStateRowSchema>;

export const EXEMPTION_CATEGORIES = ['waiver', 'mitigated'] as const;

export const policyExemptionRowSchema = z.object({
  id: armId,
  subscriptionId: z.string().min(1),
  name: z.string().min(1),
  displayName: z.string().nullable(),
  description: z.string().nullable(),
  category: z.enum(EXEMPTION_CATEGORIES),
  /** The resource, resource group or subscription the exemption is attached to. */
  scope: z.string().min(1),
  clusterArmId: z.string().nullable(),
  policyAssignmentId: armId,
  policyDefinitionReferenceIds: z.array(z.string()),
  expiresAt: z.date().nullable(),
});
export type PolicyExemptionRow = z.infer<typeof policyExemptionRowSchema>;

export const policySummaryRowSchema = z.object({
  subscriptionId: z.string().min(1),
  nonCompliantResources: z.number().int().min(0),
  nonCompliantPolicies: z.number().int().min(0),
  raw: z.unknown(),
});
export type PolicySummaryRow = z.infer<typeof policySummaryRowSchema>;

export interface PolicyBatch {
  states?: PolicyStateRow[];
  exemptions?: PolicyExemptionRow[];
  summaries?: PolicySummaryRow[];
}

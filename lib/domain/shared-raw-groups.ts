// Which fields of a finding's payload are shared by many findings, and with which others they vary, by the kind of
// finding (the payload's shape). Each group becomes one stored part (lib/domain/raw-parts.ts); a field missing from a
// payload is simply not taken, so the registry and runtime MDVM shapes, the Resource Graph and REST envelopes share
// one list. Grouping decides only how much is shared, never what the finding page shows.
import type { FindingKind } from './model';
import type { SharedGroup } from './raw-parts';

const ADDITIONAL_DATA = ['properties', 'additionalData'];

/**
 * Container image vulnerabilities (one per CVE, package and image or image in a cluster): the CVE's record, the
 * package's, and the image's with the envelope every record of that image and place repeats.
 */
const VULNERABILITY_GROUPS: readonly SharedGroup[] = [
  // The CVE: its record, the vendor's description and its names.
  [
    { at: ADDITIONAL_DATA, keys: ['vulnerabilityDetails', 'cvssV30Score'] },
    { at: ['properties'], keys: ['description', 'displayName', 'id'] },
  ],
  // The package version in the image and what to do about it.
  [
    { at: ADDITIONAL_DATA, keys: ['softwareDetails'] },
    { at: ['properties'], keys: ['remediation', 'impact', 'category'] },
  ],
  // The image (in a registry, or running in a cluster with its workloads) and the Resource Graph envelope.
  [
    { at: ADDITIONAL_DATA, keys: ['assessedResourceType', 'artifactDetails', 'clusterDetails', 'kubernetesContext'] },
    { at: ['properties'], keys: ['resourceDetails'] },
    {
      at: [],
      keys: ['type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy', 'sku', 'plan', 'tags',
        'identity', 'zones', 'extendedLocation', 'assessmentKey'],
      // "<registry or cluster>/providers/Microsoft.Security/assessments/<key>/subassessments/": the same for every CVE
      // there; what is left of the id is the record's name (an ARM id ends with it).
      parentOf: ['id'],
      sameAs: { id: ['name'] },
    },
    // Resource Graph gives the scan time twice, in the envelope and in properties.
    { at: ['properties'], keys: [], sameAs: { timeGenerated: ['timeGenerated'] } },
  ],
];

/** Azure Policy states (one per resource, assignment and definition): the assignment's and definition's fields, and the resource's. */
const POLICY_GROUPS: readonly SharedGroup[] = [
  [
    {
      at: [],
      keys: ['@odata.context', 'policyAssignmentId', 'policyAssignmentName', 'policyAssignmentOwner', 'policyAssignmentParameters',
        'policyAssignmentScope', 'policyAssignmentVersion', 'policyDefinitionId', 'policyDefinitionName', 'policyDefinitionAction',
        'policyDefinitionCategory', 'policyDefinitionVersion', 'policyDefinitionReferenceId', 'policyDefinitionGroupNames',
        'policySetDefinitionId', 'policySetDefinitionName', 'policySetDefinitionOwner', 'policySetDefinitionCategory',
        'policySetDefinitionParameters', 'policySetDefinitionVersion', 'managementGroupIds', 'effectiveParameters'],
    },
  ],
  [{ at: [], keys: ['resourceId', 'resourceType', 'resourceLocation', 'resourceGroup', 'subscriptionId', 'resourceTags'] }],
];

export const SHARED_RAW_GROUPS: Readonly<Partial<Record<FindingKind, readonly SharedGroup[]>>> = {
  vulnerability: VULNERABILITY_GROUPS,
  policy: POLICY_GROUPS,
};

/** Text columns of a finding that a connector fills from one payload field (its text, blank as null). */
export type ColumnsFromRaw = Readonly<Partial<Record<'description' | 'remediation', readonly string[]>>>;

/**
 * The vulnerability transform's description and remediation are the payload's own (textOrNull of the field, checked
 * in lib/domain/raw-columns.test.ts); the vendor text sits in the CVE's part already, so the column is not kept twice.
 */
export const COLUMNS_FROM_RAW: Readonly<Partial<Record<FindingKind, ColumnsFromRaw>>> = {
  vulnerability: { description: ['properties', 'description'], remediation: ['properties', 'remediation'] },
};

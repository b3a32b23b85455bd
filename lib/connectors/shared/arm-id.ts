// ARM resource ids are parsed here once so every transform agrees on what "the cluster of a finding" means.
// Azure treats ids case-insensitively (and returns `managedClusters` and `ManagedClusters` on different api-versions),
// so matching ignores case while the returned ids keep the casing they arrived with.

function segmentsOf(armId: string): string[] {
  return armId.split('/').filter((s) => s.length > 0);
}

/** The subscription GUID of an id that starts with /subscriptions/{id}, else null. */
export function subscriptionIdOf(armId: string): string | null {
  const match = /^\/subscriptions\/([^/]+)/i.exec(armId);
  return match?.[1] ?? null;
}

export function resourceGroupOf(armId: string): string | null {
  const match = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(armId);
  return match?.[1] ?? null;
}

/**
 * The id of the `providerType` resource (e.g. 'Microsoft.ContainerService/managedClusters') that `armId` is or sits
 * under, or null. Extension resources (`<cluster>/providers/Microsoft.Security/...`) count as under their parent.
 */
export function ancestorIdOf(armId: string, providerType: string): string | null {
  const [namespace, type] = providerType.toLowerCase().split('/');
  const segments = segmentsOf(armId);
  for (let i = 0; i + 3 < segments.length; i += 1) {
    if (
      segments[i]?.toLowerCase() === 'providers' &&
      segments[i + 1]?.toLowerCase() === namespace &&
      segments[i + 2]?.toLowerCase() === type
    ) {
      return `/${segments.slice(0, i + 4).join('/')}`;
    }
  }
  return null;
}

/**
 * The resource type of an id from its last provider segment: `.../providers/Microsoft.Compute/virtualMachineScaleSets/x`
 * → 'Microsoft.Compute/virtualMachineScaleSets' (child types are joined: 'Microsoft.Sql/servers/databases').
 */
export function resourceTypeOf(armId: string): string | null {
  const segments = segmentsOf(armId);
  let providers = -1;
  segments.forEach((s, i) => {
    if (s.toLowerCase() === 'providers') providers = i;
  });
  const namespace = segments[providers + 1];
  if (providers < 0 || namespace === undefined) return null;
  const types = segments.slice(providers + 2).filter((_, i) => i % 2 === 0);
  return types.length > 0 ? [namespace, ...types].join('/') : null;
}

const SECURITY_ASSESSMENT = /\/providers\/Microsoft\.Security\/assessments\//i;

/**
 * The resource an assessment or sub-assessment is attached to: its id up to `/providers/Microsoft.Security/assessments/`.
 * Null when the id is not an assessment id.
 */
export function assessedResourceIdOf(assessmentId: string): string | null {
  const match = SECURITY_ASSESSMENT.exec(assessmentId);
  if (!match || match.index === 0) return null;
  return assessmentId.slice(0, match.index);
}

export const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
export const REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';

// Raw ManagedCluster / Registry REST JSON → cluster and registry rows. Pure: the CLI import runs the same code on
// saved `az rest` output.
import { z } from 'zod';
import { clusterRowSchema, registryRowSchema, type ClusterRow, type RegistryRow } from '../../domain/rows';
import { resourceGroupOf, subscriptionIdOf } from '../shared/arm-id';
import { RecordError, parseRecord, textOrNull } from '../shared/record';

// Tag values are strings in ARM, but hand-edited files sometimes carry null; those tags are dropped.
const tagsSchema = z.record(z.string(), z.string().nullable()).nullish();

export const managedClusterSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  location: z.string().nullish(),
  tags: tagsSchema,
  properties: z
    .object({
      kubernetesVersion: z.string().nullish(),
      currentKubernetesVersion: z.string().nullish(),
      provisioningState: z.string().nullish(),
      fqdn: z.string().nullish(),
      privateFQDN: z.string().nullish(),
      enableRBAC: z.boolean().nullish(),
      networkProfile: z.object({ networkPolicy: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

export const registrySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  location: z.string().nullish(),
  tags: tagsSchema,
  sku: z.object({ name: z.string().nullish() }).nullish(),
  properties: z
    .object({
      loginServer: z.string().nullish(),
      adminUserEnabled: z.boolean().nullish(),
      publicNetworkAccess: z.string().nullish(),
      anonymousPullEnabled: z.boolean().nullish(),
    })
    .nullish(),
});

function cleanTags(tags: z.infer<typeof tagsSchema>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) if (value !== null) out[key] = value;
  return out;
}

/** The owning team comes from the `team` tag; ARM tag keys are case-insensitive, so `Team` and `TEAM` count. */
export function teamOf(tags: Record<string, string>): string | null {
  const entry = Object.entries(tags).find(([key]) => key.toLowerCase() === 'team');
  return textOrNull(entry?.[1]);
}

/** The fields every tracked ARM resource row shares: where it lives, its name, location, tags and owning team. */
function trackedResourceFields(resource: { id: string; name?: string | null; location?: string | null; tags?: z.infer<typeof tagsSchema> }) {
  const subscriptionId = subscriptionIdOf(resource.id);
  const resourceGroup = resourceGroupOf(resource.id);
  const lastSegment = resource.id.split('/').filter(Boolean).at(-1);
  if (!subscriptionId || !resourceGroup || !lastSegment) {
    throw new RecordError(`id is not a resource-group scoped ARM id ("${resource.id}")`);
  }
  const tags = cleanTags(resource.tags);
  return {
    armId: resource.id,
    subscriptionId,
    resourceGroup,
    name: textOrNull(resource.name) ?? lastSegment,
    location: textOrNull(resource.location),
    team: teamOf(tags),
    tags,
  };
}

export function toClusterRow(raw: unknown): ClusterRow {
  const cluster = parseRecord(managedClusterSchema, raw);
  const p = cluster.properties;
  return clusterRowSchema.parse({
    ...trackedResourceFields(cluster),
    // currentKubernetesVersion is what runs; kubernetesVersion is what was asked for (may be an alias like "1.30").
    kubernetesVersion: textOrNull(p?.currentKubernetesVersion) ?? textOrNull(p?.kubernetesVersion),
    provisioningState: textOrNull(p?.provisioningState),
    fqdn: textOrNull(p?.fqdn) ?? textOrNull(p?.privateFQDN),
    rbacEnabled: p?.enableRBAC ?? null,
    networkPolicy: textOrNull(p?.networkProfile?.networkPolicy),
    raw,
  });
}

export function toRegistryRow(raw: unknown): RegistryRow {
  const registry = parseRecord(registrySchema, raw);
  const p = registry.properties;
  return registryRowSchema.parse({
    ...trackedResourceFields(registry),
    loginServer: textOrNull(p?.loginServer),
    sku: textOrNull(registry.sku?.name),
    adminUserEnabled: p?.adminUserEnabled ?? null,
    publicNetworkAccess: textOrNull(p?.publicNetworkAccess),
    anonymousPullEnabled: p?.anonymousPullEnabled ?? null,
    raw,
  });
}

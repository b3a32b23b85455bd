// The readable, stable address of a cluster page: /clusters/<subscription-id>/<resource-group>/<cluster-name>.
// It is the cluster's ARM id in short, so it survives a rebuilt cache and reads like the portal; ids compare
// case-insensitively, as ARM does.
import { z } from 'zod';

// ARM naming rules: resource groups allow letters, digits, - _ . ( ); AKS names letters, digits, - _.
export const clusterAddressSchema = z.object({
  subscriptionId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'a subscription id is a GUID'),
  resourceGroup: z.string().regex(/^[\w.()-]{1,90}$/, 'not a resource group name'),
  name: z.string().regex(/^[\w-]{1,63}$/, 'not a cluster name'),
});
export type ClusterAddress = z.infer<typeof clusterAddressSchema>;

export function clusterPath(c: ClusterAddress): string {
  return `/clusters/${c.subscriptionId.toLowerCase()}/${encodeURIComponent(c.resourceGroup)}/${encodeURIComponent(c.name)}`;
}

/** The lower-cased ARM id the store keys clusters by (`clusters.arm_id`). */
export function armIdOfAddress(c: ClusterAddress): string {
  return `/subscriptions/${c.subscriptionId}/resourcegroups/${c.resourceGroup}/providers/microsoft.containerservice/managedclusters/${c.name}`.toLowerCase();
}

/** Parses "<sub>/<rg>/<name>" (URL-decoded path segments); null when it is not a cluster address. */
export function parseClusterAddress(segments: readonly string[]): ClusterAddress | null {
  if (segments.length !== 3) return null;
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const parsed = clusterAddressSchema.safeParse({ subscriptionId: decoded[0], resourceGroup: decoded[1], name: decoded[2] });
  return parsed.success ? parsed.data : null;
}

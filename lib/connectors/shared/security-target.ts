// Which cluster, registry, key vault or workload a security alert names. Defender alerts and the Sentinel alerts
// inside incidents point at Azure resources through `resourceIdentifiers`, and at Kubernetes objects through entities.
import type { TargetKind } from '../../domain/security-event-row';
import { CLUSTER_TYPE, REGISTRY_TYPE, ancestorIdOf } from './arm-id';

export const KEY_VAULT_TYPE = 'Microsoft.KeyVault/vaults';

export interface SecurityTarget {
  kind: TargetKind;
  name: string | null;
  clusterArmId: string | null;
  registryArmId: string | null;
}

const lastSegment = (id: string | null): string | null => (id ? (id.split('/').filter(Boolean).pop() ?? null) : null);

// Defender for Containers names the pod or workload in its entities (types as in the Sentinel entity schema).
const WORKLOAD_ENTITY_TYPES = new Set(['k8s-pod', 'k8s-controller', 'container']);

function workloadOf(entities: readonly unknown[]): string | null {
  for (const entity of entities) {
    if (!entity || typeof entity !== 'object') continue;
    const e = entity as Record<string, unknown>;
    const type = typeof e.type === 'string' ? e.type.toLowerCase() : '';
    if (!WORKLOAD_ENTITY_TYPES.has(type)) continue;
    const name = [e.name, e.Name, e.podName].find((v): v is string => typeof v === 'string' && v.length > 0);
    const ns = [e.namespace, e.Namespace].find((v): v is string => typeof v === 'string' && v.length > 0);
    if (name) return ns ? `${ns}/${name}` : name;
  }
  return null;
}

/** The most specific thing the alert hit: a workload on a cluster, the cluster, a registry, a key vault, or other. */
export function securityTargetOf(resourceIds: readonly string[], entities: readonly unknown[], fallbackName: string | null): SecurityTarget {
  const clusterArmId = resourceIds.map((id) => ancestorIdOf(id, CLUSTER_TYPE)).find((x) => x !== null) ?? null;
  const registryArmId = resourceIds.map((id) => ancestorIdOf(id, REGISTRY_TYPE)).find((x) => x !== null) ?? null;
  const vaultId = resourceIds.map((id) => ancestorIdOf(id, KEY_VAULT_TYPE)).find((x) => x !== null) ?? null;
  if (clusterArmId) {
    const workload = workloadOf(entities);
    return workload
      ? { kind: 'workload', name: workload, clusterArmId, registryArmId }
      : { kind: 'cluster', name: lastSegment(clusterArmId), clusterArmId, registryArmId };
  }
  if (registryArmId) return { kind: 'registry', name: lastSegment(registryArmId), clusterArmId, registryArmId };
  if (vaultId) return { kind: 'key-vault', name: lastSegment(vaultId), clusterArmId, registryArmId };
  return { kind: 'other', name: lastSegment(resourceIds[0] ?? null) ?? fallbackName, clusterArmId, registryArmId };
}

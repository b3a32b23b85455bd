import { createHash } from 'node:crypto';

/**
 * Short, stable id for a cluster or registry, derived from its ARM id: the same resource keeps the same URL
 * across cache rebuilds, so bookmarks per cluster keep working. 12 hex chars = 48 bits, ample for one tenant.
 */
export function resourceKeyOf(armId: string): string {
  return createHash('sha256').update(armId.toLowerCase()).digest('hex').slice(0, 12);
}

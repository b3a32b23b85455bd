// The findings scope rule written out plainly over the `findings` table, for tests to compare the data layer's
// index-shaped queries (lib/data/scope.ts) against: a listed cluster, a listed subscription, or a registry-scan
// CVE (no cluster) of an image a visible cluster runs. A test oracle, never used to serve a page.
import type { Viewer } from '../auth/viewer';

export function plainScopeRule(viewer: Viewer): string {
  if (viewer.scope.kind === 'all') return 'TRUE';
  const clusters = `'{${viewer.scope.clusterIds.join(',')}}'::text[]`;
  const subs = `'{${viewer.scope.subscriptionIds.join(',')}}'::text[]`;
  return `(cluster_id = ANY(${clusters}) OR subscription_id = ANY(${subs}) OR (cluster_id IS NULL AND image_digest IN (
    SELECT w.image_digest FROM workloads w JOIN clusters c ON c.id = w.cluster_id
     WHERE c.deleted_at IS NULL AND (c.id = ANY(${clusters}) OR c.subscription_id = ANY(${subs})))))`;
}

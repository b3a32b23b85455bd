import { notFound, redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session';
import { clusterPath } from '@/lib/clusters/cluster-address';
import { getCluster } from '@/lib/data/clusters';
import { isAppError } from '@/lib/errors';
import { clusterIdSchema } from '@/lib/validation/findings';
import { toQueryString } from '@/lib/validation/query-string';

/**
 * The old hashed cluster address (/clusters/<12 hex>): moves to the readable one, filters kept. The proxy answers
 * this before rendering (lib/auth/page-access.ts); this page covers direct renders and keeps the same rule.
 */
export default async function HashedClusterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission('posture.view');
  const id = clusterIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let cluster;
  try {
    cluster = await getCluster(viewer, id.data);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
  redirect(`${clusterPath(cluster)}${toQueryString(query)}`);
}

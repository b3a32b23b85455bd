// Search params of the clusters list. Filters, sort and page live in the URL so every view is a bookmark.
import { z } from 'zod';
import { safeText } from '../security/safe-text';

export const CLUSTER_SORTS = ['name', 'team', 'kubernetes', 'open', 'critical', 'last-seen'] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];

export const clusterListSchema = z.object({
  // Matches the cluster's name or resource group, case-insensitively.
  q: safeText(100).optional(),
  team: z.string().regex(/^[\w .-]{1,80}$/, 'a team is letters, digits, spaces, dots and dashes').optional(),
  sort: z.enum(CLUSTER_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(10).max(200).default(50),
});

export type ClusterListQuery = z.infer<typeof clusterListSchema>;

/** Counts read worst-first by default; names and versions read A→Z. */
export const defaultDirection = (sort: ClusterSort): 'asc' | 'desc' =>
  sort === 'open' || sort === 'critical' || sort === 'last-seen' ? 'desc' : 'asc';

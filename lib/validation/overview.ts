// Search params of the overview and cluster pages.
import { z } from 'zod';
import { TEAM_ROLES } from '../domain/model';

export const overviewParamsSchema = z.object({
  /** A team role to focus on, or 'all'. Absent: the viewer's own team role when they have one. */
  role: z.enum([...TEAM_ROLES, 'all']).optional(),
});
export type OverviewParams = z.infer<typeof overviewParamsSchema>;

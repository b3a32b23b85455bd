// Search params of the cluster page: the findings filters a bookmark keeps (stage, severity, status, source), the
// role focus of the board, and the findings table's keyset cursor.
import { z } from 'zod';
import { findingFiltersSchema } from './findings';
import { overviewParamsSchema } from './overview';

export const clusterPageParamsSchema = findingFiltersSchema
  .pick({ severity: true, status: true, stage: true, source: true })
  .extend({
    role: overviewParamsSchema.shape.role,
    cursor: z.string().regex(/^[1-5]:\d{1,19}$/, 'cursor must come from a "Next page" link').optional(),
  });

export type ClusterPageParams = z.infer<typeof clusterPageParamsSchema>;

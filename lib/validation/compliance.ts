// Search params of the compliance page. Filters and drill-downs live in the URL, so every view is a bookmark.
import { z } from 'zod';

// ARM ids as Policy Insights returns them; refuses anything that is not a plain resource path.
const armId = z.string().max(1000).regex(/^\/[\w.()/ -]+$/, 'an Azure resource id');

export const complianceParamsSchema = z.object({
  initiative: z.union([z.literal('none'), armId]).optional(),
  assignment: armId.optional(),
  cluster: z.string().regex(/^[0-9a-f]{12}$/, 'a cluster id is 12 hexadecimal characters').optional(),
  /** Drill-down: a policy definition → its resources. */
  policy: armId.optional(),
  /** Drill-down: a resource → its policies. */
  resource: armId.optional(),
});

export type ComplianceParams = z.infer<typeof complianceParamsSchema>;

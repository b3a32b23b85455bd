// Search params of the findings CSV export: the findings list's filters (lib/validation/findings.ts), minus paging,
// plus which view is exported — the list, or a cluster page's table (its findings and the registry CVEs of the
// images it runs).
import { z } from 'zod';
import { findingFiltersSchema } from './findings';

export const findingExportParamsSchema = findingFiltersSchema
  .omit({ cursor: true, limit: true })
  .extend({ view: z.enum(['list', 'cluster']).default('list') })
  .refine((p) => p.view === 'list' || p.cluster !== undefined, { message: 'the cluster view needs a cluster', path: ['cluster'] });

export type FindingExportParams = z.infer<typeof findingExportParamsSchema>;

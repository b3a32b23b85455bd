// Search params of the findings views. Filters live in the URL so every view is a bookmark; anything
// unparseable answers 400 (route handlers) or is shown as a filter error (pages), never silently ignored.
import { z } from 'zod';
import { listParam } from './list-param';
import { safeText } from '../security/safe-text';
import { bigintId } from './primitives';
import { FINDING_STATUSES, SEVERITIES, SOURCE_IDS, STAGES } from '../domain/model';

const list = listParam;

export const findingFiltersSchema = z.object({
  severity: list(SEVERITIES),
  status: z.enum([...FINDING_STATUSES, 'all']).default('open'),
  stage: z.enum(STAGES).optional(),
  source: z.enum(SOURCE_IDS).optional(),
  control: z.string().regex(/^[a-z0-9-]{1,80}$/, 'a control id is lower-case letters, digits and dashes').optional(),
  cluster: z.string().regex(/^[0-9a-f]{12}$/, 'a cluster id is 12 hexadecimal characters').optional(),
  // A NUL byte would reach Postgres as a 500; safeText answers with a reason instead.
  q: safeText(200).optional(),
  cursor: bigintId('cursor (a finding id)').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type FindingFilters = z.infer<typeof findingFiltersSchema>;

export const findingIdSchema = bigintId('a finding id');
export const clusterIdSchema = z.string().regex(/^[0-9a-f]{12}$/, 'a cluster id is 12 hexadecimal characters');

// Search params of the triage queue and bodies of triage actions. Filters live in the URL (every queue is a
// bookmark); anything unparseable answers 400 (route handlers) or shows as a filter error (pages).
import { z } from 'zod';
import { listParam } from './list-param';
import { SEVERITIES, SOURCE_IDS } from '../domain/model';
import { TRIAGE_STATUSES } from '../domain/triage-status';
import { safeText } from '../security/safe-text';

const list = listParam;

const flag = z
  .enum(['1', 'true', '0', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** `active` = work still to do (an expired risk acceptance counts); `closed` = resolved or false positive. */
export const TRIAGE_STATUS_FILTERS = ['active', 'closed', 'accepted', 'all', ...TRIAGE_STATUSES] as const;
export const TRIAGE_AGE_FILTERS = { '1d': 1, '7d': 7, '30d': 30, '90d': 90 } as const;

// A GET form submits its "Any" selects as empty values (`?cluster=&team=`): empty means "not filtered".
const dropEmpty = (raw: unknown) =>
  raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined)) : raw;

const triageFiltersObject = z.object({
  source: z.enum(SOURCE_IDS).optional(),
  severity: list(SEVERITIES),
  status: z.enum(TRIAGE_STATUS_FILTERS).default('active'),
  owner: safeText(200).optional(),
  cluster: z.string().regex(/^[0-9a-f]{12}$/, 'a cluster id is 12 hexadecimal characters').optional(),
  team: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a team is letters, digits, dot, dash or underscore').optional(),
  age: z.enum(Object.keys(TRIAGE_AGE_FILTERS) as [keyof typeof TRIAGE_AGE_FILTERS, ...(keyof typeof TRIAGE_AGE_FILTERS)[]]).optional(),
  mine: flag,
  unassigned: flag,
  breaching: flag,
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'not a page cursor').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const triageFiltersSchema = z.preprocess(dropEmpty, triageFiltersObject);
export type TriageFilters = z.infer<typeof triageFiltersSchema>;

export const triageItemIdSchema = z.string().regex(/^\d{1,19}$/, 'an item id is a number');

const comment = z.string().trim().min(1, 'write a comment').max(4000);

/** One triage action. Risk acceptance is its own action: it always carries a justification and an expiry. */
export const triageActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), ownerId: safeText(200).nullable(), ownerName: safeText(200).nullish() }),
  z.object({ type: z.literal('status'), status: z.enum(['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive']), comment: comment.optional() }),
  z.object({ type: z.literal('comment'), comment }),
  z.object({ type: z.literal('accept'), justification: z.string(), acceptedUntil: z.string() }),
]);
export type TriageAction = z.infer<typeof triageActionSchema>;

export const triageActionBodySchema = z.object({
  action: triageActionSchema,
  /** The version the page showed: a change made meanwhile by someone else answers 409 instead of being overwritten. */
  expectedVersion: z.number().int().min(0).optional(),
});

export const triageBulkBodySchema = z.object({
  ids: z.array(triageItemIdSchema).min(1, 'select at least one item').max(100, 'at most 100 items at once'),
  action: triageActionSchema,
});

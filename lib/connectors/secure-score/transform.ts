// Microsoft Defender secure score (api-version 2020-01-01): secureScores (the subscription's overall score, the
// 'ascScore' initiative) and secureScoreControls, as rows of one day of secure_score_history. Pure and zod-checked:
// a record without a name or score is refused with a message, absent counts become null.
import { z } from 'zod';

export interface SecureScoreRow {
  /** YYYY-MM-DD (UTC) the score was read. */
  day: string;
  subscriptionId: string;
  /** '' for the subscription's overall score, else the control's name (a GUID). */
  controlId: string;
  displayName: string;
  current: number;
  max: number;
  /** 0–1, as Defender reports it. */
  percentage: number;
  weight: number | null;
  healthy: number | null;
  unhealthy: number | null;
  notApplicable: number | null;
}

const score = z.object({ max: z.number().nonnegative(), current: z.number().nonnegative(), percentage: z.number().min(0).max(1) });
const count = z.number().int().nonnegative().nullish();

const secureScoreSchema = z.object({
  name: z.string().min(1, 'a secure score without a name'),
  properties: z.object({ displayName: z.string().nullish(), score, weight: count }),
});

const controlSchema = z.object({
  name: z.string().min(1, 'a secure score control without a name'),
  properties: z.object({
    displayName: z.string().nullish(),
    score,
    weight: count,
    healthyResourceCount: count,
    unhealthyResourceCount: count,
    notApplicableResourceCount: count,
  }),
});

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`Unexpected ${what} record: ${r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The overall score ('ascScore'); other initiatives are kept too, keyed by their name. */
export function toSecureScoreRow(raw: unknown, subscriptionId: string, day: string): SecureScoreRow {
  const s = parse(secureScoreSchema, raw, 'secure score');
  return {
    day, subscriptionId, controlId: s.name === 'ascScore' ? '' : `initiative:${s.name}`, displayName: s.properties.displayName ?? s.name,
    current: s.properties.score.current, max: s.properties.score.max, percentage: s.properties.score.percentage, weight: s.properties.weight ?? null,
    healthy: null, unhealthy: null, notApplicable: null,
  };
}

export function toSecureScoreControlRow(raw: unknown, subscriptionId: string, day: string): SecureScoreRow {
  const c = parse(controlSchema, raw, 'secure score control');
  const p = c.properties;
  return {
    day, subscriptionId, controlId: c.name, displayName: p.displayName ?? c.name, current: p.score.current, max: p.score.max, percentage: p.score.percentage,
    weight: p.weight ?? null, healthy: p.healthyResourceCount ?? null, unhealthy: p.unhealthyResourceCount ?? null, notApplicable: p.notApplicableResourceCount ?? null,
  };
}

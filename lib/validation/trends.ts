// Search params of the trends page and its "what changed" view: range, team, cluster, subscription and week live in
// the URL so every view is a bookmark. Anything unparseable shows as a filter error on the page.
import { z } from 'zod';

export const TREND_RANGES = ['30', '90', '365'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

const dropEmpty = (raw: unknown) =>
  raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined)) : raw;

const team = z.string().regex(/^[\w .-]{1,80}$/, 'a team is letters, digits, spaces, dots and dashes');
const cluster = z.string().regex(/^[0-9a-f]{12}$/, 'a cluster id is 12 hexadecimal characters');

export const trendFiltersSchema = z.preprocess(
  dropEmpty,
  z.object({
    range: z.enum(TREND_RANGES).default('365'),
    team: team.optional(),
    cluster: cluster.optional(),
    subscription: z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'a subscription id is letters, digits and dashes').optional(),
  }),
);
export type TrendFilters = z.infer<typeof trendFiltersSchema>;

export const whatChangedFiltersSchema = z.preprocess(
  dropEmpty,
  z.object({
    /** Any day of the week (YYYY-MM-DD); the week runs Monday to Sunday. Absent: last week. */
    week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a week is a day, YYYY-MM-DD').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a calendar day').optional(),
    team: team.optional(),
    cluster: cluster.optional(),
  }),
);
export type WhatChangedFilters = z.infer<typeof whatChangedFiltersSchema>;

// Reads a wapiti JSON report and decides the CI verdict: any finding at level high or above fails the run.
// Wapiti's levels: 1 low, 2 medium, 3 high, 4 critical (0 or absent: informational).
import { z } from 'zod';

export const HIGH_LEVEL = 3;

const entrySchema = z
  .object({
    method: z.string().optional(),
    path: z.string().optional(),
    info: z.string().optional(),
    // Numbers in the JSON report, strings inside wapiti; accept both.
    level: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    parameter: z.string().nullable().optional(),
  })
  .passthrough();

const groupSchema = z.record(z.string(), z.array(entrySchema));

export const wapitiReportSchema = z
  .object({
    vulnerabilities: groupSchema.default({}),
    anomalies: groupSchema.default({}),
    additionals: groupSchema.default({}),
  })
  .passthrough();

export interface DastFinding {
  kind: 'vulnerability' | 'anomaly' | 'additional';
  category: string;
  level: number;
  method: string;
  path: string;
  info: string;
}

export function findingsOf(report: unknown): DastFinding[] {
  const r = wapitiReportSchema.parse(report);
  const groups: [DastFinding['kind'], Record<string, z.infer<typeof entrySchema>[]>][] = [
    ['vulnerability', r.vulnerabilities],
    ['anomaly', r.anomalies],
    ['additional', r.additionals],
  ];
  return groups.flatMap(([kind, byCategory]) =>
    Object.entries(byCategory).flatMap(([category, entries]) =>
      entries.map((e) => ({ kind, category, level: e.level ?? 0, method: e.method ?? '', path: e.path ?? '', info: (e.info ?? '').slice(0, 300) })),
    ),
  );
}

export function highFindings(report: unknown): DastFinding[] {
  return findingsOf(report).filter((f) => f.level >= HIGH_LEVEL);
}

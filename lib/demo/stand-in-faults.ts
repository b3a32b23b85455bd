// Faults the demo ARM stand-in can inject into its read answers, so the connectors' handling of a misbehaving Azure is
// exercised through the real SDK pipelines: 429s with Retry-After, 5xx, slow answers, truncated and malformed pages.
//
// Configured by a short spec (env `STAND_IN_FAULTS`, the bench's `--faults`, or tests):
//   "429:0.05,503:0.01,slow:0.02,slow-ms:1500,truncated:0.001,malformed:0.001,retry-after:1,seed:7"
// Rates are fractions of read requests. The draw for the n-th read is a hash of (seed, n), so a run with the same
// spec and the same request order injects the same faults: a failing fault test can be replayed.
import { z } from 'zod';
import { hashInts } from './prng';

export const FAULT_KINDS = ['429', '500', '503', 'slow', 'truncated', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultMix {
  /** Fraction of read requests answered with each fault; they add up to at most 1. */
  rates: Partial<Record<FaultKind, number>>;
  seed: number;
  /** Retry-After (seconds) on injected 429 and 503 answers. */
  retryAfterSeconds: number;
  /** How long a slow answer is held back. */
  slowMs: number;
}

const rate = z.coerce.number().min(0).max(1);
const settingSchemas = {
  seed: z.coerce.number().int().min(0),
  'retry-after': z.coerce.number().min(0).max(3600),
  'slow-ms': z.coerce.number().int().min(0).max(600_000),
} as const;

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(`STAND_IN_FAULTS: ${message}`);
    this.name = 'FaultSpecError';
  }
}

/** Parses a fault spec; throws a FaultSpecError that says which entry is wrong. */
export function parseFaultSpec(spec: string): FaultMix {
  const mix: FaultMix = { rates: {}, seed: 1, retryAfterSeconds: 1, slowMs: 2000 };
  const entries = spec.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [name = '', value = '', ...rest] = entry.split(':');
    if (rest.length > 0 || value === '') throw new FaultSpecError(`"${entry}" is not name:value`);
    if ((FAULT_KINDS as readonly string[]).includes(name)) {
      const parsed = rate.safeParse(value);
      if (!parsed.success) throw new FaultSpecError(`"${entry}": a rate is a fraction between 0 and 1`);
      mix.rates[name as FaultKind] = parsed.data;
    } else if (name === 'seed' || name === 'retry-after' || name === 'slow-ms') {
      const parsed = settingSchemas[name].safeParse(value);
      if (!parsed.success) throw new FaultSpecError(`"${entry}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      if (name === 'seed') mix.seed = parsed.data;
      else if (name === 'retry-after') mix.retryAfterSeconds = parsed.data;
      else mix.slowMs = parsed.data;
    } else {
      throw new FaultSpecError(`unknown entry "${name}" (faults: ${FAULT_KINDS.join(', ')}; settings: seed, retry-after, slow-ms)`);
    }
  }
  const total = Object.values(mix.rates).reduce((sum, r) => sum + r, 0);
  if (total > 1) throw new FaultSpecError(`the rates add up to ${total}, more than 1`);
  return mix;
}

/** The fault for the n-th read request (0-based), or null for a normal answer. */
export function faultFor(mix: FaultMix, n: number): FaultKind | null {
  const draw = hashInts(mix.seed, n, 0x5eed) / 2 ** 32;
  let upTo = 0;
  for (const kind of FAULT_KINDS) {
    upTo += mix.rates[kind] ?? 0;
    if (draw < upTo) return kind;
  }
  return null;
}

/**
 * A page made malformed the way a broken upstream would: its first record loses its id and gets a properties value of
 * the wrong type (an empty page instead becomes an object without its list). Valid JSON, wrong shape.
 */
export function malformPage(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { malformed: 'injected' };
  const page = body as Record<string, unknown>;
  for (const key of ['value', 'data']) {
    const list = page[key];
    if (Array.isArray(list)) {
      if (list.length === 0) return { ...page, [key]: 'malformed (injected)' };
      return { ...page, [key]: [{ properties: 'malformed (injected)' }, ...list.slice(1)] };
    }
  }
  return { malformed: 'injected' };
}

/** A page cut off half-way, as when a connection drops mid-body: not JSON. */
export function truncatePayload(payload: string): string {
  return payload.slice(0, Math.floor(payload.length / 2));
}

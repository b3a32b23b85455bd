// Seeded, allocation-free randomness. Every demo record is derived from a hash of (seed, kind, index…) so any page
// can be rendered on its own, in any order, without generating the records before it.

/** 32-bit avalanche hash of a list of integers (murmur3 finaliser over an FNV-style fold). */
export function hashInts(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Stable integer for a short string (kind names), so call sites can mix names into hashInts. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** n lowercase hex characters. */
  hex(n: number): string;
}

/** mulberry32: tiny, fast, good enough for demo data (not for anything secret). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    hex: (n) => {
      let out = '';
      while (out.length < n) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
      return out.slice(0, n);
    },
  };
}

/** A GUID-formatted string from a hash of the parts (version nibble 4, variant 8–b so it looks like a v4 GUID). */
export function guidFrom(...parts: number[]): string {
  const rng = createRng(hashInts(...parts));
  const h = rng.hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[rng.int(0, 3)] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

import { describe, expect, it } from 'vitest';
import { faultFor, malformPage, parseFaultSpec, truncatePayload } from './stand-in-faults';

describe('parseFaultSpec', () => {
  it('reads rates and settings', () => {
    expect(parseFaultSpec('429:0.05,503:0.01,slow:0.02,slow-ms:1500,truncated:0.001,malformed:0.001,retry-after:2,seed:7')).toEqual({
      rates: { '429': 0.05, '503': 0.01, slow: 0.02, truncated: 0.001, malformed: 0.001 },
      seed: 7,
      retryAfterSeconds: 2,
      slowMs: 1500,
    });
    expect(parseFaultSpec('')).toEqual({ rates: {}, seed: 1, retryAfterSeconds: 1, slowMs: 2000 });
  });
  it('refuses what it does not understand, saying which entry', () => {
    expect(() => parseFaultSpec('429:5')).toThrow('STAND_IN_FAULTS: "429:5": a rate is a fraction between 0 and 1');
    expect(() => parseFaultSpec('404:0.1')).toThrow(/unknown entry "404"/);
    expect(() => parseFaultSpec('429')).toThrow('"429" is not name:value');
    expect(() => parseFaultSpec('429:0.6,503:0.6')).toThrow('the rates add up to 1.2, more than 1');
  });
});

describe('faultFor', () => {
  it('injects about the configured share, the same faults for the same seed', () => {
    const mix = parseFaultSpec('429:0.05,503:0.01,seed:3');
    const draws = Array.from({ length: 20_000 }, (_, n) => faultFor(mix, n));
    const share = (kind: string) => draws.filter((d) => d === kind).length / draws.length;
    expect(share('429')).toBeGreaterThan(0.045);
    expect(share('429')).toBeLessThan(0.055);
    expect(share('503')).toBeGreaterThan(0.007);
    expect(share('503')).toBeLessThan(0.013);
    expect(Array.from({ length: 200 }, (_, n) => faultFor(mix, n))).toEqual(draws.slice(0, 200));
    expect(Array.from({ length: 200 }, (_, n) => faultFor({ ...mix, seed: 4 }, n))).not.toEqual(draws.slice(0, 200));
  });
});

describe('malformPage, truncatePayload', () => {
  it('breaks the first record of an ARM list or a Resource Graph page, keeping valid JSON', () => {
    expect(malformPage({ value: [{ id: 'a' }, { id: 'b' }], nextLink: 'x' })).toEqual({ value: [{ properties: 'malformed (injected)' }, { id: 'b' }], nextLink: 'x' });
    expect(malformPage({ data: [], count: 0 })).toEqual({ data: 'malformed (injected)', count: 0 });
  });
  it('cuts a body in half so it is not JSON', () => {
    expect(() => JSON.parse(truncatePayload(JSON.stringify({ value: [{ id: 'a' }] })))).toThrow();
  });
});

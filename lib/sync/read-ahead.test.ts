import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

describe('readAhead', () => {
  it('asks for the next page before the current one is handled, never more than one ahead', async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 1; i <= 3; i++) {
        log.push(`fetch ${i}`);
        yield i;
      }
      log.push('end');
    }
    for await (const page of readAhead(source())) {
      log.push(`write ${page} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`write ${page} end`);
    }
    expect(log).toEqual(['fetch 1', 'fetch 2', 'write 1 start', 'write 1 end', 'fetch 3', 'write 2 start', 'write 2 end', 'end', 'write 3 start', 'write 3 end']);
  });

  it('a fetch that fails while a page is written surfaces after that page, and nothing is left unhandled', async () => {
    async function* source() {
      yield 1;
      throw new Error('page 2 failed');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of readAhead(source())) {
          await new Promise((r) => setTimeout(r, 10));
          seen.push(page);
        }
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1]);
  });

  it('closes the source when the caller stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const page of readAhead(source())) if (page === 1) break;
    expect(closed).toBe(true);
  });
});

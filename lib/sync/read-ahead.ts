// Fetch the next page while the current one is written: the source's request for page n+1 is in flight while
// the store streams page n into staging. At most one page waits (memory stays flat whatever the tenant size).
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    let pending = iterator.next();
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      // The caller may still be writing when this fetch fails: its rejection is observed when it is awaited above,
      // not reported as unhandled meanwhile.
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    // The caller stopped early (a write failed): let the source close its connections.
    if (!finished) await iterator.return?.().catch(() => undefined);
  }
}

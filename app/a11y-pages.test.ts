// The accessibility run (e2e/a11y.spec.ts) visits the pages listed in e2e/a11y-pages.ts. This keeps that list honest
// against the tree: a page file under app/ without an entry fails here, before anyone runs the browser suite.
import { describe, expect, it } from 'vitest';
import { discoverAppFiles, paramsFor } from '@/lib/auth/testing/route-harness';
import { A11Y_PAGES, isSkipped, routePatternOf, routePatternToRegExp } from '@/e2e/a11y-pages';

const { pages } = discoverAppFiles();

describe('accessibility page list', () => {
  it('has an entry for every page under app/', () => {
    const missing = pages.map((p) => p.file).filter((file) => !(file in A11Y_PAGES));
    expect(missing, 'add these pages to A11Y_PAGES in e2e/a11y-pages.ts (a URL to visit, or a sample source)').toEqual([]);
  });

  it('lists no page that no longer exists', () => {
    const files = new Set(pages.map((p) => p.file));
    expect(Object.keys(A11Y_PAGES).filter((file) => !files.has(file))).toEqual([]);
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s: the entry visits that page', (file, page) => {
    const entry = A11Y_PAGES[file];
    if (!entry || isSkipped(entry)) return;
    expect(routePatternOf(file)).toBe(page.pattern);
    const matches = routePatternToRegExp(page.pattern);
    // A dynamic page's sample is a link on another page that must match the pattern; the pattern must accept the
    // shape of a real URL of the page and refuse the page it is sampled from.
    if ('sampleFrom' in entry) {
      expect(page.segments.length, 'sampleFrom is for pages with dynamic segments').toBeGreaterThan(0);
      expect(matches.test(paramsFor(page, Object.fromEntries(page.segments.map((s) => [s.name, 'abc123']))).url)).toBe(true);
      expect(matches.test(entry.sampleFrom)).toBe(false);
      return;
    }
    for (const url of [entry.url, ...(entry.alsoVisit ?? [])]) expect(matches.test(new URL(url, 'http://x').pathname), url).toBe(true);
  });

  it('a skipped page says why', () => {
    for (const [file, entry] of Object.entries(A11Y_PAGES)) if (isSkipped(entry)) expect(entry.skip.length, file).toBeGreaterThan(20);
  });
});

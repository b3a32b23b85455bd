// axe-core over a settled page, in both colour schemes. The gate is WCAG 2.2 AA plus axe's best practices, failing
// on serious and critical impact; lesser findings are returned too so a spec can report them without failing.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const COLOR_SCHEMES = ['light', 'dark'] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

export const BLOCKING_IMPACTS: readonly string[] = ['serious', 'critical'];

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the first few offending nodes, with axe's own explanation of the first one. */
  targets: string[];
  summary: string;
}

/** Streamed sections are done and charts have measured: nothing on the page is still marked busy. */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Rules whose outcome depends on colour; every other rule reads the DOM, which is the same in both schemes. */
const COLOR_RULES = ['color-contrast', 'link-in-text-block'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * One scheme's scan. The light scheme runs every rule; the dark one only the colour rules, since the page is the
 * same DOM with other CSS variables. Legacy mode runs axe in the page itself (the default mode opens a second page to
 * merge frame results, which this app has none of) and only violations are collected: together about a third of the
 * time, which is what lets the suite visit every page as every role.
 */
export async function scanPage(page: Page, scheme: ColorScheme): Promise<AxeFinding[]> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  // Chromium restyles some inherited colours only on the next frame after the scheme flips; a scan in the same
  // frame saw light-scheme grey on the dark background (a false contrast failure). Two frames let styles settle.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'], iframes: false }).setLegacyMode(true);
  const result = await (scheme === 'light' ? builder.withTags(TAGS) : builder.withRules(COLOR_RULES)).analyze();
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: `${v.nodes.length} node(s); ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ').slice(0, 240) ?? ''}`,
  }));
}


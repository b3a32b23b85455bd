// Keyboard, screen-reader view and colour theme: what axe cannot judge on its own. The skip link comes first and
// lands in the content, the header is crossed in reading order, focus is always visible, the trend chart's numbers
// are reachable as a table, the landing page and the findings list read sensibly in the accessibility tree, and the
// theme switch renders the chosen scheme from the server (no flash) under the nonce-based CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { storageStatePath } from './support/storage-state';
import { waitUntilSettled } from './support/axe';
import { waitForFirstSync } from './support/wait-for-sync';

test.use({ storageState: storageStatePath('security') });

/** Accessible name (or text) of the focused element, and whether its focus ring is drawn. */
async function focused(page: Page): Promise<{ name: string; tag: string; outline: string; inMain: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { name: '', tag: '', outline: 'none', inMain: false };
    const style = getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? el.innerText ?? '').trim().replace(/\s+/g, ' '),
      tag: el.tagName.toLowerCase(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      inMain: Boolean(el.closest('main')),
    };
  });
}

function saveTree(name: string, yaml: string): void {
  mkdirSync('test-results/a11y', { recursive: true });
  writeFileSync(`test-results/a11y/${name}.aria.yml`, yaml);
}

test.describe('keyboard and screen reader', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test('the skip link comes first, shows when focused and moves on into the content', async ({ page }) => {
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.width > 40 && box.height > 20, 'the focused skip link is in view, not parked off-screen').toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inMain, 'after the skip link, the next stop is inside <main>').toBe(true);
  });

  test('the header is crossed in reading order with a visible focus ring on every stop', async ({ page }) => {
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    // The main navigation's links are whatever the permission table gives this role; the order around them is fixed.
    const navLinks = (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(navLinks.length).toBeGreaterThan(2);
    const expected = ['Skip to content', 'AKS Posture', ...navLinks, 'Colour theme: System'];
    const stops: string[] = [];
    for (let i = 0; i < expected.length + 1; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f.outline, `focus ring on "${f.name}"`).not.toMatch(/^none/);
      stops.push(f.name);
    }
    expect(stops.slice(0, expected.length)).toEqual(expected);
    expect(stops[expected.length]).toMatch(/sign out/i);
  });

  test('a zero count is not a tab stop; a non-zero count is a link to its findings', async ({ page }) => {
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    const board = page.getByTestId('stage-board');
    const zero = board.locator('[data-slot="severity-counts"] li[data-count="0"]').first();
    const nonZero = board.locator('[data-slot="severity-counts"] li:not([data-count="0"])').first();
    await expect(zero.getByRole('link')).toHaveCount(0);
    await expect(nonZero.getByRole('link')).toHaveAttribute('href', /\/findings\?/);
  });

  test('the trend chart\'s numbers are reachable from the keyboard as a table', async ({ page }) => {
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    const chart = page.getByRole('figure', { name: 'Open findings per day by severity' });
    await expect(chart).toBeVisible();
    const disclosure = chart.getByText('Show data table');
    await disclosure.focus();
    await page.keyboard.press('Enter');
    const table = chart.getByRole('table', { name: 'Open findings per day by severity' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Critical' })).toBeVisible();
    expect(await table.getByRole('row').count()).toBeGreaterThan(30);
  });

  test('the landing page reads as an outline of headings, with counts that say what they count', async ({ page }) => {
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    const main = page.getByRole('main');
    saveTree('landing', await main.ariaSnapshot());
    const headings = await main.getByRole('heading').evaluateAll((els) => els.map((e) => `${e.tagName} ${(e as HTMLElement).innerText.trim()}`));
    expect(headings[0]).toBe('H1 Posture overview');
    // Nothing skips a level: every heading is at most one deeper than the one before (axe's heading-order, stated).
    const levels = headings.map((h) => Number(h.slice(1, 2)));
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), headings[i]).toBeLessThanOrEqual(1));
    expect(headings).toEqual(expect.arrayContaining(['H2 Open findings', 'H2 Plan', 'H2 Build', 'H2 Open findings, last 90 days']));
    // A compact count reads "12 Critical", never "12 Crit" (the short label is hidden from the tree).
    const counts = page.getByRole('list', { name: /^Open findings for / }).first();
    const firstItem = (await counts.getByRole('listitem').first().ariaSnapshot()).replace(/\s+/g, ' ');
    expect(firstItem).toMatch(/Critical/);
    expect(firstItem).not.toMatch(/Crit\b(?!ical)/);
  });

  test('the findings list reads as a table with named columns, severity in words, and page navigation', async ({ page }) => {
    await page.goto('/findings');
    await waitUntilSettled(page);
    const main = page.getByRole('main');
    saveTree('findings', await main.ariaSnapshot());
    const table = main.getByRole('table');
    for (const name of ['Severity', 'Finding', 'Resource', 'Last seen']) await expect(table.getByRole('columnheader', { name })).toBeVisible();
    const firstRow = table.getByRole('row').nth(1);
    await expect(firstRow.getByRole('cell').first()).toHaveText(/Critical|High|Medium|Low|Informational/);
    await expect(main.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next page' })).toBeVisible();
  });
});

test.describe('colour theme', () => {
  test('the choice is rendered by the server on the next page, with no CSP violation, and System goes back to the OS', async ({ page }) => {
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/?role=all');
    await waitUntilSettled(page);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(255, 255, 255)');

    await page.getByTestId('theme-toggle').click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    expect(await background()).toBe('rgb(9, 9, 11)');
    await page.screenshot({ path: 'test-results/screenshots/a11y-overview-forced-dark.png', fullPage: true });

    // The server renders the class itself: the very first HTML already carries it, so there is no light flash.
    const html = await (await page.request.get('/?role=all')).text();
    expect(html).toMatch(/<html[^>]*class="dark"/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId('theme-toggle')).toHaveAccessibleName('Colour theme: Dark');

    // Forced light wins over a dark OS.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('theme-toggle').click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    expect(await background()).toBe('rgb(255, 255, 255)');

    // System removes the cookie and follows the OS again.
    await page.getByTestId('theme-toggle').click();
    await page.getByRole('menuitemradio', { name: 'System' }).click();
    await expect(page.locator('html')).not.toHaveClass(/\b(dark|light)\b/);
    expect(await background()).toBe('rgb(9, 9, 11)');
    expect((await page.context().cookies()).find((c) => c.name === 'theme')).toBeUndefined();
    expect(cspErrors).toEqual([]);
  });
});

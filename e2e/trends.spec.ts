// The manager's journey (issue 12): `/` lands on trends; the 365-day view; "what changed" last week, cut to the team
// of a new critical, followed to its finding; one team's trends; a chart's CSV equals its data table. Screenshots in
// light and dark go to test-results/screenshots/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { storageStatePath } from './support/storage-state';
import { waitForFirstSync } from './support/wait-for-sync';

test.use({ storageState: storageStatePath('manager') });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** Cells of a chart's data table, header included, as text. */
async function tableCells(page: Page, chart: string): Promise<string[][]> {
  const figure = page.getByRole('figure', { name: chart });
  await figure.getByText('Show data table').click();
  const rows = figure.locator('table tr');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** A CSV without quoted fields (the chart tables here hold days and numbers) as cells. */
const csvCells = (csv: string) => csv.trim().split(/\r?\n/).map((line) => line.split(','));

test.describe('trends (demo tenant)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test('manager: landing → 365 days → what changed last week → a new critical → its finding; a team; CSV equals the table', async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await expect(page).toHaveURL(/\/trends$/);
    await expect(page.getByRole('heading', { name: 'Trends', level: 1 })).toBeVisible();

    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: '365 days' }).click();
    await expect(page).toHaveURL(/range=365/);
    const open = page.getByRole('figure', { name: 'Open findings by severity' });
    await expect(open.locator('.recharts-surface')).toBeVisible();
    await expect(page.getByTestId('team-comparison').getByRole('row')).not.toHaveCount(1);
    await shot(page, 'trends-manager-365-light');

    // What changed last week, estate-wide: the team of its first new critical, then that team's week.
    await page.getByRole('link', { name: 'What changed last week' }).click();
    await expect(page).toHaveURL(/\/trends\/changes/);
    // A critical on a team's cluster (registry CVEs on no cluster belong to no team).
    const critical = page.getByTestId('new-findings').locator('li[data-team]').filter({ hasText: 'Critical' }).first();
    await expect(critical).toBeVisible();
    const team = (await critical.getAttribute('data-team')) ?? '';
    expect(team).not.toBe('');
    await page.getByRole('combobox', { name: 'Team' }).selectOption(team);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((u) => u.searchParams.get('team') === team);
    await shot(page, 'trends-changes-team-light');
    const line = page.getByTestId('new-findings').getByRole('listitem').filter({ hasText: 'Critical' }).first();
    const title = (await line.getByRole('link').innerText()).trim();
    await line.getByRole('link').click();
    await expect(page).toHaveURL(/\/findings\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

    // One team's trends, and a chart's CSV against its table.
    await page.goto('/trends?range=365');
    await page.getByRole('combobox', { name: 'Team' }).selectOption(team);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((u) => u.searchParams.get('team') === team);
    await expect(page.getByRole('heading', { name: 'Trends', level: 1 })).toBeVisible();
    const chart = 'New vs fixed per week';
    const table = await tableCells(page, chart);
    expect(table.length).toBeGreaterThan(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('figure', { name: chart }).getByRole('button', { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe('new-vs-fixed-per-week.csv');
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csvCells(csv)).toEqual(table);
    await shot(page, 'trends-team-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/trends?range=365');
    await expect(page.getByRole('figure', { name: 'Open findings by severity' }).locator('.recharts-surface')).toBeVisible();
    await shot(page, 'trends-manager-365-dark');
    await page.goto(`/trends/changes?team=${team}`);
    await shot(page, 'trends-changes-team-dark');
  });
});

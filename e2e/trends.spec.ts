// The manager's journey (issue 12): `/` lands on trends; the 365-day view tells the demo's story (one team lagging);
// "what changed" last week, cut to the team of a new critical, followed to its finding; one team's trends; a chart's
// CSV equals its data table; a chart's PNG is a picture on the theme's background. Screenshots in light and dark go
// to test-results/screenshots/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LAGGING_TEAM } from '../lib/demo/finding-history';
import { readPng } from './support/png';
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

interface TeamRow {
  team: string;
  trend: string;
  breaches: number;
  medianDays: number | null;
}

/** The team comparison as the page shows it. */
async function teamRows(page: Page): Promise<TeamRow[]> {
  const rows = page.getByTestId('team-comparison').locator('tbody tr');
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())));
  const number = (text: string | undefined) => (text === undefined || text === '–' ? null : Number(text.replace(/,/g, '')));
  return cells.map((c) => ({ team: c[0] ?? '', trend: c[2] ?? '', breaches: number(c[4]) ?? 0, medianDays: number(c[7]) }));
}

/** Downloads a chart's PNG and reads it. */
async function chartPng(page: Page, chart: string) {
  const figure = page.getByRole('figure', { name: chart });
  await expect(figure.locator('.recharts-surface')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: `Download PNG of ${chart}` }).click()]);
  const bytes = await readFile((await download.path()) ?? '');
  return { name: download.suggestedFilename(), bytes, png: readPng(bytes), plot: await figure.locator('.recharts-surface').boundingBox() };
}

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

    // The demo's year: one team lagging — more SLA breaches now and a slower median fix than every other team, and
    // more open criticals than 30 days ago where the others have fewer — read from the page's own table.
    const teams = await teamRows(page);
    const lagging = teams.find((t) => t.team === LAGGING_TEAM);
    const others = teams.filter((t) => t.team !== LAGGING_TEAM);
    expect(lagging, `team ${LAGGING_TEAM} in ${JSON.stringify(teams)}`).toBeDefined();
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      expect(lagging?.breaches, `breaches: ${JSON.stringify(teams)}`).toBeGreaterThan(other.breaches);
      expect(lagging?.medianDays ?? 0, `median days to fix: ${JSON.stringify(teams)}`).toBeGreaterThan(other.medianDays ?? 0);
    }
    expect(lagging?.trend).toMatch(/^up from \d+ 30 days ago$/);
    // …while the others improve.
    for (const other of others) expect(other.trend, other.team).toMatch(/^down from \d+ 30 days ago$/);

    // A chart as PNG: a real picture, the plot at twice its size plus title and legend, on the light background.
    const light = await chartPng(page, 'Open findings by severity');
    expect(light.name).toBe('open-findings-by-severity.png');
    expect(light.bytes.length).toBeGreaterThan(10_000);
    expect(light.bytes.length).toBeLessThan(3_000_000);
    expect(light.png.width).toBe(2 * (Math.round(light.plot?.width ?? 0) + 32));
    expect(light.png.height).toBeGreaterThan(2 * ((light.plot?.height ?? 0) + 40));
    expect(Math.min(...light.png.topLeft.slice(0, 3))).toBeGreaterThan(200);
    expect(light.png.topLeft[3]).toBe(255);

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
    const dark = await chartPng(page, 'Open findings by severity');
    expect(Math.max(...dark.png.topLeft.slice(0, 3))).toBeLessThan(60);
    await page.goto(`/trends/changes?team=${team}`);
    await shot(page, 'trends-changes-team-dark');
  });
});

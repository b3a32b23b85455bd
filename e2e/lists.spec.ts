import { expect, test, type Page } from '@playwright/test';
import { postureCli } from './support/posture-cli';
import { signInAs } from './support/sign-in';
import { waitForFirstSync } from './support/wait-for-sync';

// The clusters and findings lists are sorted, filtered and paged on the server, with filters in the URL; their
// totals come from the summaries and agree with `posture stats --json`.
const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `test-results/screenshots/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openTotalsOfRows(page: Page): Promise<number[]> {
  const rows = page.locator('tr[data-cluster]');
  const totals: number[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('li[data-severity]');
    let sum = 0;
    for (let j = 0; j < (await cells.count()); j++) sum += count(await cells.nth(j).getAttribute('title'));
    totals.push(sum);
  }
  return totals;
}

test.describe('lists (demo tenant)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test('clusters list: sorts worst-first and filters by team on the server, bookmarkable', async ({ page }) => {
    await signInAs(page, 'security');
    await page.goto('/clusters');
    await expect(page.getByTestId('clusters-total')).toHaveText('8 clusters');
    await page.getByRole('link', { name: 'Open findings' }).click();
    await expect(page).toHaveURL(/sort=open/);
    await expect(page.locator('th[aria-sort="descending"]')).toHaveText('Open findings');
    await expect(page.locator('tr[data-cluster]')).toHaveCount(8);
    const totals = await openTotalsOfRows(page);
    expect(totals).toHaveLength(8);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // The sum over clusters cannot exceed the estate's open findings (some are not attached to a cluster).
    const stats = JSON.parse(await postureCli(['stats', '--json'])) as { findings: { open: number } };
    expect(totals.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(stats.findings.open);
    await shoot(page, 'clusters-security-worst-first');
    await page.getByLabel('Team').selectOption('payments');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/team=payments/);
    await expect(page).toHaveURL(/sort=open/);
    await expect(page.getByTestId('clusters-total')).not.toHaveText('8 clusters');
    const teams = await page.locator('tr[data-cluster] td:nth-child(2)').allTextContents();
    expect(teams.length).toBeGreaterThan(0);
    expect(new Set(teams)).toEqual(new Set(['payments']));
  });

  test('clusters list as a developer: only the team\'s clusters', async ({ page }) => {
    await signInAs(page, 'developer');
    await page.goto('/clusters');
    await expect(page.getByTestId('clusters-total')).toBeVisible();
    const teams = await page.locator('tr[data-cluster] td:nth-child(2)').allTextContents();
    expect(teams.length).toBeGreaterThan(0);
    expect(new Set(teams)).toEqual(new Set(['payments']));
    await shoot(page, 'clusters-developer');
  });

  test('findings list: the total matches `posture stats`, pages by cursor, and search answers from the index', async ({ page }) => {
    await signInAs(page, 'security');
    await page.goto('/findings');
    const stats = JSON.parse(await postureCli(['stats', '--json'])) as { findings: { open: number } };
    expect(count(await page.getByTestId('findings-total').textContent())).toBe(stats.findings.open);
    await shoot(page, 'findings-security');
    const firstIds = await page.locator('tbody tr a[href^="/findings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/cursor=\d+/);
    await expect(page.getByTestId('findings-total')).toContainText('(continued)');
    await expect(page.locator('tbody tr')).toHaveCount(50);
    const nextIds = await page.locator('tbody tr a[href^="/findings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(nextIds.filter((id) => firstIds.includes(id))).toEqual([]);
    await page.goto('/findings?q=openssl');
    expect(count(await page.getByTestId('findings-total').textContent())).toBeGreaterThan(0);
    await expect(page.getByTestId('search-unindexed')).toHaveCount(0);
    await shoot(page, 'findings-security-search');
  });
});

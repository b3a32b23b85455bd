import { expect, test } from '@playwright/test';
import { SOURCE_IDS } from '../lib/domain/model';
import { OverviewPage } from './pages/overview-page';
import { postureCli } from './support/posture-cli';
import { signInAs } from './support/sign-in';
import { storageStatePath } from './support/storage-state';
import { waitForFirstSync } from './support/wait-for-sync';

const STAGES = ['plan', 'develop', 'build', 'deploy', 'operate'];

test.describe('overview (demo tenant)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test('shows the five stages with the demo tenant\'s counts, matching `posture stats --json`', async ({ page }) => {
    await signInAs(page, 'security');
    const overview = new OverviewPage(page);
    await overview.goto('?role=all');
    for (const s of STAGES) await expect(overview.stage(s)).toBeVisible();
    await expect(overview.stage('build').getByRole('heading', { name: 'Build' })).toBeVisible();

    const stats = JSON.parse(await postureCli(['stats', '--json'])) as {
      findings: { open: number; bySource: Record<string, { bySeverity: Record<string, number> }> };
    };
    expect(stats.findings.open).toBeGreaterThan(1000);
    expect(await overview.openTotalNumber()).toBe(stats.findings.open);
    for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
      const fromCli = Object.values(stats.findings.bySource).reduce((n, s) => n + (s.bySeverity[severity] ?? 0), 0);
      expect(await overview.openBySeverity(severity), severity).toBe(fromCli);
    }
    // Every source line says something true — never a silent zero; on the demo tenant every source has synced.
    for (const source of SOURCE_IDS) {
      await expect(page.locator(`[data-slot="freshness-line"] [data-source="${source}"]`), source).toHaveAttribute('data-state', 'synced');
    }
    await page.screenshot({ path: 'test-results/screenshots/overview-all-roles.png', fullPage: true });
  });

  test('the role switcher narrows the board to a role\'s controls and keeps the choice in the URL', async ({ page }) => {
    await signInAs(page, 'security');
    const overview = new OverviewPage(page);
    await overview.goto('?role=all');
    const all = await overview.controlIds();
    await page.getByRole('navigation', { name: 'Focus on a team role' }).getByRole('link', { name: 'Developer' }).click();
    await expect(page).toHaveURL(/\?role=developer$/);
    await expect(overview.board).toBeVisible();
    const developer = await overview.controlIds();
    expect(developer.length).toBeGreaterThan(0);
    expect(developer.length).toBeLessThan(all.length);
    for (const id of developer) expect(all).toContain(id);
    await page.reload();
    expect(await overview.controlIds()).toEqual(developer);
  });

  test('a severity count drills down to the findings list and on to a single finding and its cluster', async ({ page }) => {
    await signInAs(page, 'security');
    const overview = new OverviewPage(page);
    await overview.goto('?role=all');
    const critical = await overview.openBySeverity('critical');
    await page.getByTestId('open-by-severity').getByRole('link', { name: /Critical/ }).click();
    await expect(page).toHaveURL(/\/findings\?severity=critical/);
    await expect(page.getByTestId('findings-total')).toContainText(`${critical.toLocaleString('en-US')} finding`);
    await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/findings\/\d+$/);
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/finding-detail.png', fullPage: true });
    const clusterLink = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1);
    if (await clusterLink.count()) {
      await clusterLink.click();
      // Old hashed links redirect to the readable address /clusters/<subscription>/<resource group>/<name>.
      await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}\/[^/]+\/[^/]+$/);
      await expect(page.getByTestId('stage-board')).toBeVisible();
      await page.screenshot({ path: 'test-results/screenshots/cluster.png', fullPage: true });
    }
  });

  test('an unreadable filter says which parameter is wrong', async ({ page }) => {
    await signInAs(page, 'security');
    await page.goto('/findings?severity=urgent');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('severity');
    await expect(alert).toContainText('expected one of');
  });
});

test.describe('sync now (admin)', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('an admin queues a source and watches its progress live, then its success, without a reload', async ({ page, request }) => {
    await waitForFirstSync(request);
    await page.goto('/admin/sync');
    // The source with the most pages in the demo tenant, so its run lasts long enough to watch.
    const row = page.locator('tr[data-source="defender-vulnerability"]');
    await expect(row.getByTestId('sync-state')).toHaveAttribute('data-state', 'succeeded');
    await row.getByRole('button', { name: 'Sync Defender image vulnerabilities now' }).click();
    await expect(row.getByTestId('sync-progress')).toContainText(/Page \d+ · [\d,]+ records? so far/, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screenshots/admin-sync-running.png', fullPage: true });
    await expect(row.getByTestId('sync-state')).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
    await expect(row).toContainText(/records in [\d,]+ pages/);
    await page.screenshot({ path: 'test-results/screenshots/admin-sync-done.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screenshots/admin-sync-done-dark.png', fullPage: true });
  });
});

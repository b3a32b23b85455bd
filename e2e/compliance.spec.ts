// The cluster operator's journey (issue 11): the landing page links to compliance; a non-compliant Kubernetes
// policy leads to a workload and its cluster page; a filtered cluster view is a bookmark that survives a fresh
// browser and a sign-in; its CSV holds exactly the table's rows. And a scoped developer sees the registry CVEs of
// the images their clusters run on the build-stage control. Screenshots go to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support/sign-in';
import { waitForFirstSync } from './support/wait-for-sync';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
const CLUSTER_PATH = /\/clusters\/[0-9a-f-]{36}\/[^/?]+\/[^/?]+/;

test.describe('compliance and the cluster page (demo tenant)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test('cluster operator: compliance → Kubernetes policy → workload → cluster page → bookmarked high-severity view → CSV', async ({ page, browser, baseURL }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await signInAs(page, 'cluster-operator');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' }).click();
    await expect(page).toHaveURL(/\/compliance$/);
    await expect(page.getByRole('heading', { name: 'Compliance', level: 1 })).toBeVisible();
    await expect(page.getByTestId('by-cluster').locator('li').first()).toBeVisible();
    await shot(page, 'compliance-cluster-operator');

    // A non-compliant Kubernetes policy, followed to its resources.
    const k8sPolicy = page.getByTestId('policy-counts').getByRole('row').filter({ hasText: 'Kubernetes' }).filter({ has: page.locator('td.text-fail') }).first();
    const policyTitle = (await k8sPolicy.getByTestId('policy-link').innerText()).trim();
    await k8sPolicy.getByTestId('policy-link').click();
    await expect(page).toHaveURL(/[?&]policy=/);
    await expect(page.getByRole('heading', { name: `Resources of “${policyTitle}”` })).toBeVisible();
    const violation = page.getByTestId('policy-resources').locator('tr[data-state="noncompliant"]').first();
    await expect(violation).toBeVisible();
    await shot(page, 'compliance-policy-resources');

    // … to a workload: every policy that judged it, and the cluster it runs on.
    await violation.getByTestId('resource-link').click();
    await expect(page).toHaveURL(/[?&]resource=%2Fsubscriptions%2F.*Microsoft\.Kubernetes\.Data/i);
    await expect(page.getByTestId('resource-policies').locator('tr[data-state="noncompliant"]').first()).toBeVisible();
    await page.getByTestId('resource-cluster-link').click();
    await expect(page).toHaveURL(CLUSTER_PATH);
    await expect(page.getByTestId('cluster-compliance')).toBeVisible();
    await expect(page.getByTestId('version-status')).toBeVisible();
    await shot(page, 'cluster-page-cluster-operator');

    // Apply severity=high with the filter form: the filter lands in the address.
    const findings = page.locator('#findings');
    await findings.getByLabel('Severity').selectOption('high');
    await findings.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]severity=high/);
    const total = Number(await page.getByTestId('cluster-findings-total').getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    await expect(page.getByTestId('cluster-findings').locator('tbody tr').first()).toHaveAttribute('data-severity', 'high');
    await shot(page, 'cluster-page-severity-high');

    // Copy the link: it is the address of this exact view.
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('copy-link')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());

    // Download the CSV: its rows are the table's rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,severity,status,stage,controlId,source/);
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'high')).toBe(true);

    // Open the copied link as a bookmark: a fresh browser context, sign in, land on the same filtered view.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await signInAs(other, 'cluster-operator', copied.replace(new URL(copied).origin, ''));
    await expect(other).toHaveURL(copied);
    await expect(other.getByTestId('cluster-findings-total')).toHaveAttribute('data-total', String(total));
    await expect(other.locator('#findings').getByLabel('Severity')).toHaveValue('high');
    await fresh.close();
  });

  test('the old hashed cluster address moves to the readable one, filters kept', async ({ page }) => {
    await signInAs(page, 'cluster-operator');
    await page.goto('/clusters');
    const href = await page.getByRole('table').getByRole('link').first().getAttribute('href');
    expect(href).toMatch(CLUSTER_PATH);
    const id = await page.getByRole('table').locator('tr[data-cluster]').first().getAttribute('data-cluster');
    await page.goto(`/clusters/${id}?severity=critical`);
    await page.waitForURL((u) => `${u.pathname}${u.search}` === `${href}?severity=critical`);
  });

  test('developer (scoped): the build-stage registry scanning control shows the registry CVEs of their running images', async ({ page }) => {
    await signInAs(page, 'developer');
    await page.goto('/?role=all');
    const control = page.locator('[data-control="build-registry-image-scanning"]');
    await expect(control).toBeVisible();
    await expect(control).toHaveAttribute('data-status', 'fail');
    await shot(page, 'overview-developer-registry-scanning');
    // On one of their cluster pages, those CVEs are counted as the registry scan of the images it runs.
    await page.goto('/clusters');
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page).toHaveURL(CLUSTER_PATH);
    const viaImages = page.getByTestId('source-counts').locator('tr[data-source="defender-vulnerability"][data-via-images="true"]');
    await expect(viaImages).toBeVisible();
    await shot(page, 'cluster-page-developer');
  });
});

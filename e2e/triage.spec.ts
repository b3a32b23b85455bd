// The security analyst's job in Chromium, against the demo tenant: the landing page leads to the queue; filter to
// unassigned high alerts, open one, assign it and comment, risk-accept another with a justification and an expiry,
// and find both in the audit log. An app operator triages only their clusters' items; a developer sees no controls.
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { TriagePage } from './pages/triage-page';
import { signInAs } from './support/sign-in';
import { waitForFirstSync } from './support/wait-for-sync';

const SHOTS = 'test-results/screenshots';

// The e2e data directory outlives a run: put back what the journeys changed, so the next run finds the same queue.
const touched = new Set<string>();

test.describe('security triage (demo tenant)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  test.afterAll(async ({ baseURL }) => {
    const api = await playwrightRequest.newContext({ baseURL, storageState: 'test-results/.auth/security.json' });
    const headers = { origin: new URL(baseURL ?? 'http://localhost').origin, 'sec-fetch-site': 'same-origin' };
    for (const id of touched) {
      await api.post(`/api/triage/items/${id}`, { headers, data: { action: { type: 'assign', ownerId: null } } });
      await api.post(`/api/triage/items/${id}`, { headers, data: { action: { type: 'status', status: 'new', comment: 'Reset after the end-to-end run.' } } });
    }
    await api.dispose();
  });

  test('security: landing → queue → filter → assign and comment → risk-accept another → audit log', async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, 'security');
    const attention = page.getByTestId('triage-attention');
    await expect(attention).toBeVisible();
    const count = Number((await page.getByTestId('triage-attention-count').innerText()).replace(/[^0-9]/g, ''));
    expect(count).toBeGreaterThan(0);
    await page.getByTestId('triage-attention-count').click();
    await expect(page).toHaveURL(/\/triage$/);

    const triage = new TriagePage(page);
    await expect(triage.queue).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/triage-queue-security.png`, fullPage: true });
    // Alerts, incidents and new critical/high findings share the queue; an incident folds the alert it contains.
    for (const source of ['defender-alert', 'sentinel-incident', 'defender-vulnerability']) {
      await triage.goto(`?source=${source}&status=all`);
      await expect(triage.rows.first()).toBeVisible();
      if (source === 'sentinel-incident') await expect(triage.queue.getByText(/1 alert grouped/).first()).toBeVisible();
    }
    await triage.goto('');

    // Filter to unassigned high alerts: the form and the toggle write the URL.
    await page.getByLabel('Source').selectOption('defender-alert');
    await page.getByLabel('Severity').selectOption('high');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: 'Unassigned' }).click();
    await expect(page).toHaveURL(/source=defender-alert/);
    await expect(page).toHaveURL(/severity=high/);
    await expect(page).toHaveURL(/unassigned=1/);
    const ids = await triage.rowIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const row of await triage.rows.all()) {
      await expect(row.locator('[data-severity]')).toHaveAttribute('data-severity', 'high');
      await expect(row.getByTestId('owner')).toHaveText('Unassigned');
    }

    // j/k move the focus (on the whole alert queue, which has many rows); Enter opens the focused item.
    const filtered = page.url();
    await triage.goto('?source=defender-alert');
    const all = await triage.rowIds();
    expect(all.length).toBeGreaterThan(2);
    expect(await triage.focusedId()).toBe(all[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await triage.focusedId()).toBe(all[2]);
    await page.keyboard.press('k');
    expect(await triage.focusedId()).toBe(all[1]);
    await page.goto(filtered);
    expect(await triage.focusedId()).toBe(ids[0]);
    // The keyboard works once the page is hydrated: wait until j moves the focus (and k brings it back) before Enter.
    if (ids.length > 1) {
      await expect.poll(async () => (await page.keyboard.press('j'), triage.focusedId())).toBe(ids[1]);
      await page.keyboard.press('k');
    } else {
      await page.waitForLoadState('networkidle');
    }
    await expect.poll(() => triage.focusedId()).toBe(ids[0]);
    touched.add(ids[0] ?? '');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === `/triage/${ids[0]}`);

    // Assign to me and comment: the owner changes at once, the history records both.
    const actions = page.getByTestId('item-actions');
    await actions.getByRole('button', { name: 'Assign to me' }).click();
    await expect(actions.getByTestId('owner')).toHaveText('Sam Security');
    // Unique text: the e2e data outlives a run, so an older run's comment must not satisfy this one.
    const note = `Mining container from a known test pod; confirming with the owning team (${Date.now()}).`;
    await actions.getByRole('textbox', { name: 'Comment' }).fill(note);
    await actions.getByRole('button', { name: 'Add comment' }).click();
    const history = page.getByTestId('history');
    await expect(history).toContainText('Sam Security assigned it to Sam Security');
    await expect(history).toContainText(note);
    await expect(page.getByTestId('triage-error')).toHaveCount(0);
    await expect(page.getByTestId('mitre')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/triage-item-security.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/triage-item-security-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    // Risk-accept another item from the same filtered queue.
    await triage.goto('?source=defender-alert&unassigned=1');
    const other = (await triage.rowIds()).find((id) => id !== ids[0]);
    expect(other).toBeDefined();
    touched.add(other ?? '');
    await page.goto(`/triage/${other}#accept`);
    await actions.getByRole('textbox', { name: 'Justification' }).fill('Expected scanner traffic from the red-team exercise until it ends.');
    const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await actions.getByLabel('Accepted until', { exact: true }).fill(until);
    await actions.getByRole('button', { name: `Accept risk until ${until}` }).click();
    await expect(actions.getByTestId('status')).toHaveText('Risk accepted');
    await expect(page.getByTestId('history')).toContainText('accepted the risk');
    // The change goes back to Defender through the outbox: pending at first, synced once the worker has drained it.
    await page.reload();
    await expect(page.getByTestId('write-back')).toHaveText(/^(Pending write-back to Defender|Synced to Defender)$/);
    await page.screenshot({ path: `${SHOTS}/triage-item-write-back-security.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/triage-item-write-back-security-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });

    // Accepted risk leaves the default queue but stays visible under "Risk accepted".
    await triage.goto('');
    expect(await triage.rowIds()).not.toContain(other);
    await triage.goto('?status=accepted');
    expect(await triage.rowIds()).toContain(other);
    await expect(triage.queue.getByTestId('write-back').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/triage-queue-write-back-security.png` });

    // Both actions are in the audit log.
    await page.goto('/admin/audit?action=triage.assign');
    await expect(page.getByRole('cell', { name: `triage-item: ${ids[0]}` }).first()).toBeVisible();
    await page.goto('/admin/audit?action=triage.accept_risk');
    await expect(page.getByRole('cell', { name: `triage-item: ${other}` }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Risk accepted (with expiry)' }).first()).toBeVisible();
  });

  test('bulk: select two items with x and set them in progress at once', async ({ page }) => {
    await signInAs(page, 'security');
    const triage = new TriagePage(page);
    await triage.goto('?source=defender-alert');
    const ids = await triage.rowIds();
    // The queue also holds alerts already in progress (the demo's history, earlier tests): a bulk change is all or
    // nothing and refuses an item already in the asked status, so pick the first two that are new.
    const statuses = await triage.rows.evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid="status"]')?.textContent?.trim() ?? ''));
    const picks = statuses.flatMap((status, i) => (status === 'New' ? [i] : [])).slice(0, 2);
    expect(picks).toHaveLength(2);
    const chosen = picks.map((i) => ids[i]!);
    chosen.forEach((id) => touched.add(id));
    let at = 0;
    for (const i of picks) {
      for (; at < i; at += 1) await page.keyboard.press('j');
      await expect.poll(() => triage.focusedId()).toBe(ids[i]);
      await page.keyboard.press('x');
    }
    const bar = page.getByTestId('bulk-bar');
    await expect(bar).toContainText('2 selected');
    await bar.getByRole('button', { name: 'Start work (in progress)' }).click();
    for (const id of chosen) await expect(page.locator(`[data-id="${id}"]`).getByTestId('status')).toHaveText('In progress');
  });

  test('app operator: only their clusters\' items; another team\'s item is 404 and its action is refused', async ({ page, browser }) => {
    // Find a payments-team item as security (the app operator is on the storefront team).
    const securityPage = await (await browser.newContext()).newPage();
    await signInAs(securityPage, 'security');
    const asSecurity = new TriagePage(securityPage);
    await asSecurity.goto('?team=payments&status=all');
    const foreign = (await asSecurity.rowIds())[0];
    expect(foreign).toBeDefined();
    await securityPage.context().close();

    await signInAs(page, 'app-operator');
    const triage = new TriagePage(page);
    await triage.goto('?status=all');
    await expect(triage.rows.first()).toBeVisible();
    const teams = await triage.queue.getByText(/^Team /).allInnerTexts();
    expect(teams.length).toBeGreaterThan(0);
    expect(new Set(teams)).toEqual(new Set(['Team storefront']));
    expect(await triage.rowIds()).not.toContain(foreign);

    const response = await page.goto(`/triage/${foreign}`);
    expect(response?.status()).toBe(404);
    const origin = new URL(page.url()).origin;
    const refused = await page.request.post(`/api/triage/items/${foreign}`, {
      data: { action: { type: 'status', status: 'resolved' } },
      headers: { origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(refused.status()).toBe(404);

    // Their own item: the controls are there.
    await triage.goto('');
    await triage.rows.first().getByRole('link').first().click();
    await expect(page.getByTestId('item-actions')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/triage-item-app-operator.png`, fullPage: true });
  });

  test('developer: reads the queue and an item, with no triage controls', async ({ page }) => {
    await signInAs(page, 'developer');
    const triage = new TriagePage(page);
    await triage.goto('?status=all');
    await expect(page.getByTestId('read-only-note')).toBeVisible();
    await expect(triage.rows.first()).toBeVisible();
    await expect(triage.queue.getByRole('checkbox')).toHaveCount(0);
    await expect(triage.queue.getByRole('button', { name: /Actions for/ })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/triage-queue-developer.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/triage-queue-developer-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await triage.rows.first().getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
    await expect(page.getByTestId('item-actions')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  });
});

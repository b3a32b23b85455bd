// Sign-in, access and the web security baseline in a real browser against `npm start` in demo mode:
// each demo role lands on its view and reaches only what the permission table allows; anonymous, tampered and
// signed-out sessions go back to sign-in; every response carries the security headers.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ROLES, signInAs, type DemoRole } from './support/sign-in';

// The permission table as the browser sees it (lib/auth/permissions.ts).
const CAN_AUDIT: readonly DemoRole[] = ['security', 'admin'];
const CAN_SCOPES: readonly DemoRole[] = ['admin'];
const SESSION_COOKIE = /authjs\.session-token/;

async function status(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  return response?.status() ?? 0;
}

test.describe('anonymous visitors', () => {
  test('pages redirect to sign-in, APIs answer 401, and the sign-in page has the security headers', async ({ page, request }) => {
    const response = await page.goto('/admin/audit');
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toContain('camera=()');
    // Every script the page runs carries the nonce of this response.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    for (const n of scripts) expect(n).toBe(nonce);

    const api = await request.get('/api/audit/export');
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(api.headers()['content-security-policy']).toBeTruthy();
  });

  test('static assets and API responses carry the headers too', async ({ page, request }) => {
    await page.goto('/sign-in');
    const asset = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    expect(asset).toBeTruthy();
    const res = await request.get(asset ?? '/');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-security-policy']).toBeTruthy();
    const health = await request.get('/api/health');
    expect(health.headers()['x-frame-options']).toBe('DENY');
  });

  test('the demo provider refuses a wrong password with an announced error', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByLabel('User').fill('developer');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong user or password.');
  });
});

for (const role of DEMO_ROLES) {
  test(`${role}: lands on a view for the role and reaches only what the permission table allows`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByTestId('viewer-roles')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/landing-${role}.png`, fullPage: true });

    const nav = page.getByRole('navigation').first();
    if (CAN_AUDIT.includes(role)) await expect(nav.getByRole('link', { name: 'Admin' })).toBeVisible();
    else await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);

    expect(await status(page, '/admin/audit'), '/admin/audit').toBe(CAN_AUDIT.includes(role) ? 200 : 404);
    expect(await status(page, '/admin/scopes'), '/admin/scopes').toBe(CAN_SCOPES.includes(role) ? 200 : 404);
    const exportResponse = await page.request.get('/api/audit/export');
    expect(exportResponse.status(), '/api/audit/export').toBe(CAN_AUDIT.includes(role) ? 200 : 403);
    if (exportResponse.ok()) expect((await exportResponse.text()).split('\r\n')[0]).toBe('id,at,actorId,actorName,action,outcome,targetType,targetId,before,after,detail,ip,userAgent');
  });
}

test('no access token or ID token reaches the browser', async ({ page }) => {
  await signInAs(page, 'developer');
  const session = await page.request.get('/api/auth/session');
  const text = await session.text();
  expect(text).not.toMatch(/access_token|id_token|refresh_token|eyJ/);
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((c) => SESSION_COOKIE.test(c.name));
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe('Lax');
  // A JWE (five dot-separated parts), not a readable JWT.
  expect(sessionCookie?.value.split('.')).toHaveLength(5);
  // Reading document.cookie is the test: the session cookie must not be visible to scripts.
  // eslint-disable-next-line @microsoft/sdl/no-cookies
  const readable = await page.evaluate(() => document.cookie);
  expect(readable).not.toMatch(SESSION_COOKIE);
});

test('a tampered session cookie goes back to sign-in', async ({ page }) => {
  await signInAs(page, 'manager');
  const context = page.context();
  const cookie = (await context.cookies()).find((c) => SESSION_COOKIE.test(c.name));
  expect(cookie).toBeDefined();
  if (!cookie) return;
  const flipped = cookie.value.slice(0, -4) + (cookie.value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  await context.addCookies([{ ...cookie, value: flipped }]);
  await page.goto('/findings');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-out ends the session, and a copy of its cookie stops working too', async ({ page }) => {
  await signInAs(page, 'app-operator');
  const copy = (await page.context().cookies()).find((c) => SESSION_COOKIE.test(c.name));
  expect(copy).toBeDefined();
  await page.goto('/api/auth/signout');
  await page.getByRole('button', { name: /sign out/i }).click();
  await page.goto('/findings');
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.context().cookies()).find((c) => SESSION_COOKIE.test(c.name))).toBeUndefined();
  if (!copy) return;
  await page.context().addCookies([copy]);
  await page.goto('/findings');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a developer of the payments team cannot open a storefront cluster by its URL', async ({ page, browser }) => {
  // Security sees every cluster: collect a storefront cluster's URL from its list.
  const security = await browser.newContext();
  const sp = await security.newPage();
  await signInAs(sp, 'security');
  await sp.goto('/clusters');
  const storefront = await sp.locator('a[href^="/clusters/"]', { hasText: 'storefront' }).first().getAttribute('href');
  const payments = await sp.locator('a[href^="/clusters/"]', { hasText: 'payments' }).first().getAttribute('href');
  await security.close();
  // The readable address: /clusters/<subscription>/<resource group>/<name>.
  expect(storefront).toMatch(/^\/clusters\/[0-9a-f-]{36}\/[^/]+\/[^/]+$/);

  await signInAs(page, 'developer');
  await page.goto('/clusters');
  await expect(page.locator('a[href^="/clusters/"]', { hasText: 'storefront' })).toHaveCount(0);
  expect(await status(page, payments ?? '/'), 'own cluster').toBe(200);
  expect(await status(page, storefront ?? '/'), 'other team’s cluster').toBe(404);
});

test('audit log: denials, sign-ins and an admin’s scope change are recorded and exportable', async ({ page, browser }) => {
  const dev = await browser.newContext();
  const dp = await dev.newPage();
  await signInAs(dp, 'developer');
  expect((await dp.request.get('/api/audit/export')).status()).toBe(403);
  await dev.close();

  await signInAs(page, 'admin');
  await page.goto('/admin/scopes');
  const form = page.getByRole('form', { name: 'Add a group mapping' });
  const groupId = `e2e00000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
  await form.getByLabel('Entra group object id').fill(groupId);
  await form.getByLabel('Display name').fill('E2E team');
  await form.getByLabel('Teams (cluster team tag)').fill('payments');
  await form.getByRole('button', { name: 'Add mapping' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  await page.goto('/admin/audit?action=scope.create');
  await expect(page.getByRole('cell', { name: `group: ${groupId}` })).toBeVisible();
  await page.goto('/admin/audit?action=access.denied');
  await expect(page.getByRole('cell', { name: /Dana Developer/ }).first()).toBeVisible();
  await page.goto('/admin/audit?action=auth.sign_in');
  await expect(page.getByRole('cell', { name: /Ari Admin/ }).first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.goto('/admin/audit?action=scope.create').then(() => page.getByRole('link', { name: 'Export CSV' }).click())]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(path, 'utf8')).toContain(groupId);
  await page.screenshot({ path: 'test-results/screenshots/audit-log-admin.png', fullPage: true });
});

test('signing out ends the session at the identity provider too: the next sign-in asks for a password (issue 8 item 11)', async ({ page }) => {
  await signInAs(page, 'developer');
  await page.getByRole('button', { name: /^sign out$/i }).first().click();
  // RP-initiated logout: the provider's own page confirms, then sends the browser back to the app.
  await expect(page.getByRole('heading', { name: /sign out of the demo identity provider/i })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/idp-sign-out.png', fullPage: true });
  await page.getByRole('button', { name: /^sign out$/i }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await expect(page.getByText(/you are signed out/i)).toBeVisible();
  await page.getByRole('button', { name: /sign in/i }).click();
  // Not straight back in: the provider's form asks who and for the password.
  await expect(page.getByLabel(/password/i)).toBeVisible();
});

test('probing answers: malformed URLs are 400 with headers, malformed ids 404, forged client address ignored (issue 8 items 3, 8, 9)', async ({ page, request }) => {
  for (const path of ['/findings/%', '/clusters/%zz', '/findings/%E0%A4']) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(400);
    expect(r.headers()['content-security-policy'], path).toContain("default-src 'none'");
    expect(r.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(r.headers()['x-frame-options'], path).toBe('DENY');
  }
  const trace = await request.fetch('/', { method: 'TRACE' });
  expect(trace.status()).toBe(405);
  expect(trace.headers()['x-content-type-options']).toBe('nosniff');
  await signInAs(page, 'security');
  for (const path of ['/findings/abc', '/findings/9223372036854775808', '/clusters/ABCDEF123456']) expect(await status(page, path), path).toBe(404);
  const tooLarge = await page.request.get('/api/audit/export?before=9999999999999999999');
  expect(tooLarge.status()).toBe(400);
  expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toMatch(/too large/);
  // A forged X-Forwarded-For does not become the recorded address: the export is audited with the real one.
  expect((await page.request.get('/api/audit/export?action=audit.export', { headers: { 'x-forwarded-for': '6.6.6.6' } })).status()).toBe(200);
  const csv = await (await page.request.get('/api/audit/export?action=audit.export')).text();
  expect(csv).not.toContain('6.6.6.6');
  expect(csv).toMatch(/127\.0\.0\.1|::1/);
});

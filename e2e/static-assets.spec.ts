// The icons in public/ are served to anyone (the sign-in page shows them too), with the usual security headers,
// and every page links them.
import { expect, test } from '@playwright/test';

test('favicon, SVG icon and touch icon are served and linked from the sign-in page', async ({ page, request }) => {
  for (const [path, type] of [['/favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/], ['/icon.svg', /image\/svg\+xml/], ['/apple-touch-icon.png', /image\/png/]] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toMatch(type);
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  await page.goto('/sign-in');
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
});

// Developer aid: signs in as a demo role against a running `npm start` and saves screenshots of the main
// pages under test-results/screenshots/ so they can be looked at. Usage:
//   npx tsx scripts/dev/screenshots.ts [role] [baseUrl]
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const role = process.argv[2] ?? 'security';
const base = process.argv[3] ?? 'http://localhost:3000';
const out = 'test-results/screenshots';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await mkdir(out, { recursive: true });
await page.goto(`${base}/`);
await page.getByRole('button', { name: /sign in/i }).click();
await page.getByLabel(/user/i).fill(role);
await page.getByLabel(/password/i).fill('demo');
await page.getByRole('button', { name: /sign in|continue/i }).click();
await page.waitForURL(`${base}/**`);
const paths = (process.env.SHOT_PATHS ?? '/,/clusters,/findings').split(',');
for (const p of paths) {
  await page.goto(`${base}${p}`);
  await page.waitForLoadState('load');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 20_000 }).catch(() => undefined);
  const name = `${role}${p.replace(/[/?=&]+/g, '_')}.png`;
  await page.screenshot({ path: `${out}/${name}`, fullPage: true });
  console.log(`${out}/${name}`);
}
await browser.close();

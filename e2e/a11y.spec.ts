// Accessibility: every page of the app (e2e/a11y-pages.ts, kept complete by app/a11y-pages.test.ts), as every demo
// role the app lets in (light scheme; the dark scheme by the first of them), has no serious or critical axe-core violation. Roles come
// from the app: each role's visit either renders the page or answers 404 (the permission table, through the proxy's
// page rules), so a page added with a new permission is checked for exactly the roles that use it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { A11Y_PAGES, isSkipped, matchesRoutePattern, routePatternOf, type A11yPageEntry } from './a11y-pages';
import { BLOCKING_IMPACTS, COLOR_SCHEMES, scanPage, waitUntilSettled, type AxeFinding } from './support/axe';
import { DEMO_ROLES, signInAs } from './support/sign-in';
import { storageStatePath } from './support/storage-state';
import { waitForFirstSync } from './support/wait-for-sync';

interface Scan {
  visitor: string;
  url: string;
  scheme: string;
  findings: AxeFinding[];
}

/**
 * Settles, then scans in both schemes (or only `schemes`); with `screenshot`, keeps a full-page picture of each scheme
 * to look at.
 */
async function scanBothSchemes(page: Page, visitor: string, screenshot?: string, schemes: readonly (typeof COLOR_SCHEMES)[number][] = COLOR_SCHEMES): Promise<Scan[]> {
  await waitUntilSettled(page);
  const url = new URL(page.url());
  const scans: Scan[] = [];
  for (const scheme of schemes) {
    scans.push({ visitor, url: `${url.pathname}${url.search}`, scheme, findings: await scanPage(page, scheme) });
    if (screenshot) await page.screenshot({ path: `test-results/screenshots/a11y/${screenshot}-${visitor}-${scheme}.png`, fullPage: true });
  }
  return scans;
}

/** `app/(dashboard)/clusters/[id]/page.tsx` → `clusters-id`, for screenshot names. */
const slugOf = (file: string) => routePatternOf(file).replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overview';

/** The page answered "not found" for this visitor: the proxy's 404, or a page that refused while streaming. */
async function refused(page: Page, status: number | undefined): Promise<boolean> {
  return status === 404 || (await page.locator('h1.next-error-h1').count()) > 0;
}

async function resolveUrls(page: Page, file: string, entry: A11yPageEntry): Promise<string[] | 'refused'> {
  if ('url' in entry) return [entry.url, ...(entry.alsoVisit ?? [])];
  const pattern = routePatternOf(file);
  const response = await page.goto(entry.sampleFrom);
  if (await refused(page, response?.status())) return 'refused';
  await waitUntilSettled(page);
  // The sample is the first link to the page as this role sees the list; give a streamed list a moment to arrive.
  let sample: string | undefined;
  for (let attempt = 0; attempt < 10 && sample === undefined; attempt++) {
    if (attempt > 0) await page.waitForTimeout(1000);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    sample = hrefs.find((href) => href.startsWith('/') && matchesRoutePattern(pattern, href));
  }
  // A role whose list offers no link to this page cannot reach it from there: not a visitor of it. The test still
  // fails when no role at all reaches the page.
  if (sample === undefined) return 'refused';
  return [sample, ...(entry.alsoVisit ?? [])];
}

async function scanAsRoles(browser: Browser, file: string, entry: A11yPageEntry): Promise<{ scans: Scan[]; roles: string[] }> {
  const scans: Scan[] = [];
  const roles: string[] = [];
  for (const role of DEMO_ROLES) {
    const context = await browser.newContext({ storageState: storageStatePath(role) });
    try {
      const page = await context.newPage();
      const urls = await resolveUrls(page, file, entry);
      if (urls === 'refused') continue;
      // Further states of a page (a filter, an error) are about the page, not the role: the first role checks them.
      for (const url of roles.length === 0 ? urls : urls.slice(0, 1)) {
        const response = await page.goto(url);
        if (await refused(page, response?.status())) break;
        expect(matchesRoutePattern(routePatternOf(file), new URL(page.url()).pathname), `${role} opening ${url} stays on the page, at ${page.url()}`).toBe(true);
        // Every role in the light scheme (all rules); the dark scheme runs only the colour rules over the same markup
        // and the same palette, so the first role that opens the page checks it — which keeps the suite in its budget.
        const first = roles.length === 0;
        scans.push(...(await scanBothSchemes(page, role, first && url === urls[0] ? slugOf(file) : undefined, first ? COLOR_SCHEMES : ['light'])));
        if (!roles.includes(role)) roles.push(role);
      }
    } finally {
      await context.close();
    }
  }
  return { scans, roles };
}

async function scanAnonymous(browser: Browser, entry: A11yPageEntry & { url: string }): Promise<Scan[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(entry.url);
    return await scanBothSchemes(page, 'anonymous', 'sign-in');
  } finally {
    await context.close();
  }
}

/** Admin switches the require-MFA setting through its own page, as a person would. */
async function setRequireMfa(browser: Browser, on: boolean): Promise<void> {
  const context = await browser.newContext({ storageState: storageStatePath('admin') });
  try {
    const page = await context.newPage();
    await page.goto('/admin/settings');
    const form = page.getByRole('form', { name: 'Require multi-factor authentication' });
    await form.getByRole('checkbox').setChecked(on);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
  } finally {
    await context.close();
  }
}

async function scanWithoutMfa(browser: Browser, entry: A11yPageEntry & { url: string }): Promise<Scan[]> {
  await setRequireMfa(browser, true);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, 'manager', '/', { mfa: false });
    await page.goto(entry.url);
    await expect.poll(() => new URL(page.url()).pathname).toBe(entry.url);
    return await scanBothSchemes(page, 'manager-without-mfa', 'mfa-required');
  } finally {
    await context.close();
    await setRequireMfa(browser, false);
  }
}

// Each test opens a dozen contexts and pages; a trace's screencast of all of them would cost more than the scans,
// and a failure already says which rule, page, scheme and role, with axe's own explanation.
test.use({ trace: 'off' });

test.describe('accessibility (axe-core, WCAG 2.2 AA and best practices)', () => {
  test.beforeAll(async ({ request }) => {
    await waitForFirstSync(request);
  });

  for (const [file, entry] of Object.entries(A11Y_PAGES)) {
    if (isSkipped(entry)) {
      test(`${file}`, () => {
        test.skip(true, entry.skip);
      });
      continue;
    }
    test(`${file}: no serious or critical violation, light and dark`, async ({ browser }) => {
      // Up to six roles, each a page load and two scans on a machine that may be busy.
      test.setTimeout(5 * 60_000);
      let scans: Scan[];
      if (entry.as === 'anonymous' && 'url' in entry) scans = await scanAnonymous(browser, entry);
      else if (entry.as === 'without-mfa' && 'url' in entry) scans = await scanWithoutMfa(browser, entry);
      else {
        const result = await scanAsRoles(browser, file, entry);
        scans = result.scans;
        expect(result.roles, 'at least one role can open the page').not.toEqual([]);
        test.info().annotations.push({ type: 'roles', description: result.roles.join(', ') });
      }
      await test.info().attach('axe-results.json', { body: JSON.stringify(scans, null, 2), contentType: 'application/json' });
      const advisory = scans.flatMap((s) => s.findings.filter((f) => !BLOCKING_IMPACTS.includes(f.impact)).map((f) => `${s.visitor} ${s.url} ${s.scheme}: ${f.rule} (${f.impact})`));
      if (advisory.length > 0) {
        // Not failing (moderate or minor), but worth reading in the run's output.
        test.info().annotations.push({ type: 'axe (moderate/minor)', description: [...new Set(advisory)].join('\n') });
        console.log(`axe advisory for ${file}:\n  ${[...new Set(advisory)].join('\n  ')}`);
      }
      // One line per rule, page and scheme, naming every visitor it hit: readable when many roles share a page.
      const blocking = new Map<string, { visitors: string[]; detail: string }>();
      for (const s of scans) {
        for (const f of s.findings.filter((x) => BLOCKING_IMPACTS.includes(x.impact))) {
          const key = `${f.rule} (${f.impact}) on ${s.url} [${s.scheme}]`;
          const line = blocking.get(key) ?? { visitors: [], detail: `${f.help}: ${f.summary} e.g. ${f.targets[0] ?? ''}` };
          line.visitors.push(s.visitor);
          blocking.set(key, line);
        }
      }
      expect([...blocking].map(([key, v]) => `${key} as ${v.visitors.join(', ')} — ${v.detail}`)).toEqual([]);
    });
  }
});

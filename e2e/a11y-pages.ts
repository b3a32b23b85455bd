// Every page of the app, for the accessibility run (e2e/a11y.spec.ts): one entry per page file under app/, saying
// how to reach a sample of it. Who visits is not written here: the spec asks the app itself, visiting each entry as
// every demo role and keeping the roles the app lets in (the proxy's page-access rules and the pages' own checks,
// i.e. the permission table). app/a11y-pages.test.ts walks app/ and fails for a page file without an entry, so a
// new page is checked as soon as it exists.
//
// Plain data with no app imports: Playwright loads this file outside Next's module resolution.

export type A11yVisit =
  /** A fixed URL (path and query). */
  | { url: string }
  /**
   * A page with dynamic segments: the first link on `from` whose path matches the page's route pattern (e.g.
   * `/clusters/[id]`). Resolved per role, so each role visits a sample inside its own cluster scope.
   */
  | { sampleFrom: string };

export type A11yPageEntry = A11yVisit & {
  /**
   * Who opens it. `roles` (default): every demo role the app lets in. `anonymous`: a visitor without a session.
   * `without-mfa`: a session signed in without a second factor while the require-MFA setting is on.
   */
  as?: 'roles' | 'anonymous' | 'without-mfa';
  /** Further URLs of the same page in another state worth checking (a filter, an error message). */
  alsoVisit?: readonly string[];
};

/** An entry that cannot be visited end to end, with the reason (checked by hand instead). */
export type A11ySkipped = { skip: string };

export const A11Y_PAGES: Readonly<Record<string, A11yPageEntry | A11ySkipped>> = {
  'app/sign-in/page.tsx': { url: '/sign-in', as: 'anonymous' },
  'app/no-access/page.tsx': {
    skip: 'needs a signed-in account without any app role, and every demo user has one; it renders the same AuthCard as /sign-in and /mfa-required, which are checked',
  },
  'app/mfa-required/page.tsx': { url: '/mfa-required', as: 'without-mfa' },
  // A bare `/` sends a manager to their landing (/trends, lib/auth/page-access.ts ROLE_LANDING): every role opens the
  // overview by its own link (`?role=all`), and the first role also checks the bare address.
  'app/(dashboard)/page.tsx': { url: '/?role=all', alsoVisit: ['/'] },
  'app/(dashboard)/clusters/page.tsx': { url: '/clusters' },
  'app/(dashboard)/clusters/[id]/page.tsx': {
    skip: 'only redirects an id-style bookmark to the readable address /clusters/<subscription>/<resource group>/<name>, which is checked below',
  },
  'app/(dashboard)/clusters/[id]/[rg]/[name]/page.tsx': { sampleFrom: '/clusters' },
  'app/(dashboard)/findings/page.tsx': { url: '/findings', alsoVisit: ['/findings?severity=urgent'] },
  'app/(dashboard)/findings/[id]/page.tsx': { sampleFrom: '/findings' },
  'app/(dashboard)/triage/page.tsx': { url: '/triage' },
  'app/(dashboard)/triage/[id]/page.tsx': { sampleFrom: '/triage' },
  'app/(dashboard)/compliance/page.tsx': { url: '/compliance' },
  'app/(dashboard)/admin/page.tsx': { url: '/admin' },
  'app/(dashboard)/admin/audit/page.tsx': { url: '/admin/audit' },
  'app/(dashboard)/admin/scopes/page.tsx': { url: '/admin/scopes' },
  'app/(dashboard)/admin/settings/page.tsx': { url: '/admin/settings' },
  'app/(dashboard)/trends/page.tsx': { url: '/trends', alsoVisit: ['/trends?range=30&team=payments'] },
  'app/(dashboard)/trends/changes/page.tsx': { url: '/trends/changes' },
  'app/(dashboard)/admin/sync/page.tsx': { url: '/admin/sync' },
};

export function isSkipped(entry: A11yPageEntry | A11ySkipped): entry is A11ySkipped {
  return 'skip' in entry;
}

/** Whether a path is a URL of the page with this route pattern (`/clusters/[id]`): a dynamic segment is one path
 * segment, a catch-all one or more; the query string is ignored. */
export function matchesRoutePattern(pattern: string, url: string): boolean {
  const expected = pattern.split('/').filter(Boolean);
  const actual = (url.split(/[?#]/, 1)[0] ?? '').split('/').filter(Boolean);
  for (const [i, part] of expected.entries()) {
    if (part.startsWith('[...') || part.startsWith('[[...')) return actual.length > i || part.startsWith('[[');
    const segment = actual[i];
    if (segment === undefined) return false;
    if (!(part.startsWith('[') && part.endsWith(']')) && part !== segment) return false;
  }
  return actual.length === expected.length;
}

/** The URL pattern of a page file, route groups removed: `app/(dashboard)/clusters/[id]/page.tsx` → `/clusters/[id]`. */
export function routePatternOf(file: string): string {
  const dirs = file.split('/').slice(1, -1).filter((d) => !(d.startsWith('(') && d.endsWith(')')) && !d.startsWith('@'));
  return `/${dirs.join('/')}`;
}

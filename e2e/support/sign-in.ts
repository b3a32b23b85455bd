// Signs in through the real flow: the app's sign-in page → the local OpenID Connect provider's form → back.
import { expect, test, type Page } from '@playwright/test';

export const DEMO_ROLES = ['security', 'cluster-operator', 'app-operator', 'developer', 'manager', 'admin'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export async function signInAs(page: Page, role: DemoRole, returnTo = '/', { mfa = true }: { mfa?: boolean } = {}): Promise<void> {
  await page.goto(returnTo);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByLabel(/user/i).fill(role);
  await page.getByLabel(/password/i).fill('demo');
  // The demo provider's form offers the second factor, ticked; a session without it is what require-MFA refuses.
  if (!mfa) await page.getByLabel(/second factor/i).uncheck();
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  // Back on the app (not the provider's origin), past the sign-in page.
  const app = new URL(test.info().project.use.baseURL ?? 'http://localhost:3100').origin;
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/sign-in'));
}

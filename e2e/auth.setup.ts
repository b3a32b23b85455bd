// One sign-in per demo role through the real flow (app sign-in page → local OpenID Connect provider's form →
// callback), saved as a storage state so journeys can start signed in as that role.
import { expect, test as setup } from '@playwright/test';
import { DEMO_ROLES, signInAs } from './support/sign-in';
import { storageStatePath } from './support/storage-state';

export { storageStatePath };

for (const role of DEMO_ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByTestId('viewer-name')).toBeVisible();
    await page.context().storageState({ path: storageStatePath(role) });
  });
}

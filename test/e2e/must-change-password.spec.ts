import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { signIn } from '../support/ui-flows';

test('an administrator whose password was set by someone else must change it before anything else', async ({ app, page }) => {
  await app.bridge.core.auth.createAdministrator(
    { name: 'Master', email: 'master@example-msp.nl', password: STRONG_PASSWORD, role: 'master_admin', mustChangePassword: false },
  );
  await app.bridge.core.auth.createAdministrator(
    { name: 'Sam de Vries', email: 'sam@example-msp.nl', password: 'Welcome-Set-By-Admin-1', role: 'admin', mustChangePassword: true },
  );
  await app.open();
  await signIn(page, 'sam@example-msp.nl', 'Welcome-Set-By-Admin-1');
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await app.shot(page, 'change-password');

  // The core refuses everything else, whatever the page tries.
  const attempt = await page.evaluate(() => window.api.vault.status());
  expect(attempt).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });

  await page.getByLabel('Current password').fill('Welcome-Set-By-Admin-1');
  await page.getByLabel('New password', { exact: true }).fill('welcome123');
  await page.getByLabel('Confirm new password').fill('welcome123');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('The password does not meet the password policy.');

  await page.getByLabel('New password', { exact: true }).fill('Copper-Meadow-Violin-83?');
  await page.getByLabel('Confirm new password').fill('Copper-Meadow-Violin-83?');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expect(page.getByText('Signed in as Sam de Vries')).toBeVisible();
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
});

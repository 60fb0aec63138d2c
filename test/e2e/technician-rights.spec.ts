import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { signIn } from '../support/ui-flows';

test('a technician signs in, must change the password an administrator set, and sees only what the group’s rights allow', async ({ app, page }) => {
  const core = app.bridge.core;
  const master = { sessionKey: 'setup-master' };
  await core.auth.createFirstAdmin(master, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await core.directory.create('Bakker Bouw', 'setup');
  const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
  await core.org.updateGroup(master, { id: desk, name: 'Service desk', description: '', rights: ['companies:view'] });
  await core.org.createTechnician(master, {
    groupId: desk,
    name: 'Henk de Boer',
    nickname: 'Henk',
    email: 'henk@example-msp.nl',
    ssoId: '',
    description: '',
    password: 'Welcome-Set-By-Admin-1',
    enabled: true,
    standardLicense: true,
    mobileLicense: false,
  });

  await app.open();
  await signIn(page, 'henk@example-msp.nl', 'Welcome-Set-By-Admin-1');
  // The Global setting is on by default: a password an administrator set is replaced first.
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await page.getByLabel('Current password').fill('Welcome-Set-By-Admin-1');
  await page.getByLabel('New password', { exact: true }).fill('Lantern-Quiet-Harbour-77?');
  await page.getByLabel('Confirm new password').fill('Lantern-Quiet-Harbour-77?');
  await page.getByRole('button', { name: 'Change password' }).click();

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav).toBeVisible();
  await expect(page.getByText('Technician', { exact: true })).toBeVisible();
  // View managed companies only: the companies and their history, and the technician's own settings.
  await expect(nav.getByRole('button')).toHaveText(['Managed companies', 'Import history', 'Settings']);
  await expect(page.getByRole('heading', { name: 'Managed companies' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Bakker Bouw/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New company' })).toHaveCount(0);
  await app.shot(page, 'technician-view-only');

  // What the screens do not offer, the core refuses too.
  const refused = await page.evaluate(async () => [await window.api.directory.createCompany({ name: 'Sneaky B.V.' }), await window.api.org.tree(), await window.api.import.lastFilter({ psa: 'autotask' })]);
  expect(refused.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['RIGHT_MISSING', 'PERMISSION_DENIED', 'RIGHT_MISSING']);

  // An administrator grants the group Import from Autotask: the next sign-in shows the PSA import.
  await core.org.updateGroup(master, { id: desk, name: 'Service desk', description: '', rights: ['companies:view', 'import:autotask'] });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'henk@example-msp.nl', 'Lantern-Quiet-Harbour-77?');
  await expect(nav.getByRole('button')).toHaveText(['Managed companies', 'PSA import', 'Import history', 'Settings']);
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await expect(page.getByRole('heading', { name: 'Datto Autotask' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'ConnectWise PSA' })).toHaveCount(0);
});

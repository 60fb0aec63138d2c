/** Locks you can see, work you don't lose: who holds a lock is shown up front, releasing it tells the holder at once, and the wizard resumes. */
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin, signIn } from '../support/ui-flows';

test.use({ simOptions: { seed: 51, companies: 30, contactsPerCompany: 1 } });

test('the lock is shown before the filter, "you, in another window" apart; releasing it asks first and tells the holder at once', async ({ app, page, sim, browser }) => {
  test.slow(); // three windows on one core
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.auth.createAdministrator({ name: 'Bob Smit', email: 'bob@example-msp.nl', password: STRONG_PASSWORD, role: 'admin', mustChangePassword: false });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  const miraCard = page.getByRole('region', { name: 'Datto Autotask' });
  await expect(miraCard.getByRole('button', { name: 'Import from Datto Autotask' })).toBeVisible();
  await expect(miraCard.getByRole('status').filter({ hasText: 'Locked by' })).toHaveCount(0);

  // Bob, in his own window, starts an import and gets to the companies.
  const bobContext = await browser.newContext();
  const bob = await app.open(await bobContext.newPage());
  await signIn(bob, 'bob@example-msp.nl', STRONG_PASSWORD);
  await bob.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await bob.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await bob.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const bobGrid = bob.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await bobGrid.getByRole('checkbox').first().check();

  // Mira's PSA page says so at once (an event), before she fills in any filter; so does her wizard's start.
  await expect(miraCard.getByRole('status')).toContainText(/Locked by Bob Smit since .+: they are importing from Datto Autotask/);
  await app.shot(page, 'psa-page-locked');
  await miraCard.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Locked by Bob Smit since' })).toBeVisible();

  // Bob in a second window is told it is his own lock, elsewhere; he may not release it (not a Master Administrator).
  const bobAgainContext = await browser.newContext();
  const bobAgain = await app.open(await bobAgainContext.newPage());
  await signIn(bobAgain, 'bob@example-msp.nl', STRONG_PASSWORD);
  await bobAgain.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  const bobAgainCard = bobAgain.getByRole('region', { name: 'Datto Autotask' });
  await expect(bobAgainCard.getByRole('status')).toContainText('Locked by you, in another window, since');
  await expect(bobAgainCard.getByRole('button', { name: 'Release the lock' })).toHaveCount(0);
  await app.shot(bobAgain, 'psa-page-locked-by-you');
  await bobAgainContext.close();

  // Releasing asks first, naming whose work is discarded; Escape keeps the lock.
  await page.getByRole('button', { name: 'Release the lock' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Release the lock on Datto Autotask?' });
  await expect(confirm).toContainText('Bob Smit’s import from Datto Autotask stops: their choices are discarded');
  await app.shot(page, 'release-lock-confirm');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Bob Smit' });
  await expect(bobGrid).toBeVisible();

  await page.getByRole('button', { name: 'Release the lock' }).click();
  await confirm.getByRole('button', { name: 'Release the lock' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Locked by' })).toHaveCount(0);

  // Bob's screen says so at once, without him pressing anything, and offers to start again.
  const told = bob.getByRole('alert').filter({ hasText: 'Mira Jansen released your lock on Datto Autotask; your choices were not applied.' });
  await expect(told).toBeVisible();
  await expect(bobGrid).toHaveCount(0);
  await app.shot(bob, 'lock-released-by-master');
  await told.getByRole('button', { name: 'Start again' }).click();
  await expect(bob.getByRole('form', { name: 'Filter' })).toBeVisible();
  await bobContext.close();

  // Mira now starts her own import from the filter she was on.
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('grid', { name: 'Companies in Datto Autotask' })).toBeVisible();
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });
});

test('leaving the wizard and coming back resumes it at the same step with the same choices; Cancel asks before discarding them', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  // Nothing chosen yet: Cancel closes at once.
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  const first = grid.getByRole('checkbox').nth(1);
  await first.check();
  await grid.getByRole('checkbox').nth(2).check();
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();

  // Away to Settings and back: the same step, the same selection, the same lock.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(grid).toHaveCount(0);
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await expect(grid).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();
  await expect(first).toBeChecked();
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });

  // Cancel with choices made asks first; Escape keeps the wizard as it was.
  await page.getByRole('button', { name: 'Cancel' }).click();
  const discard = page.getByRole('alertdialog', { name: 'Discard your choices?' });
  await expect(discard).toContainText('Nothing has been imported');
  await app.shot(page, 'cancel-confirm');
  await page.keyboard.press('Escape');
  await expect(discard).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await discard.getByRole('button', { name: 'Keep working' }).click();
  await expect(grid).toBeVisible();

  // Discarding closes the wizard and frees the lock.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await discard.getByRole('button', { name: 'Discard and close' }).click();
  await expect(page.getByRole('button', { name: 'Import from Datto Autotask' })).toBeVisible();
  expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
});

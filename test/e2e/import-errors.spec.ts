/** Each of the seed's eight error messages, on the results page, in a real scenario. */
import type { Page } from '@playwright/test';
import type { Fault } from '../fakes/psa-sim/model';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { activeRow, createFirstAdmin, signIn } from '../support/ui-flows';
import { countRows } from '../support/workspace-rows';

test.use({ simOptions: { seed: 41, companies: 55, contactsPerCompany: 2 } });

async function openWizard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await expect(page.getByRole('form', { name: 'Filter' }).getByRole('group', { name: 'Company type' })).toBeVisible();
}

async function continueToResults(page: Page): Promise<void> {
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
}

async function done(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: 'Import from Datto Autotask' })).toBeVisible();
}

test('the results page shows each of the seed’s error messages where it happens', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  const errors = page.getByRole('region', { name: 'Errors' });

  // PSA failures during the download.
  const faults: Array<[Fault, string]> = [
    [{ kind: 'status', status: 500 }, 'We received a server error from your PSA provider'],
    [{ kind: 'status', status: 401 }, 'Authentication error. Check your PSA provider credentials and try again.'],
    [{ kind: 'status', status: 403 }, 'We received a Forbidden error from your PSA provider.'],
    [{ kind: 'html' }, 'We received an invalid response from your PSA provider'],
    [{ kind: 'status', status: 404 }, 'Something went wrong'],
  ];
  for (const [fault, message] of faults) {
    await openWizard(page);
    const remove = sim.faults.add({ api: 'autotask', pathIncludes: '/companies/query', fault });
    await continueToResults(page);
    await expect(errors).toContainText(message);
    await expect(errors).toContainText('Datto Autotask');
    if (fault.kind === 'status' && fault.status === 403) await app.shot(page, 'results-forbidden');
    remove();
    await done(page);
    expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
  }

  // The credentials vanished between opening the wizard and continuing (disconnected in another window).
  await openWizard(page);
  await app.bridge.core.psa.disconnect('autotask');
  await continueToResults(page);
  await expect(errors).toContainText('Credentials are required');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Datto Autotask' }).getByText('Not connected')).toBeVisible();
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();

  // Another administrator holds the lock.
  await app.bridge.core.locks.acquire('autotask', { adminId: 'other', name: 'Bob Smit', session: 'bob-window' });
  await openWizard(page);
  await continueToResults(page);
  await expect(errors).toContainText('Another administrator is already working with this integration');
  await expect(errors).toContainText('Bob Smit');
  await page.getByRole('button', { name: 'Release the lock' }).click();
  // Releasing asks first, naming whose work is discarded.
  const release = page.getByRole('alertdialog', { name: 'Release the lock on Datto Autotask?' });
  await expect(release).toContainText('Bob Smit’s import from Datto Autotask stops');
  await release.getByRole('button', { name: 'Release the lock' }).click();
  await expect(page.getByRole('form', { name: 'Filter' })).toBeVisible();

  // No licenses left: the companies import, the users fail.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Total licenses').fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('0 of 0 are in use')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await openWizard(page);
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Bakkerij Het Korenaar');
  await grid.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await expect(page.getByRole('grid', { name: 'Companies to import and map' })).toContainText('Every contact with an email address');
  await page.getByRole('button', { name: 'Manage users Bakkerij Het Korenaar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage users: Bakkerij Het Korenaar' });
  // Every contact with an email is granted already; saving makes that an explicit list.
  await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Warned before Continue: no seat is free for what is selected.
  await expect(page.getByRole('status').filter({ hasText: '· 0 seats free' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByText(/^Not enough licenses: \d+ contacts are selected, but only 0 seats are free/)).toBeFocused();
  await page.getByRole('button', { name: 'Continue anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Companies: 1 created, 0 mapped, 0 failed' })).toBeVisible();
  await expect(errors).toContainText('You do not have enough available licenses');
  await app.shot(page, 'results-no-licenses');
});

test('a lock lost before applying (released by a Master Administrator) stops the apply, on the results page', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await openWizard(page);
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('grid', { name: 'Companies in Datto Autotask' }).getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Import and map' }).click();
  expect(await app.bridge.core.locks.forceRelease('autotask', 'another-master')).toMatchObject({ holderName: 'Mira Jansen' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('region', { name: 'Errors' })).toContainText('Another administrator is already working with this integration');
  expect(await countRows(app.bridge.core.workspace.read, 'managed_companies')).toBe(0);
});

test('many failed users: grouped with a count and searchable, Export and Done on screen; after raising the seats in another window, Retry grants them', async ({ app, page, sim, browser }) => {
  // Two windows and two imports on a machine shared with other test runs.
  test.setTimeout(180_000);
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Total licenses').fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('0 of 5 are in use')).toBeVisible();
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await openWizard(page);
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Import and map' }).click();
  const counter = page.getByRole('status').filter({ hasText: 'seats free' });
  await expect(counter).toHaveText('0 contacts selected · 5 seats free');
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await expect(counter).toHaveText(/^\d+ contacts selected · 5 seats free$/);
  const selected = Number(/^(\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
  expect(selected).toBeGreaterThan(60);
  // Undo and "no contact": the warning goes with the selection.
  const warning = page.getByText(/^Not enough licenses:/);
  await expect(warning).toBeVisible();
  await page.getByRole('button', { name: 'Undo “Grant access to every contact”' }).click();
  await expect(counter).toHaveText('0 contacts selected · 5 seats free');
  await expect(warning).toBeHidden();
  const companies = page.getByRole('grid', { name: 'Companies to import and map' });
  await expect(companies).toContainText('Contacts imported before');
  await page.getByRole('button', { name: 'Grant access to no contact' }).click();
  await expect(companies).toContainText('No contact');
  await expect(companies).not.toContainText('Contacts imported before');
  await expect(counter).toHaveText('0 contacts selected · 5 seats free');
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(warning).toBeFocused();
  await app.shot(page, 'users-seats-short');
  await page.getByRole('button', { name: 'Continue anyway' }).click();

  // Five seats: five users imported, the rest fail with the license error, in one group with its count.
  const users = page.getByText(/^Users: 5 imported, 0 mapped, (\d+) failed$/);
  await expect(users).toBeVisible();
  const failed = Number(/(\d+) failed/.exec((await users.textContent()) ?? '')?.[1]);
  expect(failed).toBe(selected - 5);
  const errors = page.getByRole('region', { name: 'Errors' });
  await expect(errors.getByRole('button', { name: `You do not have enough available licenses ${failed} errors` })).toHaveAttribute('aria-expanded', 'true');
  const list = errors.getByRole('grid', { name: 'Errors: You do not have enough available licenses' });
  await expect(list).toHaveAttribute('aria-rowcount', String(failed + 1));
  const rendered = await list.getByRole('row').count();
  // The header, the rows in view and a few either side: not one element per error.
  expect(rendered).toBeLessThanOrEqual(20);
  // Export, Retry and Done are on screen without scrolling the page.
  for (const name of ['Export results as CSV', 'Done', `Retry the ${failed} failed items`]) await expect(page.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
  await app.shot(page, 'results-many-errors');
  // The last error is reachable by keyboard inside the list.
  await list.focus();
  await page.keyboard.press('End');
  await expect(activeRow(list)).toBeInViewport();
  // Search within the group: one company's users.
  const company = (await list.getByRole('row').nth(1).textContent())?.match(/\((.+)\)/)?.[1] ?? '';
  expect(company).not.toBe('');
  await errors.getByRole('searchbox', { name: 'Search errors: You do not have enough available licenses' }).fill(company);
  await expect(errors.getByText(new RegExp(`^\\d+ of ${failed} errors shown$`))).toBeVisible();
  const matching = Number(/^(\d+)/.exec((await errors.getByText(/ errors shown$/).textContent()) ?? '')?.[1]);
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(failed);
  await expect(list).toHaveAttribute('aria-rowcount', String(matching + 1));
  for (const row of await list.getByRole('row').all()) if ((await row.getAttribute('aria-rowindex')) !== '1') await expect(row).toContainText(company);

  // Meanwhile the lock stays with this import, for the retry.
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });

  // Mira raises the seats in another window; Settings refuses fewer than are in use, or a negative number.
  const other = await browser.newContext();
  const settings = await app.open(await other.newPage());
  await signIn(settings, 'mira@example-msp.nl', STRONG_PASSWORD);
  await settings.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByText('5 of 5 are in use')).toBeVisible();
  const seats = settings.getByLabel('Total licenses');
  await seats.fill('3');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings.getByRole('alert')).toHaveText('5 licenses are in use, so the total cannot be lower. Remove users’ access first, or enter at least 5.');
  await app.shot(settings, 'settings-seats-below-in-use');
  await seats.fill('-1');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings.getByRole('alert')).toHaveText('The number of licenses cannot be negative. Enter 0 or more.');
  await seats.fill('1000');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings.getByText('5 of 1,000 are in use')).toBeVisible();
  await other.close();

  // Retry: only the failed users are applied again, and all of them get a seat; nothing is created twice.
  const companiesBefore = await countRows(app.bridge.core.workspace.read, 'managed_companies');
  await page.getByRole('button', { name: `Retry the ${failed} failed items` }).click();
  await expect(page.getByText(`Users: ${selected} imported, 0 mapped, 0 failed`)).toBeVisible();
  await expect(page.getByText(`Retried: ${failed} succeeded, 0 still failed.`)).toBeVisible();
  await expect(page.getByText(`${selected} users granted access`)).toBeVisible();
  await expect(errors).toContainText('No errors occurred during the import.');
  await expect(page.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
  expect(await countRows(app.bridge.core.workspace.read, 'managed_users')).toBe(selected);
  expect(await countRows(app.bridge.core.workspace.read, 'managed_companies')).toBe(companiesBefore);
  // Nothing left to retry: the lock is free at once.
  expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
  await app.shot(page, 'results-after-retry');
  await done(page);
});

test('a retry after the lock was released and taken over is refused, saying why, and writes nothing', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Total licenses').fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('0 of 0 are in use')).toBeVisible();
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await openWizard(page);
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('grid', { name: 'Companies in Datto Autotask' }).getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('button', { name: 'Continue anyway' }).click();
  await expect(page.getByText(/^Users: 0 imported, 0 mapped, \d+ failed$/)).toBeVisible();
  // A Master Administrator releases the lock, and Bob takes it.
  expect(await app.bridge.core.locks.forceRelease('autotask', 'another-master')).toMatchObject({ holderName: 'Mira Jansen' });
  expect(await app.bridge.core.locks.acquire('autotask', { adminId: 'other', name: 'Bob Smit', session: 'bob-window' })).toMatchObject({ ok: true });
  await page.getByRole('button', { name: /^Retry the/ }).click();
  await expect(page.getByRole('alert')).toContainText('The failed items were not retried: the lock on this integration was released or taken over since the import.');
  await expect(page.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
  expect(await countRows(app.bridge.core.workspace.read, 'managed_users')).toBe(0);
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Bob Smit' });
  await done(page);
});

test('a plan conflict has its own message and what to do, not the PSA’s "Something went wrong"', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  // A managed company entered by hand that the PSA company is a possible duplicate of: mapped to it by default.
  await app.bridge.core.workspace.transaction((tx) =>
    tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-fysio', 'Fysiotherapie Zuid', '2026-01-01T00:00:00Z', NULL, 'manual')"),
  );
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await openWizard(page);
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Fysiotherapie Zuid');
  await expect(grid).toContainText('Fysiotherapie Zuid');
  await grid.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await expect(page.getByRole('heading', { name: 'Companies to import and map' })).toBeVisible();
  // Another window deletes the managed company before the import runs: a conflict that repeats on every retry.
  await app.bridge.core.workspace.transaction((tx) => tx.run("DELETE FROM managed_companies WHERE id = 'm-fysio'"));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Companies: 0 created, 0 mapped, 1 failed' })).toBeVisible();
  const errors = page.getByRole('region', { name: 'Errors' });
  await expect(errors).toContainText('Fysiotherapie Zuid');
  await expect(errors).toContainText('The managed company to map to no longer exists');
  await expect(errors).toContainText('It was deleted after you chose it.');
  await expect(errors).not.toContainText('Something went wrong');
  await app.shot(page, 'results-managed-company-gone');
});

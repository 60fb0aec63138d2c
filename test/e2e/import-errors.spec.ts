/** Each of the seed's eight error messages, on the results page, in a real scenario. */
import type { Page } from '@playwright/test';
import type { Fault } from '../fakes/psa-sim/model';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';

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
  const errors = page.getByRole('grid', { name: 'Errors' });

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
  await page.getByRole('button', { name: 'Continue' }).click();
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
  await expect(page.getByRole('grid', { name: 'Errors' })).toContainText('Another administrator is already working with this integration');
  expect((await app.bridge.core.workspace.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM managed_companies'))?.n).toBe(0);
});

test('many failed users: the errors list renders only the rows in view, and Export and Done stay on screen', async ({ app, page, sim }) => {
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
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // No seat for anyone: every user fails, each an error row.
  const users = page.getByText(/^Users: 0 imported, 0 mapped, (\d+) failed$/);
  await expect(users).toBeVisible();
  const failed = Number(/(\d+) failed/.exec((await users.textContent()) ?? '')?.[1]);
  const errors = page.getByRole('grid', { name: 'Errors' });
  await expect(errors).toHaveAttribute('aria-rowcount', String(failed + 1));
  await expect(errors).toContainText('You do not have enough available licenses');
  const rendered = await errors.getByRole('row').count();
  expect(failed).toBeGreaterThan(60);
  // The header, the rows in view and a few either side: not one element per error.
  expect(rendered).toBeLessThanOrEqual(20);
  // Export and Done are on screen without scrolling the page.
  for (const name of ['Export results as CSV', 'Done']) await expect(page.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
  await app.shot(page, 'results-many-errors');
  // The last error is reachable by keyboard inside the list.
  await errors.focus();
  await page.keyboard.press('End');
  await expect(errors.getByRole('row', { selected: true })).toBeInViewport();
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
  const errors = page.getByRole('grid', { name: 'Errors' });
  await expect(errors).toContainText('Fysiotherapie Zuid');
  await expect(errors).toContainText('The managed company to map to no longer exists');
  await expect(errors).toContainText('It was deleted after you chose it.');
  await expect(errors).not.toContainText('Something went wrong');
  await app.shot(page, 'results-managed-company-gone');
});

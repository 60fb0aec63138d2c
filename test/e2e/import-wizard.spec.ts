import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { activeRow, createFirstAdmin, signIn } from '../support/ui-flows';

test.use({ simOptions: { seed: 31, companies: 60, contactsPerCompany: 2 } });

test('Autotask import: filter, possible duplicate, manage, users, results and CSV; the second run is all mapped; a second admin is locked out', async ({ app, page, sim, browser }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.workspace.transaction((tx) =>
    tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-jansen', 'Jansen Installatietechniek', '2026-01-01T00:00:00Z', NULL, 'manual')"),
  );

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  const filter = page.getByRole('form', { name: 'Filter' });
  await expect(filter.getByRole('group', { name: 'Company type' })).toContainText('Customer');
  await expect(filter.getByLabel('Active contacts only')).toBeChecked();
  await expect(filter).toContainText('Your own organisation (Autotask company 0) is never imported');
  await app.shot(page, 'wizard-filter');
  await filter.getByRole('button', { name: 'Continue' }).click();

  const inTab = page.getByRole('tab', { name: /Companies in Datto Autotask/ });
  await expect(inTab).toBeVisible();
  // The MSP's own organisation (company 0) is active on every tenant, and never offered.
  const own = sim.data.companies.find((company) => company.ownOrganisation)!;
  const live = sim.data.companies.filter((company) => !company.deleted && company.active && company !== own).length;
  await expect(inTab).toHaveText(`Companies in Datto Autotask (${live})`);
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(own.name);
  await expect(grid.getByRole('gridcell', { name: own.name, exact: true })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Jansen');
  const rowNamed = (name: string) => grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });
  const jansen = rowNamed('Jansen Installatietechniek B.V.');
  // Three Jansen variants in the PSA would all take the one managed Jansen: none does until the technician chooses.
  for (const name of ['Jansen Installatietechniek B.V.', 'Jansen Installatietechniek BV', 'JANSEN INSTALLATIETECHNIEK']) {
    await expect(rowNamed(name)).toContainText('Unmapped – several possible duplicates');
    await expect(rowNamed(name)).toContainText('Choose a company under Manage');
  }
  // Under Manage, one maps to the managed Jansen; the other two become new companies.
  await grid.getByRole('button', { name: 'Manage Jansen Installatietechniek B.V.', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Company details: Jansen Installatietechniek B.V.' });
  await details.getByRole('searchbox', { name: 'Search managed companies' }).fill('Jansen');
  await details.getByRole('option', { name: 'Jansen Installatietechniek', exact: true }).click();
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(jansen).toContainText('Use Jansen Installatietechniek');
  await app.shot(page, 'wizard-companies');
  for (const name of ['Jansen Installatietechniek BV', 'JANSEN INSTALLATIETECHNIEK']) {
    await grid.getByRole('button', { name: `Manage ${name}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Company details: ${name}` });
    await dialog.getByRole('button', { name: 'Create new managed company' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(rowNamed(name)).toContainText('Create new managed company');
  }
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('');
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${live} selected` })).toBeVisible();
  // Acme Ltd and Acme Limited are two PSA companies: no managed namesake, so both are created.
  await page.getByRole('button', { name: 'Import and map' }).click();

  await expect(page.getByRole('heading', { name: 'Companies to import and map' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Jansen Installatietechniek B.V.');
  await page.getByRole('button', { name: 'Manage users Jansen Installatietechniek B.V.' }).click();
  const users = page.getByRole('dialog', { name: 'Manage users: Jansen Installatietechniek B.V.' });
  const contacts = users.getByRole('option');
  await expect(contacts.first()).toBeVisible();
  for (const contact of await contacts.all()) if ((await contact.getAttribute('aria-disabled')) !== 'true' && (await contact.getAttribute('aria-selected')) !== 'true') await contact.click();
  await app.shot(page, 'wizard-manage-users');
  await users.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/^\d+ contacts? selected$/)).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Companies: ${live - 1} created, 1 mapped, 0 failed` })).toBeVisible();
  await expect(page.getByText(/Users: \d+ imported, 0 mapped, 0 failed/)).toBeVisible();
  await expect(page.getByText('No errors occurred during the import.')).toBeVisible();
  await app.shot(page, 'wizard-results');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results as CSV' }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();
  await page.getByRole('button', { name: 'Done' }).click();

  // The second run: everything mapped.
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(inTab).toBeVisible();
  await page.getByLabel('Import status').selectOption('mapped');
  await expect(grid.getByRole('row')).not.toHaveCount(1);
  await page.getByLabel('Import status').selectOption('unmapped');
  await expect(grid.getByRole('row')).toHaveCount(1); // the header row only
  // Back to the filter releases the lock; Continue takes it again for a fresh download.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('form', { name: 'Filter' })).toBeVisible();
  expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(inTab).toBeVisible();

  // Meanwhile, a second administrator in another window is locked out, told by whom.
  await app.bridge.core.auth.createAdministrator({ name: 'Bob Smit', email: 'bob@example-msp.nl', password: STRONG_PASSWORD, role: 'admin', mustChangePassword: false });
  const other = await browser.newContext();
  const bob = await app.open(await other.newPage());
  await signIn(bob, 'bob@example-msp.nl', STRONG_PASSWORD);
  await bob.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await bob.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await bob.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const errors = bob.getByRole('region', { name: 'Errors' });
  await expect(errors).toContainText('Another administrator is already working with this integration');
  await expect(errors).toContainText('Mira Jansen has been working with this integration since');
  await app.shot(bob, 'wizard-locked');
  await other.close();

  // Cancel releases the lock and writes nothing.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Import from Datto Autotask' })).toBeVisible();
  expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
});

test('thousands of companies not in the PSA: the list renders only the rows in view, and the step’s buttons stay on screen', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  // 3,000 companies mapped earlier to PSA ids this download does not contain.
  const MAPPED = 3_000;
  await app.bridge.core.workspace.transaction(async (tx) => {
    for (let i = 0; i < MAPPED; i++) {
      await tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES (?, ?, '2026-01-01T00:00:00Z', NULL, 'psa-import')", [`m-gone-${i}`, `Gone Company ${i}`]);
      await tx.run("INSERT INTO company_mappings (psa, psa_company_id, managed_company_id, psa_name_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES ('autotask', ?, ?, ?, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", [
        String(900_000 + i),
        `m-gone-${i}`,
        `Gone PSA Company ${i}`,
      ]);
    }
  });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const notIn = page.getByRole('tab', { name: 'Companies not in Datto Autotask (3,000)' });
  await notIn.click();
  const list = page.getByRole('grid', { name: 'Companies not in Datto Autotask' });
  await expect(list).toHaveAttribute('aria-rowcount', String(MAPPED + 1));
  await expect(list).toContainText('Gone PSA Company');
  expect(await list.getByRole('row').count()).toBeLessThanOrEqual(30);
  for (const name of ['Cancel', 'Back', 'Import and map']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await list.focus();
  await page.keyboard.press('End');
  await expect(activeRow(list)).toContainText(/Gone (PSA )?Company/);
  await expect(activeRow(list)).toBeInViewport();
});

import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';

test.use({ simOptions: { seed: 51, companies: 60, contactsPerCompany: 2 } });

test('ConnectWise import: map to an existing company, then after a rename and a delete in the PSA the not-in tab and the renamed company are right; unmap and create anew', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'connectwise'));
  await app.bridge.core.workspace.transaction((tx) =>
    tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-nw', 'NW Traders (hand-made)', '2026-01-01T00:00:00Z', NULL, 'manual')"),
  );
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'PSA import' }).click();

  // First import: three companies, one mapped by hand to an existing managed company.
  await page.getByRole('button', { name: 'Import from ConnectWise PSA' }).click();
  await expect(page.getByRole('form', { name: 'Filter' }).getByRole('group', { name: 'Status' })).toContainText('Active');
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  const grid = page.getByRole('grid', { name: 'Companies in ConnectWise PSA' });
  const search = page.getByRole('searchbox', { name: 'Search companies' });
  const rowOf = (name: string) => grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });

  await search.fill('Northwind');
  await grid.getByRole('button', { name: 'Manage Northwind Traders Ltd', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Company details: Northwind Traders Ltd' });
  await details.getByRole('searchbox', { name: 'Search managed companies' }).fill('NW Traders');
  await details.getByRole('option', { name: 'NW Traders (hand-made)' }).click();
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(rowOf('Northwind Traders Ltd')).toContainText('Use NW Traders (hand-made)');
  for (const name of ['Bakkerij Het Korenaar', 'Fysiotherapie Zuid']) {
    await search.fill(name);
    await rowOf(name).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Manage users Bakkerij Het Korenaar' }).click();
  const users = page.getByRole('dialog', { name: 'Manage users: Bakkerij Het Korenaar' });
  await expect(users.getByRole('option').first()).toBeVisible();
  for (const contact of await users.getByRole('option').all()) if ((await contact.getAttribute('aria-disabled')) !== 'true' && (await contact.getAttribute('aria-selected')) !== 'true') await contact.click();
  await users.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Companies: 2 created, 1 mapped, 0 failed' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  // In the PSA: one company renamed, one deleted.
  const byName = (name: string) => sim.data.companies.find((company) => company.name === name && !company.deleted)!;
  sim.mutate([
    { op: 'rename', id: byName('Bakkerij Het Korenaar').id, name: 'Bakkerij Het Korenaar Holding' },
    { op: 'delete', id: byName('Northwind Traders Ltd').id },
  ]);

  await page.getByRole('button', { name: 'Import from ConnectWise PSA' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('tab', { name: 'Companies not in ConnectWise PSA (1)' })).toBeVisible();
  await search.fill('Korenaar');
  await expect(rowOf('Bakkerij Het Korenaar Holding')).toContainText('Mapped');
  await page.getByRole('tab', { name: 'Companies not in ConnectWise PSA (1)' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('NW Traders (hand-made)');
  await expect(page.getByRole('tabpanel')).toContainText('Northwind Traders Ltd');
  await app.shot(page, 'wizard-not-in');

  // Unmap the renamed company and create it as a new managed company.
  await page.getByRole('tab', { name: /Companies in ConnectWise PSA/ }).click();
  await search.fill('Korenaar');
  await grid.getByRole('button', { name: 'Manage Bakkerij Het Korenaar Holding', exact: true }).click();
  const unmap = page.getByRole('dialog', { name: 'Company details: Bakkerij Het Korenaar Holding' });
  await unmap.getByRole('button', { name: 'Unmap and create as new managed company' }).click();
  await unmap.getByRole('button', { name: 'Save' }).click();
  await expect(rowOf('Bakkerij Het Korenaar Holding')).toContainText('Create new managed company');
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Companies: 1 created, 0 mapped, 0 failed' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  await nav.getByRole('button', { name: 'Managed companies' }).click();
  const directory = page.getByRole('grid', { name: 'Managed companies' });
  await expect(directory.getByRole('gridcell', { name: 'Bakkerij Het Korenaar Holding', exact: true })).toBeVisible();
  await expect(directory.getByRole('gridcell', { name: 'Bakkerij Het Korenaar', exact: true })).toBeVisible();
});

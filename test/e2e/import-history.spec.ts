import Papa from 'papaparse';
import { readFile } from 'node:fs/promises';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';
import { countRows } from '../support/workspace-rows';

test.use({ simOptions: { seed: 47, companies: 12, contactsPerCompany: 2 } });

test('import history: an import is listed and on the PSA card, its changes export as CSV, and undo removes what it created (refused while a company was renamed by hand)', async ({ app, page, sim }) => {
  // A whole import, an export and two undos: longer than one step of the wizard.
  test.setTimeout(180_000);
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.workspace.transaction((tx) =>
    tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-manual', 'Zeeland Handwerk', '2026-01-01T00:00:00Z', NULL, 'manual')"),
  );
  const nav = page.getByRole('navigation', { name: 'Main navigation' });

  // Before any import: the history's empty state leads to the PSA page, whose card has no last import yet.
  await nav.getByRole('button', { name: 'Import history' }).click();
  await expect(page.getByRole('heading', { name: 'No imports yet' })).toBeVisible();
  await app.shot(page, 'import-history-empty');
  await page.getByRole('button', { name: 'Go to PSA import' }).click();
  const card = page.getByRole('region', { name: 'Datto Autotask' });
  await expect(card).toContainText('Last import');
  await expect(card).toContainText('None yet');

  // An import from the simulator: every company, and the contacts of one of them.
  const own = sim.data.companies.find((company) => company.ownOrganisation);
  const live = sim.data.companies.filter((company) => !company.deleted && company.active && company !== own);
  const withUsers = live[0]!.name;
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('tab', { name: /Companies in Datto Autotask/ })).toBeVisible();
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(withUsers);
  await page.getByRole('button', { name: `Manage users ${withUsers}`, exact: true }).click();
  const usersDialog = page.getByRole('dialog', { name: `Manage users: ${withUsers}` });
  // Being selected in the contact list grants access.
  const contacts = usersDialog.getByRole('option', { disabled: false });
  await expect(contacts.first()).toBeVisible();
  for (const contact of await contacts.all()) if ((await contact.getAttribute('aria-selected')) !== 'true') await contact.click();
  await usersDialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Companies: ${live.length} created, 0 mapped, 0 failed` })).toBeVisible();
  const usersLine = await page.getByText(/Users: \d+ imported/).textContent();
  const imported = Number(/Users: (\d+) imported/.exec(usersLine ?? '')![1]);
  expect(imported).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Done' }).click();

  // The PSA card shows it: when, by whom, how many.
  await expect(card.getByTestId('last-import-autotask')).toContainText(`by Mira Jansen: ${live.length} companies, ${imported} user`);
  await app.shot(page, 'import-history-psa-card');

  // Import history lists it.
  await nav.getByRole('button', { name: 'Import history' }).click();
  const table = page.getByRole('table', { name: 'Imports' });
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('Mira Jansen');
  await expect(row).toContainText('Datto Autotask');
  await expect(row).toContainText(`${live.length} created, 0 mapped`);
  await expect(row).toContainText('Completed');
  await app.shot(page, 'import-history');
  await row.getByRole('button', { name: /Open the import of/ }).click();
  await expect(page.getByRole('heading', { name: /Import from Datto Autotask on/ })).toBeVisible();
  await expect(page.getByText(`Companies: ${live.length} created, 0 mapped, 0 failed`)).toBeVisible();
  await expect(page.getByText(`${live.length} managed companies created`, { exact: true })).toBeVisible();

  // Its changes as CSV: one row per company created and per user created, with their names and emails.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export changes as CSV' }).click();
  const file = await (await download).path();
  const csv = Papa.parse<Record<string, string>>(await readFile(file, 'utf8'), { header: true, skipEmptyLines: true });
  expect(csv.meta.fields).toEqual(['change', 'psaId', 'managedId', 'name', 'email', 'before', 'after']);
  const created = csv.data.filter((line) => line.change === 'company-created');
  expect(created.map((line) => line.name).sort()).toEqual(live.map((company) => company.name).sort());
  const users = csv.data.filter((line) => line.change === 'user-created');
  expect(users).toHaveLength(imported);
  for (const user of users) {
    expect(user.email).toContain('@');
    expect(user.name).toContain(`(${withUsers})`);
  }

  // A company renamed by hand since: the undo is refused, with the reason, and nothing changes.
  const renamed = live[1]!.name;
  await app.bridge.core.workspace.transaction((tx) => tx.run("UPDATE managed_companies SET name = 'Renamed By Hand' WHERE name = ?", [renamed]));
  await page.getByRole('button', { name: 'Undo this import' }).click();
  const confirm = page.getByRole('alertdialog', { name: /Undo the import of/ });
  await expect(confirm).toContainText(`${live.length} managed companies created (removed again)`);
  await expect(confirm).toContainText(`${imported} user`);
  await app.shot(page, 'import-history-undo');
  await confirm.getByRole('button', { name: 'Undo the import' }).click();
  await expect(confirm.getByRole('alert')).toContainText(`The undo was refused: “${renamed}” was renamed to “Renamed By Hand” after this import.`);
  expect(await countRows(app.bridge.core.workspace.read, 'managed_companies')).toBe(live.length + 1);
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  // With the old name back, the undo goes through: the managed companies it created are gone, the manual one stays.
  await app.bridge.core.workspace.transaction((tx) => tx.run("UPDATE managed_companies SET name = ? WHERE name = 'Renamed By Hand'", [renamed]));
  await nav.getByRole('button', { name: 'Managed companies' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${live.length + 1} of ${live.length + 1} companies` })).toBeVisible();
  await nav.getByRole('button', { name: 'Import history' }).click();
  await page.getByRole('table', { name: 'Imports' }).getByRole('button', { name: /Open the import of/ }).click();
  await page.getByRole('button', { name: 'Undo this import' }).click();
  await page.getByRole('alertdialog', { name: /Undo the import of/ }).getByRole('button', { name: 'Undo the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The import has been undone.' })).toBeVisible();
  await expect(page.getByText(/Undone by Mira Jansen on/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo this import' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to import history' }).click();
  await expect(page.getByRole('table', { name: 'Imports' }).getByRole('row').nth(1)).toContainText('Undone');

  await nav.getByRole('button', { name: 'Managed companies' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 of 1 company' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Managed companies' })).toContainText('Zeeland Handwerk');
  expect(await countRows(app.bridge.core.workspace.read, 'managed_users')).toBe(0);
  // The PSA card still names the last import, marked undone.
  await nav.getByRole('button', { name: 'PSA import' }).click();
  await expect(card.getByTestId('last-import-autotask')).toContainText('(undone)');
});

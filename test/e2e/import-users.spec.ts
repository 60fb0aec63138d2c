import type { Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';

test.use({ simOptions: { seed: 61, companies: 55, contactsPerCompany: 2 } });

const COMPANY = 'Jansen Installatietechniek B.V.';

async function toUsersOf(page: Page, mapTo?: string): Promise<void> {
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(COMPANY);
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });
  await grid.getByRole('checkbox', { name: `Select ${COMPANY}` }).check();
  if (mapTo) {
    // Other Jansen variants in the PSA make the namesake ambiguous: the technician picks it under Manage.
    await grid.getByRole('button', { name: `Manage ${COMPANY}`, exact: true }).click();
    const details = page.getByRole('dialog', { name: `Company details: ${COMPANY}` });
    await details.getByRole('searchbox', { name: 'Search managed companies' }).fill(mapTo);
    await details.getByRole('option', { name: mapTo, exact: true }).click();
    await details.getByRole('button', { name: 'Save' }).click();
  }
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(COMPANY);
  await page.getByRole('button', { name: `Manage users ${COMPANY}` }).click();
}

test('users: map a contact to an existing user, then unmap it and create a new user', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.workspace.transaction(async (tx) => {
    await tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-jansen', 'Jansen Installatietechniek', '2026-01-01T00:00:00Z', NULL, 'manual')");
    await tx.run(
      "INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES ('u-kees', 'm-jansen', 'Kees Manual', 'kees@manual.example', 'kees@manual.example', 'active', 0, '2026-01-01', '2026-01-01')",
    );
  });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();

  // First import: the company maps to its namesake; its contact maps to the existing user Kees.
  await toUsersOf(page, 'Jansen Installatietechniek');
  const dialog = page.getByRole('dialog', { name: `Manage users: ${COMPANY}` });
  const contact = dialog.getByRole('option', { disabled: false }).first();
  await expect(contact).toContainText('No access');
  await contact.click();
  await expect(contact).toHaveAttribute('aria-selected', 'true');
  await expect(contact).toContainText('New user');
  // A combo box searches the company's users; an unknown name says so.
  const combo = dialog.getByRole('combobox', { name: 'Map to an existing user' });
  await combo.fill('nobody');
  await expect(page.getByText('No user of this company matches “nobody”.')).toBeVisible();
  await combo.fill('Kees');
  await page.getByRole('option', { name: 'Kees Manual (kees@manual.example)' }).click();
  await expect(contact).toContainText('Map to kees@manual.example');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Companies: 0 created, 1 mapped, 0 failed' })).toBeVisible();
  await expect(page.getByText('Users: 0 imported, 1 mapped, 0 failed')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  // Second import: the contact (imported before, so preselected) is unmapped and becomes a new user.
  await toUsersOf(page);
  const again = page.getByRole('dialog', { name: `Manage users: ${COMPANY}` });
  const mapped = again.getByRole('option').filter({ hasText: 'imported before' });
  await expect(mapped).toHaveAttribute('aria-selected', 'true');
  await expect(mapped).toContainText('Keeps kees@manual.example');
  await mapped.focus();
  // The contact's email is not Kees's: a new user may have it.
  await again.getByRole('radio', { name: 'Unmap and create as new user' }).check();
  await expect(mapped).toContainText('Unmap and create as new user');
  await app.shot(page, 'wizard-unmap-user');
  await again.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Users: 1 imported, 0 mapped, 0 failed')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  const { read } = app.bridge.core.workspace;
  const users = await read.rows(read.q.selectFrom('managed_users').select(['name', 'has_license']).where('managed_company_id', '=', 'm-jansen').orderBy('name'));
  expect(users.length).toBe(2);
  expect(users.every((user) => user.has_license === 1)).toBe(true);
});

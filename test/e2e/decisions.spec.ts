/**
 * Decisions a technician can make with confidence (issue 9 §5): Manage lists candidates with what tells them
 * apart; Manage users shows each contact's decision and never offers a new user for an email the company has;
 * renames in the PSA can update the managed company's name; companies gone from the PSA are flagged; the filter
 * step counts the matching companies; Change credentials keeps what was stored.
 */
import type { Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';

test.use({ simOptions: { seed: 51, companies: 60, contactsPerCompany: 2 } });

const KORENAAR = 'Bakkerij Het Korenaar';
const ZUID = 'Fysiotherapie Zuid';

async function start(page: Page, psaName: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await page.getByRole('button', { name: `Import from ${psaName}` }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
}

/** Selects the named companies on the companies step. */
async function select(page: Page, psaName: string, names: readonly string[]): Promise<void> {
  const grid = page.getByRole('grid', { name: `Companies in ${psaName}` });
  for (const name of names) {
    await page.getByRole('searchbox', { name: 'Search companies' }).fill(name);
    await grid.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  }
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('');
}

async function finish(page: Page, companies: RegExp | string): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('status').filter({ hasText: companies })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

test('Manage tells namesakes apart; a rename in the PSA updates the managed name; a company deleted in the PSA is flagged', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.workspace.transaction(async (tx) => {
    await tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-a', 'Korenaar Twin', '2026-01-02T00:00:00Z', NULL, 'manual')");
    await tx.run("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES ('m-b', 'Korenaar Twin', '2026-03-04T00:00:00Z', NULL, 'manual')");
    for (const n of [1, 2, 3]) {
      await tx.run(`INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES ('u-${n}', 'm-b', 'User ${n}', 'u${n}@twin.example', 'u${n}@twin.example', 'active', 0, 'x', 'x')`);
    }
  });
  await start(page, 'Datto Autotask');
  const grid = page.getByRole('grid', { name: 'Companies in Datto Autotask' });

  // Manage: the two "Korenaar Twin" companies differ in their users and creation date, said in each option.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(KORENAAR);
  await grid.getByRole('button', { name: `Manage ${KORENAAR}`, exact: true }).click();
  const details = page.getByRole('dialog', { name: `Company details: ${KORENAAR}` });
  const search = details.getByRole('searchbox', { name: 'Search managed companies' });
  await search.fill('no such company');
  await expect(details.getByText('No managed company matches “no such company”.')).toBeVisible();
  await search.fill('Korenaar Twin');
  const twins = details.getByRole('option', { name: 'Korenaar Twin', exact: true });
  await expect(twins).toHaveCount(2);
  await expect(twins.nth(0)).toContainText('not mapped to a PSA · created by hand · 0 users');
  await expect(twins.filter({ hasText: '3 users' })).toHaveCount(1);
  await expect(twins.filter({ hasText: 'never imported' })).toHaveCount(2);
  await app.shot(page, 'decisions-manage-candidates');
  // By keyboard: arrow to the second twin (3 users) and choose it.
  await search.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(twins.filter({ hasText: '3 users' })).toHaveAttribute('aria-selected', 'true');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(grid.getByRole('row').filter({ hasText: KORENAAR }).first()).toContainText('Use Korenaar Twin');
  await select(page, 'Datto Autotask', [KORENAAR, ZUID]);
  await page.getByRole('button', { name: 'Import and map' }).click();
  await finish(page, 'Companies: 1 created, 1 mapped, 0 failed');

  // In the PSA: the Korenaar renamed, Zuid deleted.
  const byName = (name: string) => sim.data.companies.find((company) => company.name === name && !company.deleted)!;
  const zuidId = byName(ZUID).id;
  sim.mutate([
    { op: 'rename', id: byName(KORENAAR).id, name: `${KORENAAR} Holding` },
    { op: 'delete', id: zuidId },
  ]);
  await start(page, 'Datto Autotask');
  const renamed = page.getByRole('region', { name: '1 company was renamed in Datto Autotask since its last import' });
  await expect(renamed).toContainText(`renamed in Datto Autotask: ${KORENAAR} → ${KORENAAR} Holding`);
  // On a mapped company, Manage lists the current mapping first.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('Korenaar');
  await grid.getByRole('button', { name: `Manage ${KORENAAR} Holding`, exact: true }).click();
  const mappedDetails = page.getByRole('dialog', { name: `Company details: ${KORENAAR} Holding` });
  await expect(mappedDetails.getByRole('option').first()).toContainText('Korenaar Twin');
  await expect(mappedDetails.getByRole('option').first()).toContainText('Datto Autotask #');
  await expect(mappedDetails.getByText('Current mapping')).toBeVisible();
  await mappedDetails.getByRole('button', { name: 'Cancel' }).click();
  await renamed.getByRole('button', { name: `Update the managed company’s name: ${KORENAAR} → ${KORENAAR} Holding` }).click();
  await expect(renamed).toContainText(`The managed company will be named ${KORENAAR} Holding`);
  await expect(grid.getByRole('row').filter({ hasText: `${KORENAAR} Holding` }).first()).toContainText(`Use Korenaar Twin, renamed to ${KORENAAR} Holding`);
  await app.shot(page, 'decisions-renamed');
  await page.getByRole('button', { name: 'Import and map' }).click();
  await finish(page, 'Companies: 0 created, 1 mapped, 0 failed');

  // Managed companies: the new name, and Zuid flagged as gone from Autotask (found after that download).
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(async () => {
    await nav.getByRole('button', { name: 'PSA import' }).click();
    await nav.getByRole('button', { name: 'Managed companies' }).click();
    await expect(page.getByTestId('gone-summary')).toHaveText('1 managed company is mapped to a company that no longer exists in its PSA.', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const directory = page.getByRole('grid', { name: 'Managed companies' });
  await expect(directory.getByRole('gridcell', { name: `${KORENAAR} Holding`, exact: true })).toBeVisible();
  await expect(directory.getByRole('row').filter({ hasText: ZUID })).toContainText(`Datto Autotask #${zuidId}Gone from Datto Autotask`);
  await expect(directory.getByRole('row').filter({ hasText: 'Korenaar Twin' })).toHaveCount(1);
  await app.shot(page, 'decisions-gone');
});

test('Manage users: emails imported from Autotask are known when ConnectWise is imported, and a taken email offers only the user who has it', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.psa.connect(simCredentials(sim, 'connectwise'));

  await start(page, 'Datto Autotask');
  await select(page, 'Datto Autotask', [KORENAAR]);
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await finish(page, 'Companies: 1 created, 0 mapped, 0 failed');

  await start(page, 'ConnectWise PSA');
  await select(page, 'ConnectWise PSA', [KORENAAR]);
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(KORENAAR);
  await page.getByRole('button', { name: `Manage users ${KORENAAR}` }).click();
  const dialog = page.getByRole('dialog', { name: `Manage users: ${KORENAAR}` });
  const contacts = dialog.getByRole('option', { disabled: false });
  await expect(contacts.first()).toBeVisible();
  const count = await contacts.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const contact = contacts.nth(index);
    await expect(contact).toHaveAttribute('aria-selected', 'true');
    await expect(contact).toContainText('imported before');
    await expect(contact).toContainText('Map to ');
  }
  // The email belongs to a user of the company: no "new user" to choose, only that user.
  await contacts.first().focus();
  await expect(dialog.getByText(/A user of this company already has .* two users cannot share an email address/)).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Unmap and create as new user' })).toHaveCount(0);
  await expect(dialog.getByRole('radio', { name: 'New user' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: /^Map to / })).toHaveAttribute('aria-pressed', 'true');
  // A contact can be left out, and the list says so.
  await contacts.first().press('Space');
  await expect(contacts.first()).toContainText('No access');
  await contacts.first().press('Space');
  await app.shot(page, 'decisions-manage-users');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(`Users: 0 imported, ${count} mapped, 0 failed`)).toBeVisible();
});

test('the filter step says about how many companies match, as the filter changes, and says so when counting fails', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  const form = page.getByRole('form', { name: 'Filter' });
  const count = form.getByTestId('company-count');
  const clients = sim.data.companies.filter((company) => !company.deleted && !company.ownOrganisation);
  const active = clients.filter((company) => company.active).length;
  const inactive = clients.length - active;
  await expect(count).toHaveText(`About ${active} companies match this filter.`);
  await form.getByRole('radio', { name: 'Inactive companies' }).check();
  await expect(count).toHaveText(inactive === 1 ? 'About 1 company matches this filter.' : `About ${inactive} companies match this filter.`);
  await app.shot(page, 'decisions-filter-count');
  const broken = sim.faults.add({ api: 'autotask', pathIncludes: '/query/count', fault: { kind: 'status', status: 500 } });
  await form.getByRole('radio', { name: 'Active and inactive' }).check();
  await expect(count).toContainText('The companies could not be counted: We received a server error from your PSA provider.');
  broken();
  // Every value of every attribute is listed: none is cut off by a scroll box.
  for (const box of await form.locator('.option-list').all()) expect(await box.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
});

test('Change credentials keeps the user name and URL filled in; a blank secret keeps the stored one, and none reaches the page', async ({ app, page, sim }) => {
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  await app.bridge.core.psa.connect(simCredentials(sim, 'connectwise'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'PSA import' }).click();
  const autotask = page.getByRole('region', { name: 'Datto Autotask' });
  await autotask.getByRole('button', { name: 'Change credentials' }).click();
  const form = page.getByRole('form', { name: 'Connect Datto Autotask' });
  await expect(form.getByLabel('API username', { exact: true })).toHaveValue(sim.credentials.autotask.username);
  await expect(form.getByLabel('Custom API base URL')).toHaveValue(sim.url);
  await expect(form.getByLabel('Secret', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('API integration code (tracking identifier)')).toHaveValue('');
  await expect(form).toContainText('Stored. Leave blank to keep it, or type a new one.');
  await app.shot(page, 'decisions-change-credentials');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(autotask.getByText('Connected', { exact: true })).toBeVisible();
  await expect(autotask.getByRole('form')).toHaveCount(0);

  const connectwise = page.getByRole('region', { name: 'ConnectWise PSA' });
  await connectwise.getByRole('button', { name: 'Change credentials' }).click();
  const cw = page.getByRole('form', { name: 'Connect ConnectWise PSA' });
  await expect(cw.getByLabel('Site (for example na.myconnectwise.net)')).toHaveValue('na.myconnectwise.net');
  await expect(cw.getByLabel('Company ID', { exact: true })).toHaveValue(sim.credentials.connectwise.companyId);
  await expect(cw.getByLabel('Private key', { exact: true })).toHaveValue('');
  await cw.getByRole('button', { name: 'Test connection' }).click();
  await expect(connectwise.getByRole('status')).toContainText('companies are visible to this API user');
  const html = await page.content();
  for (const secret of [sim.credentials.autotask.secret, sim.credentials.autotask.integrationCode, sim.credentials.connectwise.privateKey, sim.credentials.connectwise.publicKey]) expect(html).not.toContain(secret);
  // Nor in any response the page received.
  expect(JSON.stringify(app.responses)).not.toContain(sim.credentials.connectwise.privateKey);
});

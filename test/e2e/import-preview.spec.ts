/**
 * Import previews that travel (issue 12): saved at the companies step, reviewed on another workstation with no PSA
 * (decisions changed, a note, saved back, exported), then applied later in the original workspace; and an
 * apply-later that finds drift, which must be resolved or accepted before anything is written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserBridge } from '../../electron/main/dev-bridge/server';
import { expect, ROOT, STRONG_PASSWORD, test } from '../support/app-fixture';
import { TEST_PASSWORD_HASH_COST } from '../support/password-cost';
import { simCredentials } from '../support/psa-sim';
import { createFirstAdmin } from '../support/ui-flows';

test.use({ simOptions: { seed: 73, companies: 30, contactsPerCompany: 2 } });

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name, exact: true });
const companiesGrid = (page: Page) => page.getByRole('grid', { name: 'Companies in Datto Autotask' });
const checkboxOf = (page: Page, name: string) => companiesGrid(page).getByRole('checkbox', { name: `Select ${name}`, exact: true });

/** The download at the companies step, from the PSA import page. */
async function downloadCompanies(page: Page): Promise<void> {
  await nav(page, 'PSA import').click();
  await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
  await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
  await expect(companiesGrid(page)).toBeVisible();
}

/**
 * Active companies (not the tenant's own organisation) with a plain name no other one has, in the simulator's
 * order: names the tests can type into the search and match in text as they are.
 */
function uniqueCompanies(companies: readonly { name: string; active: boolean; deleted: boolean; ownOrganisation?: true }[]): string[] {
  const active = companies.filter((company) => company.active && !company.deleted && !company.ownOrganisation).map((company) => company.name);
  return active.filter((name) => /^[A-Za-z0-9 .-]+$/.test(name) && active.indexOf(name) === active.lastIndexOf(name));
}

/** The grid shows the rows in view: the search brings a company into it. */
async function findCompany(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(name);
  await expect(checkboxOf(page, name)).toBeVisible();
}
async function setChecked(page: Page, name: string, checked: boolean): Promise<void> {
  await findCompany(page, name);
  await checkboxOf(page, name).setChecked(checked);
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('');
}

test('a preview saved at the companies step is reviewed on a workstation without a PSA, changed and saved there, and applied later in the original workspace', async ({ app, page, sim, browser }) => {
  test.slow();
  const shared = mkdtempSync(join(tmpdir(), 'msp-preview-share-'));
  const file = join(shared, 'contoso-import.msp-preview');
  const [first, second, third, fourth] = uniqueCompanies(sim.data.companies);
  if (!first || !second || !third || !fourth) throw new Error('the simulator has too few companies');
  try {
    // Workstation A: Mira downloads, chooses three companies, notes one, and saves the preview.
    await app.open();
    await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
    await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
    await downloadCompanies(page);
    for (const name of [first, second, third]) await setChecked(page, name, true);
    await findCompany(page, first);
    await companiesGrid(page).getByRole('button', { name: `Manage ${first}`, exact: true }).click();
    const details = page.getByRole('dialog', { name: `Company details: ${first}` });
    await details.getByLabel('Note').fill('Check the address with Henk');
    await details.getByRole('button', { name: 'Save' }).click();
    await expect(companiesGrid(page)).toContainText('Note: Check the address with Henk');
    app.bridge.dialogs.answerNext('save', file);
    await page.getByRole('button', { name: 'Save preview…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Preview saved as contoso-import.msp-preview.' })).toBeVisible();
    expect(existsSync(file)).toBe(true);
    // Nothing of the PSA's credentials is in the file (the sentinel checks every secret; here the one she typed).
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard and close' }).click();

    // Workstation B: a fresh data folder, its own workspace, no PSA at all.
    const otherDir = mkdtempSync(join(tmpdir(), 'msp-roster-e2e-b-'));
    const other = await startBrowserBridge({
      dataDir: otherDir,
      rendererDir: join(ROOT, 'out/renderer'),
      bridgeClientFile: join(ROOT, 'out/bridge/client.js'),
      passwordHashCost: TEST_PASSWORD_HASH_COST,
    });
    try {
      // Another workstation is another browser profile: the bridges' cookies (one per loopback host) stay apart.
      const henkContext = await browser.newContext({ viewport: page.viewportSize() ?? { width: 1280, height: 800 } });
      const henk = await henkContext.newPage();
      const henkProblems: string[] = [];
      henk.on('console', (message) => {
        if (message.type() === 'error') henkProblems.push(message.text());
      });
      henk.on('pageerror', (error) => henkProblems.push(error.message));
      await henk.goto(other.newUrl());
      await createFirstAdmin(henk, { name: 'Henk de Vries', email: 'henk@example-msp.nl', password: STRONG_PASSWORD });
      await nav(henk, 'PSA import').click();
      const previews = henk.getByRole('region', { name: 'Import previews' });
      await expect(previews).toContainText('No previews yet on this workstation.');
      other.dialogs.answerNext('open', file);
      await previews.getByRole('button', { name: 'Open preview…' }).click();

      await expect(henk.getByRole('heading', { level: 1, name: 'Review preview: contoso-import.msp-preview' })).toBeVisible();
      await expect(henk.getByRole('region', { name: 'About this preview' })).toContainText('Offline review');
      await expect(henk.getByRole('region', { name: 'About this preview' })).toContainText('saved by Mira Jansen');
      await expect(companiesGrid(henk).getByRole('checkbox', { checked: true })).toHaveCount(3);
      for (const name of [first, second, third]) {
        await findCompany(henk, name);
        await expect(checkboxOf(henk, name)).toBeChecked();
      }
      await findCompany(henk, first);
      await expect(companiesGrid(henk)).toContainText('Note: Check the address with Henk');
      // Henk takes the third company out and the fourth in, and answers the note.
      await setChecked(henk, third, false);
      await setChecked(henk, fourth, true);
      await findCompany(henk, first);
      await companiesGrid(henk).getByRole('button', { name: `Manage ${first}`, exact: true }).click();
      const henkDetails = henk.getByRole('dialog', { name: `Company details: ${first}` });
      await henkDetails.getByLabel('Note').fill('Address checked: Kerkstraat 1');
      await henkDetails.getByRole('button', { name: 'Save' }).click();
      await expect(henk.getByRole('region', { name: 'About this preview' })).toContainText('Unsaved changes');
      await app.shot(henk, 'preview-review');
      // The users step works offline: a company's contacts as the preview saved them.
      await henk.getByRole('button', { name: 'Import and map' }).click();
      await henk.getByRole('button', { name: `Manage users ${second}` }).click();
      const manageUsers = henk.getByRole('dialog', { name: `Manage users: ${second}` });
      await expect(manageUsers.getByRole('listbox', { name: 'Contacts' }).getByRole('option')).not.toHaveCount(0);
      await manageUsers.getByRole('button', { name: 'Cancel' }).click();
      await henk.keyboard.press('Control+s');
      await expect(henk.getByRole('region', { name: 'About this preview' })).toContainText('Saved to contoso-import.msp-preview.');

      // Exports for people without the app: a CSV per table, and one printable page.
      const exportDir = join(otherDir, 'exports-for-the-team');
      other.dialogs.answerNext('folder', exportDir);
      await henk.getByRole('button', { name: 'Export as CSV' }).click();
      await expect(henk.getByRole('region', { name: 'About this preview' })).toContainText('Exported to');
      const csvs = readdirSync(exportDir).filter((name) => name.endsWith('.csv'));
      expect(csvs.length).toBeGreaterThanOrEqual(3);
      expect(csvs.map((name) => readFileSync(join(exportDir, name), 'utf8')).join('\n')).toContain('Address checked: Kerkstraat 1');
      const report = join(otherDir, 'contoso-report.html');
      other.dialogs.answerNext('save', report);
      await henk.getByRole('button', { name: 'Printable report' }).click();
      await expect.poll(() => existsSync(report)).toBe(true);
      expect(readFileSync(report, 'utf8')).toContain(`>${fourth}<`);
      await henk.getByRole('button', { name: 'Back' }).click();
      await henk.getByRole('button', { name: 'Close review' }).click();
      await expect(previews).toContainText('contoso-import.msp-preview');
      await app.scan(henk, 'previews card after the review');
      expect(henkProblems).toEqual([]);
      await henkContext.close();
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }

    // Back on A: the recent list opens Henk's version; applied here, with nothing drifted since.
    await nav(page, 'PSA import').click();
    const recent = page.getByRole('region', { name: 'Import previews' });
    await recent.getByRole('button', { name: 'Open the preview contoso-import.msp-preview' }).click();
    await findCompany(page, fourth);
    await expect(checkboxOf(page, fourth)).toBeChecked();
    await findCompany(page, third);
    await expect(checkboxOf(page, third)).not.toBeChecked();
    await findCompany(page, first);
    await expect(companiesGrid(page)).toContainText('Note: Address checked: Kerkstraat 1');
    await page.getByRole('button', { name: 'Import and map' }).click();
    await page.getByRole('button', { name: 'Apply to this workspace…' }).click();
    await expect(page.getByRole('heading', { name: 'Check against this workspace' })).toBeVisible();
    await expect(page.getByText('Nothing your decisions rely on has changed since the preview was saved.')).toBeVisible();
    await page.getByRole('button', { name: 'Apply 3 companies' }).click();
    await expect(page.getByText(/Companies: 3 created/)).toBeVisible();
    const companies = (await app.bridge.core.directory.list()).map((company) => company.name);
    expect(companies).toEqual(expect.arrayContaining([first, second, fourth]));
    expect(companies).not.toContain(third);
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});

test('applying later lists every drift first — a target deleted, a company mapped since, seats short — and applies only once each is resolved or accepted', async ({ app, page, sim }) => {
  test.slow();
  const [target, mappedLater, withUsers] = uniqueCompanies(sim.data.companies);
  if (!target || !mappedLater || !withUsers) throw new Error('the simulator has too few companies');
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));
  const mira = (await app.bridge.core.workspace.read.row(app.bridge.core.workspace.read.q.selectFrom('administrators').select('id').where('email_key', '=', 'mira@example-msp.nl')))?.id ?? '';
  // A managed company of the same name, made by hand: the preview maps the PSA company to it.
  const namesake = await app.bridge.core.directory.create(target, mira);

  await downloadCompanies(page);
  for (const name of [target, mappedLater, withUsers]) await setChecked(page, name, true);
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Grant access to every contact' }).click();
  await page.getByRole('button', { name: 'Save preview…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Preview saved as .+\.msp-preview\./ })).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard and close' }).click();

  // Meanwhile in the workspace: the namesake is removed, another import maps one of the companies, and the seats run low.
  await app.bridge.core.directory.remove(namesake.id, mira);
  await downloadCompanies(page);
  await setChecked(page, mappedLater, true);
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/Companies: 1 created/)).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await app.bridge.core.licenses.setSeats(1);

  await nav(page, 'PSA import').click();
  await page.getByRole('region', { name: 'Import previews' }).getByRole('button', { name: /^Open the preview / }).first().click();
  await page.getByRole('button', { name: 'Import and map' }).click();
  await page.getByRole('button', { name: 'Apply to this workspace…' }).click();
  await expect(page.getByRole('heading', { name: 'Check against this workspace' })).toBeVisible();
  await expect(page.getByText('3 changes since the preview was saved; 0 handled.')).toBeVisible();
  const deleted = page.getByRole('group', { name: `${target} was to be mapped to ${target}, which has been deleted since.` });
  const mapped = page.getByRole('group', { name: new RegExp(`^${mappedLater} was not mapped when the preview was saved; it has been mapped to`) });
  const seats = page.getByRole('group', { name: /^Not enough managed-user seats: the decisions need \d+, and this workspace has 1 left\./ });
  for (const drift of [deleted, mapped, seats]) await expect(drift).toBeVisible();
  const apply = page.getByRole('button', { name: 'Apply 3 companies' });
  await expect(apply).toBeDisabled();
  // The lock is held while the technician decides: nobody else starts an import from this PSA meanwhile.
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });
  await app.shot(page, 'preview-drift');

  await deleted.getByRole('radio', { name: 'Create a new managed company instead' }).check();
  await mapped.getByRole('radio', { name: 'Keep the mapping made since' }).check();
  await expect(apply).toBeDisabled();
  await seats.getByRole('radio', { name: 'Apply anyway' }).check();
  await expect(page.getByText('3 changes since the preview was saved; 3 handled.')).toBeVisible();
  await apply.click();
  await expect(page.getByText(/Companies: 2 created, 1 mapped/)).toBeVisible();
  const names = (await app.bridge.core.directory.list()).map((company) => company.name);
  // One company per PSA company: the one mapped since was not created twice.
  expect(names.filter((name) => name === mappedLater)).toHaveLength(1);
  expect(names).toContain(target);
  // The users beyond the seats failed, as accepted: the lock stays for "Retry the failed items" until Done.
  expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Mira Jansen' });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Import previews' })).toBeVisible();
  expect(await app.bridge.core.locks.holder('autotask')).toBeNull();
});

/**
 * The Technicians area as a Master Administrator and as an Administrator: the organisation tree (groups, nesting,
 * deleting, access rights, the actions menu by mouse and keyboard, drag and drop), the Configuration page (every
 * field, a weak password refused with the policy shown, Move to Technician Group), the Administrators tab with
 * "Show technician groups only to assigned administrators", and the Global settings' password policy.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { layoutProblems } from '../support/layout';
import { createFirstAdmin, signIn } from '../support/ui-flows';

const MASTER = { name: 'Mirjam Hoofd', email: 'mirjam@example-msp.nl', password: STRONG_PASSWORD };

function tree(page: Page): Locator {
  return page.getByRole('treegrid', { name: 'Organization tree' });
}

function row(page: Page, name: string): Locator {
  return tree(page).getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

async function openTechnicians(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Technicians', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Technicians', level: 1 })).toBeVisible();
}

async function createGroup(page: Page, name: string, parent: string | null): Promise<void> {
  if (parent === null) {
    await page.getByRole('button', { name: 'Create technician group' }).first().click();
  } else {
    await row(page, parent).getByRole('button', { name: `Actions for ${parent}` }).click();
    await page.getByRole('menuitem', { name: 'Create subgroup' }).click();
  }
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Group name').fill(name);
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, name)).toBeVisible();
}

test('a Master Administrator builds the tree, creates a technician with every field and moves it three ways', async ({ app, page }) => {
  test.setTimeout(150_000);
  await app.open();
  await createFirstAdmin(page, MASTER);
  await openTechnicians(page);

  // Empty: the tree says so and offers the first group.
  await expect(page.getByRole('heading', { name: 'No technician groups yet' })).toBeVisible();
  await app.shot(page, 'org-empty');

  await createGroup(page, 'Service desk', null);
  await createGroup(page, 'Projects', null);
  await createGroup(page, 'Nights', 'Service desk');
  await expect(row(page, 'Nights')).toHaveAttribute('aria-level', '2');

  // Access rights of a group, by its actions menu.
  await row(page, 'Service desk').getByRole('button', { name: 'Actions for Service desk' }).click();
  await page.getByRole('menuitem', { name: 'Access rights…' }).click();
  const rights = page.getByRole('dialog', { name: 'Access rights of Service desk' });
  for (const label of ['Import from Autotask', 'Import from ConnectWise PSA', 'View managed companies', 'Manage managed companies', 'Export']) await expect(rights.getByLabel(label)).toBeVisible();
  await rights.getByLabel('Import from Autotask').check();
  await rights.getByLabel('Manage managed companies').check();
  await app.shot(page, 'org-access-rights');
  await rights.getByRole('button', { name: 'Save access rights' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Access rights saved.' })).toBeVisible();

  // Create Technician by right-clicking the group (the seed's step 1).
  await row(page, 'Service desk').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Create Technician' }).click();
  const config = page.getByRole('form', { name: 'New technician in Service desk' });
  await expect(config).toBeVisible();
  // By mouse too, typing starts in Name, not on the row the menu came from. (The page's focus: see the Dutch test.)
  await expect.poll(() => config.getByLabel('Name', { exact: true }).evaluate((input) => input === document.activeElement)).toBe(true);
  await config.getByLabel('Name', { exact: true }).fill('Henk de Vries');
  await config.getByLabel('Nickname').fill('Henk');
  await expect(config.getByText('Example: “[10:46] Chat session established with Henk.”')).toBeVisible();
  await config.getByLabel('Email address').fill('henk@example-msp.nl');
  await config.getByLabel('Single sign-on ID').fill('HDV-1001');
  await config.getByLabel('Description').fill('Second line, Fridays off');
  await expect(config.getByText('For your own reference only.')).toBeVisible();
  await config.getByLabel('Password', { exact: true }).fill('henk1234');
  await expect(config.getByText('Minimum password strength')).toBeVisible();
  await config.getByLabel('Mobile license').check();
  // Inherited from the group (Manage includes View).
  await expect(config.getByRole('listitem')).toHaveText(['Import from Autotask', 'View managed companies', 'Manage managed companies']);
  await config.getByRole('button', { name: 'Save changes' }).click();
  // The core refuses the weak password, and the policy is shown at the field.
  await expect(config.getByText(/The password does not meet the password policy\. At least 10 characters and a strength of “Strong” or better\./)).toBeVisible();
  await app.shot(page, 'org-weak-password');
  await config.getByLabel('Password', { exact: true }).fill('Lantern-Meadow-Copper-72');
  await config.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Technician Henk de Vries created.' })).toBeVisible();
  await expect(row(page, 'Henk de Vries')).toBeVisible();
  await expect(row(page, 'Henk de Vries')).toContainText('Enabled');
  await expect(row(page, 'Henk de Vries')).toContainText('Mobile');
  const saved = page.getByRole('form', { name: 'Henk de Vries' });
  await expect(saved.getByLabel('Nickname')).toHaveValue('Henk');
  await expect(saved.getByLabel('Single sign-on ID')).toHaveValue('HDV-1001');
  await expect(saved.getByLabel('Description')).toHaveValue('Second line, Fridays off');
  await expect(saved.getByLabel('New password')).toHaveValue('');
  await app.shot(page, 'org-configuration');

  // Disabling gives the mobile license back: the page shows it before saving.
  await saved.getByLabel('Enabled').uncheck();
  await expect(saved.getByLabel('Mobile license')).not.toBeChecked();
  await expect(saved.getByLabel('Mobile license')).toBeDisabled();
  await expect(saved.getByText('A disabled technician keeps the standard license and gives the mobile license back.')).toBeVisible();
  // Leaving with unsaved changes asks first.
  await row(page, 'Projects').click();
  const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Keep editing' }).click();
  await expect(saved.getByLabel('Enabled')).not.toBeChecked();
  await saved.getByRole('button', { name: 'Cancel' }).click();
  await expect(saved.getByLabel('Mobile license')).toBeChecked();
  await expect(saved.getByRole('button', { name: 'Save changes' })).toBeDisabled();

  // Move by dragging it onto another group.
  await row(page, 'Henk de Vries').dragTo(row(page, 'Projects'));
  await expect(page.getByRole('status').filter({ hasText: 'Henk de Vries moved to Projects.' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Henk de Vries' }).getByLabel('Move to Technician Group')).toHaveValue(await groupValue(page, 'Projects'));
  await expect(page.getByRole('form', { name: 'Henk de Vries' }).getByRole('listitem')).toHaveCount(0);

  // Move by the Configuration page's dropdown.
  await page.getByRole('form', { name: 'Henk de Vries' }).getByLabel('Move to Technician Group').selectOption({ label: 'Service desk / Nights' });
  await expect(page.getByRole('status').filter({ hasText: 'Henk de Vries moved to Service desk / Nights.' })).toBeVisible();

  // Move by the keyboard: Shift+F10 on the focused row opens the same menu.
  await row(page, 'Henk de Vries').focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'Actions for Henk de Vries' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Move to technician group…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const move = page.getByRole('dialog', { name: 'Move Henk de Vries' });
  await expect(move.getByLabel('Technician group')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(move.getByLabel('Technician group')).toHaveValue(await groupValue(page, 'Service desk'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(move.getByRole('button', { name: 'Move' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Henk de Vries moved to Service desk.' })).toBeVisible();
  await expect(row(page, 'Henk de Vries')).toHaveAttribute('aria-level', '2');

  // Delete: refused for a group with a technician, done for an empty one.
  await row(page, 'Service desk').getByRole('button', { name: 'Actions for Service desk' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  let confirm = page.getByRole('alertdialog', { name: 'Delete Service desk?' });
  await confirm.getByRole('button', { name: 'Delete group' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('Only an empty technician group can be deleted. Move its technicians and subgroups to another group first.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await row(page, 'Projects').getByRole('button', { name: 'Actions for Projects' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  confirm = page.getByRole('alertdialog', { name: 'Delete Projects?' });
  await confirm.getByRole('button', { name: 'Delete group' }).click();
  await expect(row(page, 'Projects')).toHaveCount(0);

  // The smallest window: nothing scrolls sideways.
  await page.setViewportSize({ width: 1024, height: 640 });
  expect(await layoutProblems(page, true, [], [], false)).toEqual([]);
  await app.shot(page, 'org-tree-1024');
});

async function groupValue(page: Page, label: string): Promise<string> {
  const option = page.getByRole('form', { name: 'Henk de Vries' }).getByLabel('Move to Technician Group').locator('option', { hasText: label }).first();
  return (await option.getAttribute('value')) ?? '';
}

test('Administrators: an Administrator assigned to one group sees only that group when the setting is on', async ({ app, page, browser }) => {
  test.setTimeout(150_000);
  await app.bridge.core.auth.createAdministrator({ ...MASTER, role: 'master_admin', mustChangePassword: false });
  await app.open();
  await signIn(page, MASTER.email, MASTER.password);
  await openTechnicians(page);
  await createGroup(page, 'Alpha team', null);
  await createGroup(page, 'Bravo team', null);

  // Global settings: administrators see only their groups, and (for this test) keep the password they are given.
  await page.getByRole('tab', { name: 'Global settings' }).click();
  await page.getByLabel('Administrator password changes force the user to change the password at next sign-in').uncheck();
  await page.getByLabel('Show technician groups only to assigned administrators').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  await page.getByRole('tab', { name: 'Administrators' }).click();
  const table = page.getByRole('table', { name: 'Administrators' });
  await expect(table.getByRole('row', { name: /Mirjam Hoofd/ })).toContainText('you');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  const create = page.getByRole('dialog', { name: 'Create administrator' });
  await create.getByLabel('Name').fill('Sam Beheer');
  await create.getByLabel('Email address').fill('sam@example-msp.nl');
  await create.getByLabel('Password', { exact: true }).fill('Copper-Meadow-Violin-83?');
  await expect(create.getByLabel('Role')).toHaveValue('admin');
  await create.getByLabel('Alpha team').check();
  await create.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Administrator Sam Beheer created.' })).toBeVisible();
  const sam = table.getByRole('row', { name: /Sam Beheer/ });
  await expect(sam.getByRole('cell').nth(1)).toHaveText('Administrator');
  await expect(sam.getByRole('cell').nth(3)).toHaveText('Alpha team');
  await app.shot(page, 'org-administrators');

  // The last Master Administrator cannot demote themselves: the core's reason is shown.
  await table.getByRole('button', { name: 'Demote to Administrator: Mirjam Hoofd' }).click();
  const demote = page.getByRole('alertdialog', { name: 'Demote Mirjam Hoofd?' });
  await demote.getByRole('button', { name: 'Demote to Administrator' }).click();
  await expect(demote.getByRole('alert')).toHaveText('The workspace needs at least one enabled Master Administrator. Promote another administrator first.');
  await demote.getByRole('button', { name: 'Cancel' }).click();

  // Sam, in another window, sees only the group assigned to them, and no Administrators tab.
  const other = await browser.newContext({ locale: 'en-GB' });
  const samPage = await app.open(await other.newPage());
  await signIn(samPage, 'sam@example-msp.nl', 'Copper-Meadow-Violin-83?');
  await openTechnicians(samPage);
  await expect(row(samPage, 'Alpha team')).toBeVisible();
  await expect(row(samPage, 'Bravo team')).toHaveCount(0);
  await expect(samPage.getByRole('tab', { name: 'Administrators' })).toHaveCount(0);
  await samPage.getByRole('tab', { name: 'Global settings' }).click();
  await expect(samPage.getByText('Only a Master Administrator can change these settings.')).toBeVisible();
  await expect(samPage.getByLabel('Show technician groups only to assigned administrators')).toBeDisabled();
  await app.shot(samPage, 'org-administrator-view');

  // Disabling asks first; Sam's window is signed out at its next call.
  await table.getByRole('button', { name: 'Disable: Sam Beheer' }).click();
  await page.getByRole('alertdialog', { name: 'Disable Sam Beheer?' }).getByRole('button', { name: 'Disable' }).click();
  await expect(sam.getByRole('cell').nth(2)).toHaveText('Disabled');
  await other.close();
});

test.describe('in Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('Algemene instellingen: the password policy sets what the Configuration page asks for', async ({ app, page }) => {
    test.setTimeout(120_000);
    await app.bridge.core.auth.createAdministrator({ ...MASTER, role: 'master_admin', mustChangePassword: false });
    await app.open();
    await page.getByLabel('E-mailadres').fill(MASTER.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(MASTER.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Technici', exact: true }).click();

    await page.getByRole('tab', { name: 'Algemene instellingen' }).click();
    await expect(page.getByRole('heading', { name: 'Wachtwoordbeleid' })).toBeVisible();
    await page.getByLabel('Minimale wachtwoordsterkte').selectOption({ label: 'Zeer sterk' });
    await page.getByLabel('Minimale lengte (tekens)').fill('14');
    await expect(page.getByLabel('Wijzigingen van beheerderswachtwoord dwingen gebruiker om het wachtwoord bij volgende aanmelding te wijzigen')).toBeChecked();
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Instellingen opgeslagen.' })).toBeVisible();
    await page.getByLabel('Mobiele licenties').fill('0');
    await page.getByRole('button', { name: 'Licenties opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Licenties opgeslagen.' })).toBeVisible();
    await app.shot(page, 'org-global-settings-nl');

    await page.getByRole('tab', { name: 'Organisatie' }).click();
    await page.getByRole('button', { name: 'Technicusgroep maken' }).click();
    await page.getByRole('dialog').getByLabel('Groepsnaam').fill('Servicedesk');
    await page.getByRole('dialog').getByRole('button', { name: 'Groep maken' }).click();
    const group = page.getByRole('treegrid', { name: 'Organisatiestructuur' }).getByRole('row', { name: /^Servicedesk/ });
    // The ContextMenu key on the focused row opens the group's menu.
    await group.focus();
    await page.keyboard.press('ContextMenu');
    await expect(page.getByRole('menuitem', { name: 'Technicus maken' })).toBeFocused();
    await page.keyboard.press('Enter');
    const config = page.getByRole('form', { name: 'Nieuwe technicus in Servicedesk' });
    // The keyboard goes on where the work is: Name, not back to the group's row. (The page's own focus: headless
    // Chromium counts the window unfocused once the context-menu key was pressed.)
    await expect.poll(() => config.getByLabel('Naam', { exact: true }).evaluate((input) => input === document.activeElement)).toBe(true);
    await config.getByLabel('Naam', { exact: true }).fill('Henk Jansen');
    await config.getByLabel('Bijnaam').fill('Henk');
    await expect(config.getByText('Voorbeeld: ‘[10:46 uur] Chat-sessie tot stand gebracht met Henk.’')).toBeVisible();
    await expect(config.getByText('Zeer sterk, minstens 14 tekens (Algemene instellingen → Wachtwoordbeleid).')).toBeVisible();
    await config.getByLabel('E-mailadres').fill('henk.jansen@example-msp.nl');
    // Long enough for the old policy (10), too short for the new one (14).
    await config.getByLabel('Wachtwoord', { exact: true }).fill('Kx9#mQ2vLp7!');
    await config.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(config.getByText(/Het wachtwoord voldoet niet aan het wachtwoordbeleid\. Minstens 14 tekens en een sterkte van ‘Zeer sterk’ of beter\./)).toBeVisible();
    // Strong enough now; but no mobile license is left, which the page says at the checkbox.
    await config.getByLabel('Wachtwoord', { exact: true }).fill('Lantern-Meadow-Copper-72-Quietly');
    await config.getByLabel('Mobiele licentie').check();
    await config.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(config.getByText('Alle 0 mobiele licenties zijn toegewezen. Neem er een af van een andere technicus, of verhoog het aantal onder Technici → Algemene instellingen → Technicuslicenties.')).toBeVisible();
    await app.shot(page, 'org-configuration-nl');
  });
});

/**
 * The "Done when", as two workstations would live it: Mira moves her local workspace into a team
 * workspace on a real PostgreSQL server; Bob, on another workstation (another core, another data folder,
 * another browser), joins it; while Mira imports, Bob is locked out with her name; her import shows up in
 * Bob's list without a reload.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import { startBrowserBridge } from '../../electron/main/dev-bridge/server';
import { ROOT, expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { TEST_PASSWORD_HASH_COST } from '../support/password-cost';
import { startPgCluster, type PgCluster } from '../support/postgres/cluster';
import { FAST_RETRIES, simCredentials } from '../support/psa-sim';
import { createFirstAdmin, signIn } from '../support/ui-flows';

test.use({ simOptions: { seed: 61, companies: 12, contactsPerCompany: 1 } });

let cluster: PgCluster;
test.beforeAll(async () => {
  cluster = await startPgCluster();
});
test.afterAll(() => cluster?.destroy());

async function fillTeamConnection(page: Page, database: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Server').fill(cluster.host);
  await dialog.getByLabel('Port').fill(String(cluster.port));
  await dialog.getByLabel('Database', { exact: true }).fill(database);
  await dialog.getByLabel('User name').fill(cluster.user);
  await dialog.getByLabel('Database password').fill(cluster.password);
  // The throwaway server listens on loopback without TLS.
  await dialog.getByLabel('Encryption (TLS)').selectOption('disable');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
}

test('a local workspace moves into a team workspace; a colleague joins, is locked out while it imports, and sees the import without a reload', async ({ app, page, sim, browser }) => {
  test.slow(); // two workstations, one server
  const database = await cluster.createDatabase('team');
  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await page.getByRole('button', { name: 'New managed company' }).click();
  await page.getByRole('form', { name: 'New managed company' }).getByLabel('Name').fill('Bakker Installatie B.V.');
  await page.getByRole('button', { name: 'Save' }).click();

  // Mira: Settings → Workspace → Move this workspace to a team.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('workspace-current')).toHaveText('Local workspace: the data stays on this workstation.');
  await page.getByRole('button', { name: 'Move this workspace to a team' }).click();
  await fillTeamConnection(page, database);
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('The database is empty: you can create a team workspace in it.');
  await app.shot(page, 'move-to-team');
  await page.getByRole('dialog').getByRole('button', { name: 'Move and open' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved into the team workspace and checked' })).toBeVisible();
  // Still signed in, now on the team workspace.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('workspace-current')).toHaveText(`Team workspace: ${database} on ${cluster.host}:${cluster.port}, as ${cluster.user}.`);
  await app.shot(page, 'settings-team-workspace');
  // A Master Administrator of the team makes Bob's account (the Administrators page comes with the technicians issue).
  await app.bridge.core.auth.createAdministrator({ name: 'Bob Smit', email: 'bob@example-msp.nl', password: STRONG_PASSWORD, role: 'admin', mustChangePassword: false });
  await app.bridge.core.psa.connect(simCredentials(sim, 'autotask'));

  // Bob's workstation: its own core and data folder, its own browser.
  const bobDir = mkdtempSync(join(tmpdir(), 'msp-roster-e2e-bob-'));
  const bobBridge = await startBrowserBridge({ dataDir: bobDir, rendererDir: join(ROOT, 'out/renderer'), bridgeClientFile: join(ROOT, 'out/bridge/client.js'), signInFailureDelayMs: 300, passwordHashCost: TEST_PASSWORD_HASH_COST, psaHttp: FAST_RETRIES });
  const bobContext = await browser.newContext();
  try {
    const bob = await bobContext.newPage();
    await bob.goto(bobBridge.newUrl());
    await expect(bob.getByRole('heading', { name: 'Welcome to MSP Roster' })).toBeVisible();
    await bob.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Join a team workspace' }).click();
    await fillTeamConnection(bob, database);
    await expect(bob.getByRole('dialog').getByRole('status')).toContainText('This is a team workspace with 2 administrators: you can join it.');
    await app.scan(bob, 'join-team');
    await bob.getByRole('dialog').getByRole('button', { name: 'Join' }).click();
    await expect(bob.getByRole('navigation', { name: 'Workspace' })).toContainText(`Workspace: ${database} on ${cluster.host}`);
    await signIn(bob, 'bob@example-msp.nl', STRONG_PASSWORD);
    const bobNav = bob.getByRole('navigation', { name: 'Main navigation' });
    const bobGrid = bob.getByRole('grid', { name: 'Managed companies' });
    await expect(bobGrid.getByText('Bakker Installatie B.V.')).toBeVisible();
    await bobBridge.core.psa.connect(simCredentials(sim, 'autotask'));

    // Mira starts importing: Bob is locked out, with her name.
    await nav.getByRole('button', { name: 'PSA import' }).click();
    await page.getByRole('button', { name: 'Import from Datto Autotask' }).click();
    await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('grid', { name: 'Companies in Datto Autotask' })).toBeVisible();
    await bobNav.getByRole('button', { name: 'PSA import' }).click();
    const bobCard = bob.getByRole('region', { name: 'Datto Autotask' });
    await expect(bobCard.getByRole('status')).toContainText(/Locked by Mira Jansen since .+: they are importing from Datto Autotask/);
    await app.shot(bob, 'team-locked-out');
    await bobCard.getByRole('button', { name: 'Import from Datto Autotask' }).click();
    await expect(bob.getByRole('status').filter({ hasText: 'Locked by Mira Jansen since' })).toBeVisible();

    // Bob looks at the managed companies while Mira imports; her import appears there without a reload.
    await bobNav.getByRole('button', { name: 'Managed companies' }).click();
    await expect(bobGrid.getByText('Bakker Installatie B.V.')).toBeVisible();
    const imported = sim.data.companies.find((company) => !company.ownOrganisation && company.active && !company.deleted)!.name;
    await expect(bobGrid.getByText(imported, { exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('button', { name: 'Import and map' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(bobGrid.getByText(imported, { exact: true })).toBeVisible({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Done' }).click();

    // Bob's wizard, where he left it: the lock is free again (told without a reload), and his download starts.
    await bobNav.getByRole('button', { name: 'PSA import' }).click();
    await expect(bob.getByRole('form', { name: 'Filter' })).toBeVisible();
    await expect(bob.getByRole('status').filter({ hasText: 'Locked by' })).toHaveCount(0);
    await bob.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
    await expect(bob.getByRole('grid', { name: 'Companies in Datto Autotask' })).toBeVisible();
    expect(await app.bridge.core.locks.holder('autotask')).toMatchObject({ holderName: 'Bob Smit' });
    await app.shot(bob, 'team-lock-free');
  } finally {
    await bobContext.close();
    await bobBridge.close();
    rmSync(bobDir, { recursive: true, force: true });
  }
});

test('a team workspace is created from the first-run screen, after Test connection names what is wrong', async ({ app, page }) => {
  const database = await cluster.createDatabase('created');
  await app.open();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toContainText('Workspace: local');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Create a team workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a team workspace' });
  // Nothing typed: every required field says so, by name.
  await dialog.getByRole('button', { name: 'Create and open' }).click();
  await expect(dialog.getByText('Fill this in.')).toHaveCount(2);
  await fillTeamConnection(page, database);
  await dialog.getByLabel('Database password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The server refused the user name or password.');
  await dialog.getByLabel('Port').fill('1');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The PostgreSQL server does not answer at that host and port.');
  await app.shot(page, 'create-team-unreachable');
  await dialog.getByLabel('Port').fill(String(cluster.port));
  await dialog.getByLabel('Database password').fill(cluster.password);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText('The database is empty');
  const admin = dialog.getByRole('group', { name: 'First Master Administrator' });
  await admin.getByLabel('Name').fill('Mira Jansen');
  await admin.getByLabel('Email address').fill('mira@example-msp.nl');
  await admin.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await admin.getByLabel('Confirm password').fill(STRONG_PASSWORD);
  await app.shot(page, 'create-team');
  await dialog.getByRole('button', { name: 'Create and open' }).click();
  // Signed in on the new team workspace as its first Master Administrator.
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `This workstation now works in ${database} @ ${cluster.host}.` })).toBeVisible();
  expect(app.bridge.core.workspace.kind).toBe('postgres');
  expect((await cluster.sql(database, 'SELECT name, role FROM administrators')).rows).toEqual([{ name: 'Mira Jansen', role: 'master_admin' }]);
});

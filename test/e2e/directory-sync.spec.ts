/**
 * Settings → Directory sync as a Master Administrator, against a real OpenLDAP slapd holding AD-shaped entries (LDAPS
 * with a throwaway CA): a refused and a good Test connection, the connection saved, a pair chosen from the directory's
 * groups, the default password, a dry run that writes nothing, a sync that creates the technicians (the disabled user
 * disabled), the sync log with a run's entries and its CSV export (no secret in it), and a service token shown once.
 * Then the same screen in Dutch at 1024×640, walked by keyboard to the Proefrun.
 */
import Papa from 'papaparse';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { tabTo } from '../support/keyboard';
import { adGroup, adUser } from '../support/ldap/ad-fixture';
import type { LdapEntry } from '../support/ldap/ldif';
import { DEFAULT_BASE_DN, startSlapd, type Slapd } from '../support/ldap/slapd';
import { createFirstAdmin } from '../support/ui-flows';

const ADMIN = { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD };
const DEFAULT_PASSWORD = 'Welcome-Cedar-Harbour-2026';
const PEOPLE = `ou=People,${DEFAULT_BASE_DN}`;
const GROUPS = `ou=Groups,${DEFAULT_BASE_DN}`;

const ann = adUser({ ou: PEOPLE, cn: 'Ann Admin', displayName: 'Ann de Vries', mail: 'ann@example.com' });
const bob = adUser({ ou: PEOPLE, cn: 'Bob Night', mail: 'bob@example.com' });
const cas = adUser({ ou: PEOPLE, cn: 'Cas Off', mail: 'cas@example.com', disabled: true });
const dirk = adUser({ ou: PEOPLE, cn: 'Dirk Bakker', mail: 'dirk@example.com' });
const olga = adUser({ ou: PEOPLE, cn: 'Olga Outside', mail: 'olga@example.com' });
const NIGHT_SHIFT = adGroup({ ou: GROUPS, cn: 'Night Shift', members: [bob.dn, cas.dn], description: 'Nights and weekends' });
const SERVICE_DESK = adGroup({ ou: GROUPS, cn: 'Service Desk', members: [ann.dn, dirk.dn, NIGHT_SHIFT.dn], description: 'First line' });
/** Service Desk holds Ann, Dirk and (nested) Night Shift with Bob and Cas, who is disabled; Olga is in no group. */
const SEED: readonly LdapEntry[] = [ann, bob, cas, dirk, olga, NIGHT_SHIFT, SERVICE_DESK];

async function openDirectorySync(page: Page, navLabel: string, heading: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: navLabel, exact: true }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

test('directory sync: connection tested and saved, a pair, the default password, a dry run, a sync, the sync log and its CSV, a service token', async ({ app, page }) => {
  test.setTimeout(90_000);
  const slapd: Slapd = await startSlapd({ seed: SEED });
  const exportDir = mkdtempSync(join(tmpdir(), 'msp-roster-sync-log-'));
  try {
    await app.open();
    await createFirstAdmin(page, ADMIN);
    const setup = { sessionKey: 'e2e-setup' };
    await app.bridge.core.auth.signIn(setup, { email: ADMIN.email, password: ADMIN.password });
    const desk = await app.bridge.core.org.createGroup(setup, { name: 'Service desk', parentId: null });
    await app.bridge.core.org.createGroup(setup, { name: 'Field engineers', parentId: null });

    await openDirectorySync(page, 'Directory sync', 'Directory sync');
    const connection = page.getByRole('region', { name: 'Connection' });
    await connection.getByLabel('Directory', { exact: true }).selectOption({ label: 'Active Directory' });
    await connection.getByLabel('Server', { exact: true }).fill(slapd.host);
    await connection.getByLabel('Security', { exact: true }).selectOption({ label: 'LDAPS (TLS from the start)' });
    await connection.getByLabel('Port', { exact: true }).fill(String(slapd.ldapsPort));
    await connection.getByLabel('CA certificate (optional)').fill(slapd.caPem);
    await connection.getByLabel('Bind DN', { exact: true }).fill(slapd.bindDn);
    const bindPassword = connection.getByLabel('Bind password', { exact: true });
    await bindPassword.fill('Not-The-Password-1');
    await connection.getByLabel('Base DN', { exact: true }).fill(slapd.baseDn);

    // A wrong bind password: the directory's refusal in words, and nothing saved.
    await connection.getByRole('button', { name: 'Test connection' }).click();
    await expect(connection.getByRole('alert')).toContainText('The directory refused the bind DN or password. Check both (an expired or locked service account fails here too).');
    expect((await app.bridge.core.directorySync.settings(setup)).config.connection).toBeNull();

    await bindPassword.fill(slapd.bindPassword);
    await connection.getByRole('button', { name: 'Test connection' }).click();
    await expect(connection.getByText(/^Connected (to .+ )?in [\d.]+ s\.$/)).toBeVisible();
    await expect(connection.getByText(/^Found under the base DN: \d+ users? and \d+ groups?\.$/)).toBeVisible();
    await expect(connection.getByRole('alert')).toHaveCount(0);
    await app.shot(page, 'directory-sync-connection');

    // A pair: the directory group found in the directory, the technician group from the workspace.
    await page.getByRole('button', { name: 'Add pair' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a sync pair' });
    await dialog.getByLabel('Search directory groups').fill('desk');
    await dialog.getByRole('radio', { name: /^Service Desk/ }).check();
    await expect(dialog.getByRole('radio', { name: /^Night Shift/ })).toHaveCount(0);
    await dialog.getByRole('radio', { name: 'Service desk', exact: true }).check();
    await app.shot(page, 'directory-sync-add-pair');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    const pairs = page.getByRole('table', { name: 'Sync pairs' });
    await expect(pairs.getByRole('row', { name: /Service Desk.*Service desk/ })).toBeVisible();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Directory sync settings saved.')).toBeVisible();
    const saved = await app.bridge.core.directorySync.settings(setup);
    expect(saved.config.connection).toMatchObject({ kind: 'active-directory', host: slapd.host, port: slapd.ldapsPort, security: 'ldaps', bindDn: slapd.bindDn, baseDn: slapd.baseDn });
    expect(saved.config.pairs).toEqual([{ sourceDn: SERVICE_DESK.dn, sourceName: 'Service Desk', groupId: desk }]);
    expect(saved.bindPasswordSaved).toBe(true);
    await expect(bindPassword).toHaveValue('');

    // The default password for new technicians: set at once, never shown back.
    const newTechnicians = page.getByRole('region', { name: 'New technicians' });
    await expect(newTechnicians.getByText('No default password yet: the sync creates no technicians until one is set.')).toBeVisible();
    await newTechnicians.getByLabel('Default password', { exact: true }).fill(DEFAULT_PASSWORD);
    await newTechnicians.getByLabel('Confirm default password', { exact: true }).fill(DEFAULT_PASSWORD);
    await newTechnicians.getByRole('button', { name: 'Set default password' }).click();
    await expect(newTechnicians.getByText('A default password is set.')).toBeVisible();
    await expect(page.getByText('The default password for new technicians is set.')).toBeVisible();
    await expect(newTechnicians.getByRole('button', { name: 'Change default password' })).toBeDisabled();

    // Dry run: the four users of Service Desk (nested Night Shift included) would be created, Cas disabled; nothing written.
    const run = page.getByRole('region', { name: 'Run' });
    await run.getByRole('button', { name: 'Dry run' }).click();
    await expect(run.getByRole('heading', { name: 'Dry run: what a sync would do' })).toBeFocused();
    const counts = run.getByRole('list', { name: 'What the run counted' });
    await expect(counts.getByRole('listitem')).toHaveText(['4 users read', '4 created', '0 updated', '0 disabled', '0 unchanged', '0 problems']);
    const changes = run.getByRole('grid', { name: 'Changes' });
    for (const name of ['Ann de Vries', 'Bob Night', 'Cas Off', 'Dirk Bakker']) await expect(changes.getByRole('row', { name: new RegExp(`^Create ${name}`) })).toBeVisible();
    const casChanges = changes.getByRole('row', { name: /Cas Off/ }).getByRole('gridcell').filter({ hasText: 'status: disabled' });
    await expect(casChanges).toBeVisible();
    // Shown whole, not cut off: the row grows to fit what changes.
    expect(await casChanges.evaluate((cell) => cell.scrollHeight <= cell.clientHeight + 1 && cell.scrollWidth <= cell.clientWidth + 1)).toBe(true);
    await expect(changes.getByRole('row', { name: /Olga/ })).toHaveCount(0);
    await app.shot(page, 'directory-sync-dry-run');
    expect((await app.bridge.core.org.tree(setup)).technicians).toEqual([]);

    // Sync now: the same four, created; the disabled user disabled.
    await run.getByRole('button', { name: 'Sync now' }).click();
    await expect(run.getByRole('heading', { name: 'Sync finished' })).toBeFocused();
    await expect(counts.getByRole('listitem')).toHaveText(['4 users read', '4 created', '0 updated', '0 disabled', '0 unchanged', '0 problems']);
    // Nothing changed in the directory since the dry run read it: the sync compared with that read, and says so.
    await expect(run.getByText(/^The directory has not changed since it was read on .+, so the technicians were compared with that read\./)).toBeVisible();
    const technicians = (await app.bridge.core.org.tree(setup)).technicians.map(({ name, email, enabled, groupId }) => ({ name, email, enabled, groupId })).sort((a, b) => a.email.localeCompare(b.email));
    expect(technicians).toEqual([
      { name: 'Ann de Vries', email: 'ann@example.com', enabled: true, groupId: desk },
      { name: 'Bob Night', email: 'bob@example.com', enabled: true, groupId: desk },
      { name: 'Cas Off', email: 'cas@example.com', enabled: false, groupId: desk },
      { name: 'Dirk Bakker', email: 'dirk@example.com', enabled: true, groupId: desk },
    ]);

    // The sync log: both runs, the sync's entries, and the whole log as CSV.
    const log = page.getByRole('region', { name: 'Active Directory logging' });
    const runs = log.getByRole('grid', { name: 'Sync runs' });
    await expect(runs.getByRole('row').filter({ hasText: 'In the app' })).toHaveCount(2);
    const dryRow = runs.getByRole('row').filter({ hasText: 'Dry run' });
    const syncRow = runs.getByRole('row').filter({ hasText: 'In the app' }).filter({ hasNotText: 'Dry run' });
    await expect(dryRow).toContainText('4 created, 0 updated, 0 disabled, 0 problems');
    await expect(syncRow).toContainText('Succeeded');
    await syncRow.getByRole('button', { name: /^Show the run of / }).click();
    await expect(log.getByRole('heading', { name: /^Entries of the run of / })).toBeFocused();
    const entries = log.getByRole('grid', { name: /^Entries of the run of / });
    await expect(entries.getByRole('row').filter({ hasText: 'Change' })).toHaveCount(4);
    await expect(entries.getByRole('row', { name: /Dirk Bakker/ })).toBeVisible();
    await app.shot(page, 'directory-sync-log');

    const csvPath = join(exportDir, 'sync-log.csv');
    app.bridge.dialogs.answerNext('save', csvPath);
    await log.getByRole('button', { name: 'Export the whole log' }).click();
    await expect(log.getByText('Saved as sync-log.csv.')).toBeVisible();
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Started', 'Started by', 'Who', 'Run', 'Outcome', 'Entry', 'What', 'Name', 'Email address', 'Technician group', 'Changes', 'Directory entry']);
    const rows = parsed.data.map((row) => [row['Run'], row['Entry'], row['What'], row['Email address']].join(' | ')).sort();
    expect(rows).toEqual(
      ['Dry run', 'Sync'].flatMap((mode) => ['ann', 'bob', 'cas', 'dirk'].map((user) => `${mode} | Change | Created | ${user}@example.com`)),
    );
    expect(parsed.data.every((row) => row['Who'] === ADMIN.name && row['Started by'] === 'In the app' && row['Outcome'] === 'Succeeded')).toBe(true);
    expect(parsed.data.find((row) => row['Email address'] === 'dirk@example.com')?.['Directory entry']).toBe(dirk.dn);
    for (const secret of [slapd.bindPassword, DEFAULT_PASSWORD, ADMIN.password]) expect(csv).not.toContain(secret);

    // A service token: shown once, in its recognisable shape.
    const token = page.getByRole('region', { name: 'Service token' });
    await expect(token.getByText('No service token yet.')).toBeVisible();
    await token.getByRole('button', { name: 'Generate and copy' }).click();
    await expect(token.getByRole('status')).toContainText('It is shown only now');
    await expect(token.getByLabel('New service token')).toHaveValue(/^msr_sync_[A-Za-z0-9_-]{43}$/);
    await expect(token.getByText(/^Created .+ by Mira Jansen\. Not used yet\.$/)).toBeVisible();
    await app.shot(page, 'directory-sync-token');
    // No secret crossed back to the page in any answer.
    for (const secret of [slapd.bindPassword, DEFAULT_PASSWORD]) expect(app.responses.some((response) => response.body.includes(secret))).toBe(false);
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
    await slapd.stop();
  }
});

test('directory sync in Dutch at 1024×640: the keyboard reaches the Proefrun, and the counts are in Dutch', async ({ app, page }) => {
  test.setTimeout(60_000);
  const slapd: Slapd = await startSlapd({ seed: SEED });
  try {
    await page.setViewportSize({ width: 1024, height: 640 });
    await app.open();
    await createFirstAdmin(page, ADMIN);
    const setup = { sessionKey: 'e2e-setup' };
    await app.bridge.core.auth.signIn(setup, { email: ADMIN.email, password: ADMIN.password });
    const desk = await app.bridge.core.org.createGroup(setup, { name: 'Servicedesk', parentId: null });
    await app.bridge.core.directorySync.save(setup, {
      config: {
        connection: { kind: 'active-directory', host: slapd.host, port: slapd.ldapsPort, security: 'ldaps', caCertificate: slapd.caPem, bindDn: slapd.bindDn, baseDn: slapd.baseDn, disabledAttribute: null, disabledValue: '' },
        pairs: [{ sourceDn: SERVICE_DESK.dn, sourceName: 'Service Desk', groupId: desk }],
        schedule: { everyMinutes: null },
        newTechnicianLicenses: { standard: true, mobile: false },
      },
      bindPassword: slapd.bindPassword,
    });
    await app.bridge.core.directorySync.setDefaultPassword(setup, DEFAULT_PASSWORD);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Nederlands' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await openDirectorySync(page, 'Directorysynchronisatie', 'Directorysynchronisatie');

    // From the Uitvoeren heading's section, by keyboard only: Tab to Proefrun, Enter.
    await page.getByRole('region', { name: 'Uitvoeren' }).getByRole('heading', { name: 'Uitvoeren' }).click();
    await tabTo(page, 'Proefrun', { role: 'button' });
    await page.keyboard.press('Enter');
    const run = page.getByRole('region', { name: 'Uitvoeren' });
    await expect(run.getByRole('heading', { name: 'Proefrun: wat een synchronisatie zou doen' })).toBeFocused();
    await expect(run.getByRole('list', { name: 'Wat de run heeft geteld' }).getByRole('listitem')).toHaveText([
      '4 gebruikers gelezen',
      '4 aangemaakt',
      '0 bijgewerkt',
      '0 uitgeschakeld',
      '0 ongewijzigd',
      '0 problemen',
    ]);
    await expect(run.getByRole('grid', { name: 'Wijzigingen' }).getByRole('row', { name: /Cas Off/ })).toBeVisible();
    await app.shot(page, 'directory-sync-nl-1024');
    // A second dry run, by keyboard again (back up from the result to the button): the directory has not changed
    // since the first read it, and the screen says so in Dutch.
    await tabTo(page, 'Proefrun', { role: 'button', backwards: true });
    await page.keyboard.press('Enter');
    await expect(run.getByText(/^De directory is niet gewijzigd sinds het lezen op .+; de technici zijn daarom met die gegevens vergeleken\./)).toBeVisible();
    await app.shot(page, 'directory-sync-nl-unchanged');
    expect((await app.bridge.core.org.tree(setup)).technicians).toEqual([]);
  } finally {
    await slapd.stop();
  }
});

import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { listChannels } from '../../shared/ipc/contract';
import { DEFAULT_SIM_CREDENTIALS } from '../fakes/psa-sim/server';
import { createFirstAdmin, fillConnectionForm, signIn } from '../support/ui-flows';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The forms a leaked secret could take in a file or a response. */
function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret, 'utf16le').toString('latin1'), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)];
}

/** The Autotask secret the simulator expects, typed into the Connect form once. */
const sentinel = `SENTINEL-${randomUUID()}`;
test.use({ simOptions: { seed: 5, companies: 60, contactsPerCompany: 2, credentials: { ...DEFAULT_SIM_CREDENTIALS, autotask: { ...DEFAULT_SIM_CREDENTIALS.autotask, secret: sentinel } } } });

test('a PSA secret appears in no IPC response, DOM, browser storage, log line or data file', async ({ app, page, context, sim }) => {
  const otherSecret = `SENTINEL-B-${randomUUID()}`;
  expect((await app.bridge.core.vault.set('psa/other/secret', otherSecret)).persisted).toBe(true);

  const doms: string[] = [];
  const visit = async (target: Page) => doms.push(await target.content());

  await app.open();
  await visit(page);
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await visit(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });

  // The secret crosses once, renderer → main, when the form is saved; then the form is gone.
  await nav.getByRole('button', { name: 'PSA import' }).click();
  const autotask = page.getByRole('region', { name: 'Datto Autotask' });
  await autotask.getByRole('button', { name: 'Connect' }).click();
  const at = sim.credentials.autotask;
  await fillConnectionForm(page, { 'API username': at.username, Secret: sentinel, 'API integration code (tracking identifier)': at.integrationCode }, sim.url);
  await autotask.getByRole('button', { name: 'Save and connect' }).click();
  await expect(autotask.getByText('Connected', { exact: true })).toBeVisible();
  await visit(page);
  await autotask.getByRole('button', { name: 'Test connection' }).click();
  await expect(autotask.getByRole('status')).toContainText('companies are visible');
  await visit(page);
  for (const area of ['Managed companies', 'PSA import', 'Technicians', 'Directory sync', 'Settings']) {
    await nav.getByRole('button', { name: area }).click();
    await expect(nav.getByRole('button', { name: area })).toHaveAttribute('aria-current', 'page');
    await visit(page);
  }
  await expect(page.getByTestId('vault-status')).toBeVisible();
  await page.getByLabel('Language', { exact: true }).selectOption('nl');
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  await visit(page);
  await page.getByLabel('Taal', { exact: true }).selectOption('en');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visit(page);
  await signIn(page, 'mira@example-msp.nl', 'wrong-password-here');
  await expect(page.getByRole('alert')).toBeVisible();
  await visit(page);
  await signIn(page, 'mira@example-msp.nl', STRONG_PASSWORD);
  await expect(nav).toBeVisible();
  await visit(page);

  // Every call the page can make, answered by the real registrar.
  const everyCall = await page.evaluate(async () => {
    const api = window.api;
    return JSON.stringify(
      await Promise.all([
        api.app.info(),
        api.auth.status(),
        api.auth.passwordPolicy(),
        api.settings.getPreferences(),
        api.vault.status(),
        api.auth.changePassword({ currentPassword: 'not-it', newPassword: 'whatever-else-1' }),
        api.auth.createFirstAdmin({ name: 'Again', email: 'again@example.com', password: 'Harbour-Lantern-Quiet-49!' }),
        api.psa.connections(),
        api.psa.test({ psa: 'autotask', credentials: null }),
        api.psa.filterAttributes({ psa: 'autotask' }),
        api.psa.disconnect({ psa: 'connectwise' }),
        api.psa.connect({ credentials: { psa: 'connectwise', site: '', companyId: '', publicKey: '', privateKey: '', clientId: '', apiBaseUrl: '' } }),
        api.directory.createCompany({ name: 'Sentinel Check B.V.' }),
        api.directory.listCompanies(),
        api.settings.licenses(),
        api.settings.setLicenseSeats({ seats: 50 }),
        api.directory.users({ managedCompanyId: 'none' }),
        api.directory.removeCompany({ id: 'no-such-company' }),
        api.import.lastFilter({ psa: 'autotask' }),
        api.import.reconciliation({ sessionId: 'none' }),
        api.import.contacts({ sessionId: 'none', psaCompanyId: '1', managedCompanyId: null }),
        api.import.apply({ sessionId: 'none', plan: { companies: [] } }),
        api.locks.holder({ psa: 'autotask' }),
        api.locks.forceRelease({ psa: 'connectwise' }),
      ]),
    );
  });
  // A whole fetch, with its progress events, through the bridge (the wizard's path; the next run replaces this session).
  const fetched = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const off = window.api.on('fetchFinished', (event) => {
          off();
          resolve(JSON.stringify(event));
        });
        void window.api.import.start({ psa: 'autotask', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } });
      }),
  );
  expect(JSON.parse(fetched)).toMatchObject({ outcome: 'completed', companies: sim.data.companies.filter((c) => !c.deleted).length });
  // An import wizard run: lock, download, cancel.
  const wizard = await page.evaluate(async () => {
    const started = await window.api.import.start({ psa: 'autotask', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } });
    if (!started.ok || started.value.outcome !== 'started') return JSON.stringify(started);
    return JSON.stringify([started, await window.api.import.cancel({ sessionId: started.value.sessionId })]);
  });
  expect(wizard).toContain('"outcome":"started"');

  const storage = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    indexedDb: JSON.stringify(await indexedDB.databases()),
    caches: JSON.stringify(await caches.keys()),
  }));
  const cookies = JSON.stringify(await context.cookies());

  // The secrets are really there, in main: the checks below could fail.
  expect(JSON.parse((await app.bridge.core.vault.get('psa/autotask'))!)).toMatchObject({ secret: sentinel });
  expect(await app.bridge.core.vault.get('psa/other/secret')).toBe(otherSecret);
  expect(new Set(app.responses.map((response) => response.channel))).toEqual(new Set(listChannels().map((entry) => entry.name)));
  const files = filesUnder(app.dataDir);
  expect(files.map((file) => file.slice(app.dataDir.length))).toEqual(expect.arrayContaining(['/vault.json', '/workspace.sqlite', '/logs/main.log', '/preferences.json']));

  const places: Array<[string, string]> = [
    ...app.responses.map((response, index): [string, string] => [`IPC response ${index} (${response.channel})`, response.body]),
    ['every channel called from the page', everyCall],
    ...doms.map((dom, index): [string, string] => [`DOM of screen ${index}`, dom]),
    ['localStorage', storage.local],
    ['sessionStorage', storage.session],
    ['IndexedDB', storage.indexedDb],
    ['CacheStorage', storage.caches],
    ['cookies', cookies],
    ['console', app.consoleLines.join('\n')],
    ...files.map((file): [string, string] => [`file ${file}`, readFileSync(file).toString('latin1')]),
  ];
  for (const [where, text] of places) {
    for (const secret of [sentinel, otherSecret]) for (const form of encodings(secret)) expect(text.includes(form), `secret found in ${where}`).toBe(false);
  }
});

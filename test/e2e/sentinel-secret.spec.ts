import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { autotaskHeaders } from '../../electron/main/psa/autotask/autotask-client';
import { connectwiseHeaders } from '../../electron/main/psa/connectwise/connectwise-client';
import { eventChannelName, listChannels } from '../../shared/ipc/contract';
import type { PsaKind } from '../../shared/psa/kinds';
import { echoCredentialsBody } from '../fakes/psa-sim/fault-responses';
import type { Fault } from '../fakes/psa-sim/model';
import { DEFAULT_SIM_CREDENTIALS } from '../fakes/psa-sim/server';
import { findLeak, unguessable } from '../support/secret-leaks';
import { createFirstAdmin, fillConnectionForm, signIn } from '../support/ui-flows';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The forms a leaked secret could take in a file or a response. */
function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret, 'utf16le').toString('latin1'), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

/** Fails listing every place where any secret shows, whole or in pieces (secret-leaks.ts), and in which form. */
function expectNowhere(places: ReadonlyArray<readonly [string, string]>, secrets: Readonly<Record<string, string>>): void {
  const found: string[] = [];
  for (const [where, text] of places) {
    for (const [name, secret] of Object.entries(secrets)) {
      const form = encodings(secret).find((encoded) => text.includes(encoded));
      const leak = form === undefined ? findLeak(text, secret) : 'whole';
      if (leak) found.push(`${name} in ${where}: ${leak}`);
    }
  }
  expect(found, 'secrets found').toEqual([]);
}

/** The Autotask secret the simulator expects, typed into the Connect form once; quotes, backslash and `+` so JSON and URL encodings differ from it. */
const sentinel = `SENTINEL-"\\+${unguessable()}`;
/** The ConnectWise private key: also inside the Basic value, base64(`company+public:private`). */
const privateKey = `CWKEY/"+${unguessable()}`;
const cwCredentials = { ...DEFAULT_SIM_CREDENTIALS.connectwise, privateKey };
const basicValue = connectwiseHeaders(cwCredentials)['Authorization']!;
const credentialSecrets = { 'Autotask secret': sentinel, 'ConnectWise private key': privateKey, 'base64(company+public:private), the Basic value': basicValue.slice('Basic '.length) };
test.use({
  simOptions: { seed: 5, companies: 60, contactsPerCompany: 2, credentials: { autotask: { ...DEFAULT_SIM_CREDENTIALS.autotask, secret: sentinel }, connectwise: cwCredentials } },
  // The log echoed to stderr is one more place to look.
  bridgeOptions: { echoLog: true },
});

/** Error details quote this many characters of a PSA's body (issue 8). */
const QUOTED = 300;

/** Filler that puts the first echoed credential across the edge where the app cuts its quote of the body. */
function straddlingLead(api: PsaKind, value: string): number {
  const headers = Object.fromEntries(Object.entries(api === 'autotask' ? autotaskHeaders({ ...DEFAULT_SIM_CREDENTIALS.autotask, secret: sentinel }) : connectwiseHeaders(cwCredentials)).map(([name, header]) => [name.toLowerCase(), header]));
  const at = JSON.stringify(echoCredentialsBody(api, headers, 0)).indexOf(value);
  expect(at).toBeGreaterThan(0);
  return Math.max(0, QUOTED - 10 - at);
}

test('a PSA secret appears in no IPC response, DOM, browser storage, log line or data file', async ({ app, page, context, sim }) => {
  const otherSecret = `SENTINEL-B-${unguessable()}`;
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
  for (const area of ['Managed companies', 'PSA import', 'Import history', 'Technicians', 'Directory sync', 'Settings']) {
    await nav.getByRole('button', { name: area, exact: true }).click();
    await expect(nav.getByRole('button', { name: area, exact: true })).toHaveAttribute('aria-current', 'page');
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
  const everyCall = await page.evaluate(async (secret) => {
    const api = window.api;
    // Nothing listens on port 1: every team-workspace call fails to connect, with the secret typed as the database password.
    const nowhere = { host: '127.0.0.1', port: 1, database: 'msp_roster', user: 'roster', tls: 'disable', caFile: null } as const;
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
        api.locks.status({ psa: 'autotask' }),
        api.locks.forceRelease({ psa: 'connectwise' }),
        api.history.list(),
        api.history.detail({ id: 'no-such-import' }),
        api.history.changes({ id: 'no-such-import' }),
        api.history.undo({ id: 'no-such-import' }),
        api.psa.storedFields({ psa: 'connectwise' }),
        api.import.retryFailed({ sessionId: 'none' }),
        api.import.kept(),
        api.import.resume({ snapshotId: 'none' }),
        api.import.saveDraft({ sessionId: 'none', draft: { selected: {}, companies: {}, users: {}, notes: {} } }),
        api.psa.countCompanies({ psa: 'autotask', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } }),
        api.workspace.status(),
        api.workspace.test({ connection: nowhere, password: secret }),
        api.workspace.join({ connection: nowhere, password: secret }),
        api.workspace.createTeam({ connection: nowhere, password: secret, admin: { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: 'Harbour-Lantern-Quiet-49!' } }),
        api.workspace.moveToTeam({ connection: nowhere, password: secret }),
        api.workspace.forget({ key: 'team:roster@127.0.0.1:1/msp_roster' }),
        api.workspace.useLocal(),
      ]),
    );
  }, sentinel);
  // The organisation's channels, one after another (a technician needs its group first), with the secret typed as
  // every password: a technician's, a new one, an administrator's, and inside an imported file.
  const orgCalls = await page.evaluate(async (secret) => {
    const api = window.api;
    const group = await api.org.createGroup({ name: 'Sentinel desk', parentId: null });
    const groupId = group.ok ? group.value.id : 1;
    const fields = { name: 'Sentinel Tech', nickname: 'Senti', email: 'senti@example-msp.nl', ssoId: '', description: '', enabled: true, standardLicense: true, mobileLicense: false };
    const technician = await api.org.createTechnician({ ...fields, groupId, password: secret });
    const technicianId = technician.ok ? technician.value.id : 'none';
    const file = `Name,Nickname,Email,Single sign-on ID,Description,Password,Enabled,Standard license,Mobile license,Technician group ID\r\nFile Tech,,file@example-msp.nl,,,${secret},yes,no,no,\r\n`;
    return JSON.stringify([
      group,
      technician,
      await api.org.tree(),
      await api.org.technician({ id: technicianId }),
      await api.org.updateTechnician({ ...fields, id: technicianId, newPassword: secret }),
      await api.org.moveTechnician({ id: technicianId, groupId }),
      await api.org.updateGroup({ id: groupId, name: 'Sentinel desk', description: '', rights: ['companies:view'] }),
      await api.org.moveGroup({ id: groupId, parentId: null }),
      await api.org.licenses(),
      await api.org.setLicenseSeats({ standard: 20, mobile: 5 }),
      await api.org.settings(),
      await api.org.setSettings({ passwordPolicy: { minLength: 10, minScore: 3, adminChangesForceChange: true }, org: { showGroupsOnlyToAssigned: false } }),
      await api.org.createAdministrator({ name: 'Sentinel Admin', email: 'sentinel-admin@example-msp.nl', password: secret, role: 'admin', groupIds: [groupId] }),
      await api.org.administrators(),
      await api.org.updateAdministrator({ id: 'no-such-admin', role: 'admin', enabled: true, groupIds: [] }),
      await api.org
        .checkTechnicianFile({ fileName: 'technicians.csv', contentBase64: btoa(file), delimiter: ',' })
        .then((checked) => (checked.ok ? api.org.importTechnicians({ checkId: checked.value.checkId, targetGroupId: groupId }) : checked)),
      await api.org.cancelTechnicianImport(),
      await api.org.deleteGroup({ id: 999_999 }),
    ]);
  }, sentinel);
  expect(orgCalls).toContain('Sentinel Tech');
  // Directory sync's channels, with the secret as the bind password and the default password, against a directory
  // that does not answer (the runs fail and are logged: their messages must not carry the password either).
  const directoryCalls = await page.evaluate(async (secret) => {
    const api = window.api;
    const tree = await api.org.tree();
    const groupId = tree.ok ? (tree.value.groups[0]?.id ?? 1) : 1;
    const connection = { kind: 'active-directory' as const, host: '127.0.0.1', port: 1, security: 'ldaps' as const, caCertificate: null, bindDn: 'CN=svc-roster,DC=example,DC=com', baseDn: 'DC=example,DC=com', disabledAttribute: null, disabledValue: '' };
    const config = { connection, pairs: [{ sourceDn: 'CN=Desk,DC=example,DC=com', sourceName: 'Desk', groupId }], schedule: { everyMinutes: null }, newTechnicianLicenses: { standard: true, mobile: false } };
    const results: unknown[] = [
      await api.directorySync.save({ config, bindPassword: secret }),
      await api.directorySync.setDefaultPassword({ password: secret }),
      await api.directorySync.test({ connection, bindPassword: secret }),
      await api.directorySync.groups({ connection, bindPassword: null, search: '' }),
      await api.directorySync.dryRun(),
      await api.directorySync.syncNow(),
      await api.directorySync.cancel(),
    ];
    const runs = await api.directorySync.runs();
    results.push(runs);
    const runId = runs.ok ? (runs.value[0]?.id ?? 'none') : 'none';
    results.push(await api.directorySync.entries({ runId }), await api.directorySync.exportLog({ runId: null }), await api.directorySync.generateToken(), await api.directorySync.revokeToken(), await api.directorySync.settings());
    return JSON.stringify(results);
  }, sentinel);
  expect(directoryCalls).toContain('DIRECTORY_UNREACHABLE');
  expect(directoryCalls).toContain('"bindPasswordSaved":true');
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
  expect(JSON.parse(fetched)).toMatchObject({ outcome: 'completed', companies: sim.data.companies.filter((c) => !c.deleted && !c.ownOrganisation).length });
  // An import wizard run: lock, download, cancel.
  const wizard = await page.evaluate(async () => {
    const started = await window.api.import.start({ psa: 'autotask', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } });
    if (!started.ok || started.value.outcome !== 'started') return JSON.stringify(started);
    return JSON.stringify([started, await window.api.import.cancel({ sessionId: started.value.sessionId })]);
  });
  expect(wizard).toContain('"outcome":"started"');
  // A preview saved from an import (the bridge's save dialog answers in the data folder), opened, and every preview
  // channel called on it; the file is scanned below, decompressed.
  const previewCalls = await page.evaluate(async () => {
    const api = window.api;
    const draft = { selected: {}, companies: {}, users: {}, notes: {} };
    const finished = new Promise<void>((resolve) => {
      const off = api.on('fetchFinished', () => {
        off();
        resolve();
      });
    });
    const started = await api.import.start({ psa: 'autotask', filter: { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } });
    if (!started.ok || started.value.outcome !== 'started') return JSON.stringify(started);
    await finished;
    const saved = await api.preview.saveFromImport({ sessionId: started.value.sessionId, draft });
    await api.import.cancel({ sessionId: started.value.sessionId });
    const opened = await api.preview.open({ from: { kind: 'dialog' } });
    const reviewId = opened.ok && opened.value.outcome === 'opened' ? opened.value.preview.reviewId : 'none';
    const results: unknown[] = [saved, opened, await api.preview.recent(), await api.preview.reconciliation({ reviewId }), await api.preview.contacts({ reviewId, psaCompanyId: 'x' })];
    results.push(await api.preview.save({ reviewId, draft }), await api.preview.refresh({ reviewId }), await api.preview.export({ reviewId, draft, format: 'html' }));
    const check = await api.preview.checkApply({ reviewId, draft });
    results.push(check);
    if (check.ok && check.value.outcome === 'started') results.push(await api.import.cancel({ sessionId: check.value.sessionId }));
    results.push(await api.preview.close({ reviewId }));
    return JSON.stringify(results);
  });
  expect(previewCalls).toContain('"outcome":"saved"');
  expect(previewCalls).toContain('"outcome":"opened"');
  const previewFiles = filesUnder(join(app.dataDir, 'previews')).filter((file) => file.endsWith('.msp-preview'));
  expect(previewFiles.length).toBeGreaterThan(0);
  const previewTexts = previewFiles.map((file) => gunzipSync(readFileSync(file)).toString('utf8'));
  // (They do hold the download: a company's name, as JSON writes it; and the connection's account.)
  expect(previewTexts.join('')).toContain(JSON.stringify(sim.data.companies.find((company) => !company.deleted && !company.ownOrganisation)?.name ?? 'a company').slice(1, -1));

  // The downloads kept in the workspace (compressed, so the file scan below cannot read them): read back and scanned too.
  const admins = await app.bridge.core.workspace.read.rows(app.bridge.core.workspace.read.q.selectFrom('administrators').select('id'));
  const keptFor = async () => (await Promise.all(admins.map((admin) => app.bridge.core.snapshots.list(admin.id)))).flat();
  await expect.poll(async () => (await keptFor()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const snapshots = await Promise.all((await keptFor()).map(async (summary) => JSON.stringify(await app.bridge.core.snapshots.load(summary.id))));
  // (They do hold the download: a company's name, as JSON writes it.)
  expect(snapshots.join('')).toContain(JSON.stringify(sim.data.companies.find((company) => !company.deleted && !company.ownOrganisation)?.name ?? 'a company').slice(1, -1));

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
    ['the organisation’s channels', orgCalls],
    ['the preview channels', previewCalls],
    ...previewTexts.map((text, index): [string, string] => [`preview file ${index}, decompressed`, text]),
    ...snapshots.map((snapshot, index): [string, string] => [`kept download ${index}`, snapshot]),
    ...doms.map((dom, index): [string, string] => [`DOM of screen ${index}`, dom]),
    ['localStorage', storage.local],
    ['sessionStorage', storage.session],
    ['IndexedDB', storage.indexedDb],
    ['CacheStorage', storage.caches],
    ['cookies', cookies],
    ['console', app.consoleLines.join('\n')],
    ...app.events.map((event, index): [string, string] => [`event ${index} (${event.channel})`, event.payload]),
    ['stderr', app.stderr.join('')],
    ...files.map((file): [string, string] => [`file ${file}`, readFileSync(file).toString('latin1')]),
  ];
  expect(app.stderr.join('')).toContain('PSA connected');
  expectNowhere(places, { ...credentialSecrets, 'another vault secret': otherSecret });
});

test('a PSA error body that repeats the credentials shows them on no screen, in no event, export, log or stderr', async ({ app, page, sim }) => {
  const doms: string[] = [];
  const csvs: string[] = [];
  const visit = async () => doms.push(await page.content());
  // While a Connect form is open the page holds what was typed into it, so only the error is read then.
  const visitAlert = async (region: Locator) => doms.push(await region.getByRole('alert').evaluate((element) => element.outerHTML));
  const echo = (api: PsaKind, status: 401 | 500, lead: number) => {
    const fault: Fault = { kind: 'echo-credentials', status, lead };
    return sim.faults.add({ api, pathIncludes: api === 'autotask' ? '/companies/query' : '/company/companies', fault });
  };
  const atLead = straddlingLead('autotask', JSON.stringify(sentinel).slice(1, -1));
  const cwLead = straddlingLead('connectwise', basicValue.slice('Basic '.length));

  await app.open();
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('button', { name: 'PSA import' }).click();
  const autotask = page.getByRole('region', { name: 'Datto Autotask' });
  const connectwise = page.getByRole('region', { name: 'ConnectWise PSA' });

  // Typed credentials the vault has never seen: Test connection, then Save and connect, against a PSA that echoes them.
  const at = sim.credentials.autotask;
  await autotask.getByRole('button', { name: 'Connect' }).click();
  await fillConnectionForm(page, { 'API username': at.username, Secret: sentinel, 'API integration code (tracking identifier)': at.integrationCode }, sim.url);
  for (const lead of [0, atLead]) {
    const remove = echo('autotask', 401, lead);
    await autotask.getByRole('button', { name: 'Test connection' }).click();
    await expect(autotask.getByRole('alert')).toContainText('Request rejected');
    await visitAlert(autotask);
    await autotask.getByRole('button', { name: 'Save and connect' }).click();
    await expect(autotask.getByRole('alert')).toContainText('Authentication error');
    await visitAlert(autotask);
    remove();
  }
  await autotask.getByRole('button', { name: 'Save and connect' }).click();
  await expect(autotask.getByText('Connected', { exact: true })).toBeVisible();

  const cw = sim.credentials.connectwise;
  await connectwise.getByRole('button', { name: 'Connect' }).click();
  await fillConnectionForm(page, { 'Site (for example na.myconnectwise.net)': 'na.myconnectwise.net', 'Company ID': cw.companyId, 'Public key': cw.publicKey, 'Private key': privateKey, 'Client ID': cw.clientId }, sim.url);
  for (const lead of [0, cwLead]) {
    const remove = echo('connectwise', 401, lead);
    await connectwise.getByRole('button', { name: 'Test connection' }).click();
    await expect(connectwise.getByRole('alert')).toContainText('Request rejected');
    await visitAlert(connectwise);
    remove();
  }
  await connectwise.getByRole('button', { name: 'Save and connect' }).click();
  await expect(connectwise.getByText('Connected', { exact: true })).toBeVisible();

  // Stored credentials (now known to the log's redactor): Test connection and an import download that fail on an echo.
  for (const [psa, region, name, lead] of [
    ['autotask', autotask, 'Datto Autotask', atLead],
    ['connectwise', connectwise, 'ConnectWise PSA', cwLead],
  ] as const) {
    const removeTestFault = echo(psa, 500, lead);
    await region.getByRole('button', { name: 'Test connection' }).click();
    await expect(region.getByRole('alert')).toContainText('Request rejected');
    await visit();
    removeTestFault();
    await page.getByRole('button', { name: `Import from ${name}` }).click();
    await expect(page.getByRole('form', { name: 'Filter' }).getByRole('group', { name: 'Company type' })).toBeVisible();
    const remove = echo(psa, 500, lead);
    await page.getByRole('form', { name: 'Filter' }).getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Errors' })).toContainText('Request rejected');
    await visit();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export results as CSV' }).click();
    csvs.push(readFileSync((await (await download).path())!, 'utf8'));
    remove();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('button', { name: `Import from ${name}` })).toBeVisible();
  }

  // The echoes really reached every place checked below, so the checks could fail.
  const stderr = app.stderr.join('');
  const logFile = readFileSync(join(app.dataDir, 'logs/main.log'), 'utf8');
  const failedFetches = app.events.filter((event) => event.channel === eventChannelName('fetchFinished') && event.payload.includes('Request rejected'));
  expect(failedFetches).toHaveLength(2);
  for (const csv of csvs) expect(csv).toContain('Request rejected');
  for (const text of [stderr, logFile]) expect(text).toContain('PSA connection test failed');
  expect(app.responses.filter((response) => response.body.includes('Request rejected')).length).toBeGreaterThanOrEqual(6);

  expectNowhere(
    [
      ...app.responses.map((response, index): [string, string] => [`IPC response ${index} (${response.channel})`, response.body]),
      ...app.events.map((event, index): [string, string] => [`event ${index} (${event.channel})`, event.payload]),
      ...doms.map((dom, index): [string, string] => [`DOM of screen ${index}`, dom]),
      ...csvs.map((csv, index): [string, string] => [`CSV export ${index}`, csv]),
      ['console', app.consoleLines.join('\n')],
      ['log file', logFile],
      ['stderr', stderr],
    ],
    credentialSecrets,
  );
});

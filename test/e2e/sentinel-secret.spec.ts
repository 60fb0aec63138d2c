import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, STRONG_PASSWORD, test } from '../support/app-fixture';
import { listChannels } from '../../shared/ipc/contract';
import { createFirstAdmin, signIn } from '../support/ui-flows';

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

test('a secret in the vault appears in no IPC response, DOM, browser storage, log line or data file', async ({ app, page, context }) => {
  const sentinel = `SENTINEL-${randomUUID()}`;
  const stored = await app.bridge.core.vault.set('psa/autotask/secret', sentinel);
  expect(stored.persisted).toBe(true);

  const doms: string[] = [];
  const visit = async (target: Page) => doms.push(await target.content());

  await app.open();
  await visit(page);
  await createFirstAdmin(page, { name: 'Mira Jansen', email: 'mira@example-msp.nl', password: STRONG_PASSWORD });
  await visit(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const area of ['Managed companies', 'PSA import', 'Technicians', 'Directory sync', 'Settings']) {
    await nav.getByRole('button', { name: area }).click();
    await expect(nav.getByRole('button', { name: area })).toHaveAttribute('aria-current', 'page');
    await visit(page);
  }
  await expect(page.getByTestId('vault-status')).toBeVisible();
  await page.getByLabel('Language').selectOption('nl');
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  await visit(page);
  await page.getByLabel('Taal').selectOption('en');
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
      ]),
    );
  });

  const storage = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    indexedDb: JSON.stringify(await indexedDB.databases()),
    caches: JSON.stringify(await caches.keys()),
  }));
  const cookies = JSON.stringify(await context.cookies());

  // The secret is really there, in main: the checks below could fail.
  expect(await app.bridge.core.vault.get('psa/autotask/secret')).toBe(sentinel);
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
    for (const form of encodings(sentinel)) expect(text.includes(form), `secret found in ${where}`).toBe(false);
  }
});

/**
 * The core as the app ships it: bundled by esbuild exactly as the Electron main
 * process is, then run in Node against a real SQLite file and the simulator.
 * Catches what only bundling breaks (ESM/CommonJS interop, dynamic requires).
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAIN_BUNDLE_OPTIONS, MAIN_WORKER_ENTRIES } from '../../scripts/bundle-options.mjs';
import { startPsaSimulator } from '../fakes/psa-sim/server';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('the bundled main-process core', () => {
  it('starts, migrates, signs in and connects a PSA', async () => {
    const root = resolve(import.meta.dirname, '../..');
    // Inside node_modules, so the bundle finds its external packages the way out/main/ does.
    const dir = mkdtempSync(join(root, 'node_modules', '.main-bundle-test-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `export { createCore } from '${root}/electron/main/core/create-core';`,
        `export { EphemeralCipher } from '${root}/electron/main/vault/ephemeral-cipher';`,
        `export { createConfStore } from '${root}/electron/main/preferences/conf-preferences';`,
        `export { createConnectorFactory } from '${root}/electron/main/psa/connector-factory';`,
        `export { fetchFromPsa } from '${root}/electron/main/psa/fetch-job';`,
        `export { pageDecodingMode } from '${root}/electron/main/psa/pages/page-decoder';`,
      ].join('\n'),
    );
    const outfile = join(dir, 'core.mjs');
    await build({ ...MAIN_BUNDLE_OPTIONS, entryPoints: [entry], outfile, logLevel: 'silent' });
    // The worker threads beside the bundle, as build-electron.mjs puts them beside out/main/index.mjs.
    for (const [name, workerEntry] of Object.entries(MAIN_WORKER_ENTRIES)) {
      await build({ ...MAIN_BUNDLE_OPTIONS, entryPoints: [join(root, workerEntry)], outfile: join(dir, `${name}.mjs`), logLevel: 'silent' });
    }
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import('../../electron/main/core/create-core') &
      typeof import('../../electron/main/vault/ephemeral-cipher') &
      typeof import('../../electron/main/preferences/conf-preferences') &
      typeof import('../../electron/main/psa/connector-factory') &
      typeof import('../../electron/main/psa/fetch-job') &
      typeof import('../../electron/main/psa/pages/page-decoder');

    const dataDir = tempDir();
    const core = await bundled.createCore({
      dataDir,
      host: 'electron',
      appVersion: '0.0.0-bundle',
      cipher: new bundled.EphemeralCipher(),
      settings: bundled.createConfStore(dataDir),
      allowedOrigins: ['app://bundle'],
      signInFailureDelayMs: 10,
    });
    const sim = await startPsaSimulator({ seed: 4, companies: 30, contactsPerCompany: 2 });
    try {
      const sender = { windowId: '1', frameUrl: 'app://bundle/index.html', origin: 'app://bundle', isTopFrame: true };
      const created = await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: 'Harbour-Lantern-Quiet-49!' }, sender);
      expect(created.ok).toBe(true);
      const connected = await core.registrar.invoke('psa:connect', { credentials: simCredentials(sim, 'autotask') }, sender);
      expect(connected).toMatchObject({ ok: true, value: { test: { outcome: 'connected' }, status: { configured: true } } });
      // A fetch's pages are decoded in the bundled page worker, not silently on the main thread.
      const everything = { companies: {}, companyActiveState: 'any', contacts: { activeOnly: false, withEmailOnly: false } } as const;
      for (const psa of ['autotask', 'connectwise'] as const) {
        const fetched = await bundled.fetchFromPsa(bundled.createConnectorFactory()(simCredentials(sim, psa)), everything);
        expect(fetched.contacts.length).toBeGreaterThan(0);
      }
      expect(bundled.pageDecodingMode()).toBe('worker');
    } finally {
      await sim.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

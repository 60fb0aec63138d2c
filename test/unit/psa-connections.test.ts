import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { startCore } from '../support/core';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 2, companies: 80, contactsPerCompany: 2 });
});
afterAll(() => sim.close());

describe('PSA connections', () => {
  it('store working credentials in the vault only, and show the renderer no secret', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir);
    const credentials = simCredentials(sim, 'autotask');
    const { test, status } = await core.psa.connect(credentials);
    expect(test).toMatchObject({ outcome: 'connected', companies: sim.data.companies.filter((c) => !c.deleted && !c.ownOrganisation).length });
    expect(status).toMatchObject({ psa: 'autotask', configured: true, accountHint: credentials.psa === 'autotask' ? credentials.username : '', persisted: true, lastError: null });
    expect(JSON.stringify(status)).not.toContain(sim.credentials.autotask.secret);
    expect(readFileSync(join(dataDir, 'preferences.json'), 'utf8')).not.toContain(sim.credentials.autotask.secret);
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).not.toContain(sim.credentials.autotask.secret);
    await core.close();
  });

  it('do not store credentials that fail, and say why', async () => {
    const core = await startCore(tempDir());
    const { test, status } = await core.psa.connect(simCredentials(sim, 'connectwise', { privateKey: 'wrong' }));
    expect(test).toMatchObject({ outcome: 'failed', error: { kind: 'authentication-error' } });
    expect(status.configured).toBe(false);
    expect(core.vault.has('psa/connectwise')).toBe(false);
    await core.close();
  });

  it('record the last error and the last successful check of stored credentials', async () => {
    const core = await startCore(tempDir());
    await core.psa.connect(simCredentials(sim, 'connectwise'));
    const remove = sim.faults.add({ api: 'connectwise', pathIncludes: '/count', fault: { kind: 'status', status: 500 } });
    expect(await core.psa.test('connectwise', null)).toMatchObject({ outcome: 'failed', error: { kind: 'psa-server-error' } });
    expect((await core.psa.status('connectwise')).lastError).toMatchObject({ kind: 'psa-server-error' });
    remove();
    expect(await core.psa.test('connectwise', null)).toMatchObject({ outcome: 'connected' });
    expect((await core.psa.status('connectwise')).lastError).toBeNull();
    await core.close();
  });

  it('an empty form is "credentials required" without any request; disconnect wipes the vault entry', async () => {
    const core = await startCore(tempDir());
    sim.stats.reset();
    expect(await core.psa.test('autotask', { psa: 'autotask', username: '', secret: '', integrationCode: '', apiBaseUrl: sim.url })).toMatchObject({
      outcome: 'failed',
      error: { kind: 'credentials-required' },
    });
    expect(sim.stats.requests).toHaveLength(0);
    await core.psa.connect(simCredentials(sim, 'autotask'));
    expect(core.vault.has('psa/autotask')).toBe(true);
    expect(await core.psa.disconnect('autotask')).toMatchObject({ configured: false, accountHint: null });
    expect(core.vault.has('psa/autotask')).toBe(false);
    await core.close();
  });
});

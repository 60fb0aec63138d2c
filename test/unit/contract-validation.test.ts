import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { listChannels } from '../../shared/ipc/contract';
import { appSender, startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';
import { countRows } from '../support/workspace-rows';

const tempDir = useTempDirs();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** A valid payload per channel, so each malformed variant differs from a good one in one way. */
const VALID: Record<string, unknown> = {
  'auth:createFirstAdmin': { name: 'Mira Jansen', email: 'mira@example.com', password: 'Harbour-Lantern-Quiet-49!' },
  'auth:signIn': { email: 'mira@example.com', password: 'whatever' },
  'auth:changePassword': { currentPassword: 'a', newPassword: 'b' },
  'settings:setLanguage': { language: 'nl' },
  'settings:setLicenseSeats': { seats: 25 },
  'psa:test': { psa: 'autotask', credentials: null },
  'psa:connect': { credentials: { psa: 'connectwise', site: 'na.myconnectwise.net', companyId: 'acme', publicKey: 'pub', privateKey: 'priv', clientId: 'id', apiBaseUrl: '' } },
  'psa:disconnect': { psa: 'connectwise' },
  'psa:filterAttributes': { psa: 'autotask' },
  'psa:storedFields': { psa: 'autotask' },
  'psa:countCompanies': { psa: 'autotask', filter: { companies: {}, companyActiveState: 'active', contacts: { activeOnly: true, withEmailOnly: true } } },
  'directory:createCompany': { name: 'Acme' },
  'directory:users': { managedCompanyId: 'c-1' },
  'import:lastFilter': { psa: 'autotask' },
  'import:start': { psa: 'autotask', filter: { companies: {}, companyActiveState: 'active', contacts: { activeOnly: true, withEmailOnly: true } } },
  'import:reconciliation': { sessionId: 's-1' },
  'import:contacts': { sessionId: 's-1', psaCompanyId: '1', managedCompanyId: null },
  'import:apply': { sessionId: 's-1', plan: { companies: [] } },
  'import:retryFailed': { sessionId: 's-1' },
  'import:cancel': { sessionId: 's-1' },
  'import:resume': { snapshotId: 's-1' },
  'import:saveDraft': { sessionId: 's-1', draft: { selected: {}, companies: {}, users: {}, notes: {} } },
  'locks:holder': { psa: 'autotask' },
  'locks:status': { psa: 'autotask' },
  'locks:forceRelease': { psa: 'autotask' },
  'directory:removeCompany': { id: 'c-1' },
  'history:detail': { id: 'cycle-1' },
  'history:changes': { id: 'cycle-1' },
  'history:undo': { id: 'cycle-1' },
};

function malformedVariants(valid: unknown): unknown[] {
  const variants: unknown[] = [42, 'text', [], true, { unexpected: 1 }];
  if (valid && typeof valid === 'object') {
    const entries = Object.entries(valid);
    variants.push({ ...valid, extra: 'not in the contract' });
    for (const [key, value] of entries) {
      variants.push({ ...valid, [key]: typeof value === 'number' ? 'not a number' : 12345 });
      variants.push(Object.fromEntries(entries.filter(([other]) => other !== key)));
    }
  }
  return variants;
}

describe('every channel validates its payload before anything runs', () => {
  for (const entry of listChannels()) {
    it(`${entry.name} rejects malformed payloads with VALIDATION_FAILED`, async () => {
      core = await startCore(tempDir());
      for (const payload of malformedVariants(VALID[entry.name])) {
        const result = await core.registrar.invoke(entry.name, payload, appSender());
        expect(result.ok, `${entry.name} accepted ${JSON.stringify(payload)}`).toBe(false);
        expect(!result.ok && result.error.code).toBe('VALIDATION_FAILED');
      }
      expect(await countRows(core.workspace.read, 'administrators')).toBe(0);
    });
  }

  it('offers no fetch outside an import session: psa:startFetch and psa:cancelFetch are gone', async () => {
    // A fetch started without the integration lock let a second administrator download while the first imported.
    core = await startCore(tempDir());
    await core.registrar.invoke('auth:createFirstAdmin', VALID['auth:createFirstAdmin'], appSender());
    expect(listChannels().map((entry) => entry.name)).not.toEqual(expect.arrayContaining(['psa:startFetch']));
    for (const [channel, payload] of [
      ['psa:startFetch', { psa: 'autotask', filter: { companies: {}, companyActiveState: 'active', contacts: { activeOnly: true, withEmailOnly: true } } }],
      ['psa:cancelFetch', { jobId: 'job-1' }],
    ] as const) {
      expect(await core.registrar.invoke(channel, payload, appSender()), channel).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('says which field is wrong, and why', async () => {
    core = await startCore(tempDir());
    const result = await core.registrar.invoke('auth:createFirstAdmin', { name: '', email: 'not-an-email', password: 'x' }, appSender());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { name: 'Enter a name', email: 'Enter a valid email address' } },
    });
  });

  it('accepts the valid payloads (the variants above fail for the reason tested, not by accident)', async () => {
    core = await startCore(tempDir());
    const first = await core.registrar.invoke('auth:createFirstAdmin', VALID['auth:createFirstAdmin'], appSender());
    expect(first.ok).toBe(true);
    expect((await core.registrar.invoke('settings:setLanguage', VALID['settings:setLanguage'], appSender())).ok).toBe(true);
  });
});

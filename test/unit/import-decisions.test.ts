/**
 * Decisions a technician makes with confidence (issue 9 §5), through the real core on real SQLite and the PSA
 * simulator: emails imported before from either PSA, renames in the PSA, companies gone from the PSA, the filter
 * step's count, and "Change credentials" keeping what was stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import type { ManagedCompany } from '../../shared/directory/schemas';
import type { ImportPlan, ImportResults } from '../../shared/import/plan';
import type { ImportContactRow, ReconciliationView } from '../../shared/import/session';
import { DEFAULT_PSA_FILTER, type PsaFilter } from '../../shared/psa/filters';
import type { PsaKind } from '../../shared/psa/kinds';
import { startPsaSimulator, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { appSender, callAs, startCore } from '../support/core';
import { addManagedUser } from '../support/workspace-rows';
import { simCredentials } from '../support/psa-sim';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
const WINDOW = 'A';
let sim: RunningPsaSimulator;
beforeAll(async () => {
  sim = await startPsaSimulator({ seed: 33, companies: 40, contactsPerCompany: 3 });
});
afterAll(() => sim.close());

async function ready(dataDir = tempDir()): Promise<Core> {
  const core = await startCore(dataDir);
  await core.registrar.invoke('auth:createFirstAdmin', { name: 'Mira', email: 'mira@example.com', password: PASSWORD }, appSender(WINDOW));
  await core.psa.connect(simCredentials(sim, 'autotask'));
  await core.psa.connect(simCredentials(sim, 'connectwise'));
  return core;
}

const call = <T,>(core: Core, channel: string, payload?: unknown): Promise<T> => callAs<T>(core, WINDOW, channel, payload);

async function download(core: Core, psa: PsaKind, filter: PsaFilter = DEFAULT_PSA_FILTER): Promise<{ sessionId: string; view: ReconciliationView }> {
  const started = await call<{ outcome: string; sessionId: string; jobId: string }>(core, 'import:start', { psa, filter });
  expect(started.outcome).toBe('started');
  for (let tries = 0; tries < 500 && !core.fetchJobs.result(core.callerOf(WINDOW), started.jobId); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  const view = await call<ReconciliationView>(core, 'import:reconciliation', { sessionId: started.sessionId });
  return { sessionId: started.sessionId, view };
}

/** Every company: mapped ones stay, namesakes map, the rest are created; `users` for each. */
function planOf(view: ReconciliationView, users: ImportPlan['companies'][number]['users'], extra: (psaCompanyId: string) => object = () => ({})): ImportPlan {
  return {
    companies: view.inPsa.map((row) => ({
      psaCompanyId: row.psaCompanyId,
      ...extra(row.psaCompanyId),
      action: row.managedCompany ? { kind: 'map' as const, managedCompanyId: row.managedCompany.id } : { kind: 'create' as const },
      users,
    })),
  };
}

describe('emails imported before, from either PSA', () => {
  it('a company imported from Autotask shows its users as known when ConnectWise is imported, and "previous" grants them', async () => {
    const core = await ready();
    const autotask = await download(core, 'autotask');
    await call<ImportResults>(core, 'import:apply', { sessionId: autotask.sessionId, plan: planOf(autotask.view, 'all') });

    const connectwise = await download(core, 'connectwise');
    // The same tenant behind both faces: every ConnectWise company has its Autotask namesake.
    const row = connectwise.view.inPsa.find((candidate) => candidate.status === 'possible-duplicate' && candidate.contacts > 0)!;
    expect(row).toBeDefined();
    const contacts = await call<ImportContactRow[]>(core, 'import:contacts', { sessionId: connectwise.sessionId, psaCompanyId: row.psaCompanyId, managedCompanyId: row.managedCompany!.id });
    const withEmail = contacts.filter((contact) => contact.email);
    expect(withEmail.length).toBeGreaterThan(0);
    expect(withEmail.map((contact) => [contact.match, contact.importedBefore])).toEqual(withEmail.map(() => ['same-email', true]));

    const results = await call<ImportResults>(core, 'import:apply', { sessionId: connectwise.sessionId, plan: planOf(connectwise.view, 'previous') });
    const granted = results.users.filter((user) => user.psaCompanyId === row.psaCompanyId);
    expect(granted.map((user) => user.outcome)).toEqual(withEmail.map(() => 'mapped'));
    expect(granted.map((user) => user.userId).sort()).toEqual(withEmail.map((contact) => contact.user!.id).sort());
    // Nobody new: the ConnectWise contacts are the Autotask users.
    expect(results.users.some((user) => user.outcome === 'imported')).toBe(false);
    await core.close();
  });

  it('a user created by hand with the same email is not "imported before"', async () => {
    const core = await ready();
    const first = await download(core, 'autotask');
    const row = first.view.inPsa.find((candidate) => candidate.contacts > 0)!;
    await call(core, 'import:apply', { sessionId: first.sessionId, plan: { companies: [{ psaCompanyId: row.psaCompanyId, action: { kind: 'create' }, users: [] }] } });
    const managedId = (await call<ManagedCompany[]>(core, 'directory:listCompanies'))[0]!.id;
    const again = await download(core, 'autotask');
    const contacts = await call<ImportContactRow[]>(core, 'import:contacts', { sessionId: again.sessionId, psaCompanyId: row.psaCompanyId, managedCompanyId: managedId });
    await core.workspace.transaction((tx) => addManagedUser(tx, { id: 'by-hand', companyId: managedId, name: 'By hand', email: contacts[0]!.email!, at: 'x' }));
    const after = await call<ImportContactRow[]>(core, 'import:contacts', { sessionId: again.sessionId, psaCompanyId: row.psaCompanyId, managedCompanyId: managedId });
    expect(after[0]).toMatchObject({ match: 'same-email', importedBefore: false, user: { id: 'by-hand' } });
    await call(core, 'import:cancel', { sessionId: again.sessionId });
    await core.close();
  });
});

describe('renames and deletions in the PSA', () => {
  it('a rename shows old → new; "Update the managed company\'s name" takes the new name; not asked, the name stays and the rename is no longer news', async () => {
    const core = await ready();
    const first = await download(core, 'autotask');
    await call(core, 'import:apply', { sessionId: first.sessionId, plan: planOf(first.view, []) });
    const [renamed, declined] = first.view.inPsa.slice(0, 2);
    sim.mutate([
      { op: 'rename', id: Number(renamed!.psaCompanyId), name: `${renamed!.name} Holding` },
      { op: 'rename', id: Number(declined!.psaCompanyId), name: `${declined!.name} Group` },
    ]);
    try {
      const second = await download(core, 'autotask');
      const rows = new Map(second.view.inPsa.map((row) => [row.psaCompanyId, row]));
      expect(rows.get(renamed!.psaCompanyId)).toMatchObject({ status: 'mapped', name: `${renamed!.name} Holding`, renamedFrom: renamed!.name, managedCompany: { name: renamed!.name } });
      expect(rows.get(declined!.psaCompanyId)).toMatchObject({ renamedFrom: declined!.name });
      expect(second.view.inPsa.filter((row) => row.renamedFrom !== null)).toHaveLength(2);
      await call(core, 'import:apply', { sessionId: second.sessionId, plan: planOf(second.view, [], (id) => (id === renamed!.psaCompanyId ? { updateName: true } : {})) });

      const names = new Map((await call<ManagedCompany[]>(core, 'directory:listCompanies')).map((company) => [company.id, company.name]));
      expect(names.get(rows.get(renamed!.psaCompanyId)!.managedCompany!.id)).toBe(`${renamed!.name} Holding`);
      expect(names.get(rows.get(declined!.psaCompanyId)!.managedCompany!.id)).toBe(declined!.name);
      const third = await download(core, 'autotask');
      expect(third.view.inPsa.filter((row) => row.renamedFrom !== null)).toEqual([]);
      await call(core, 'import:cancel', { sessionId: third.sessionId });
    } finally {
      sim.mutate([
        { op: 'rename', id: Number(renamed!.psaCompanyId), name: renamed!.name },
        { op: 'rename', id: Number(declined!.psaCompanyId), name: declined!.name },
      ]);
    }
    await core.close();
  });

  for (const psa of ['autotask', 'connectwise'] as const) {
    it(`${psa}: a mapped company deleted in the PSA is flagged after the next download, not one merely filtered out; restored, the flag goes`, async () => {
      const core = await ready();
      const first = await download(core, psa);
      await call(core, 'import:apply', { sessionId: first.sessionId, plan: planOf(first.view, []) });
      const [gone, kept] = first.view.inPsa;
      sim.mutate([{ op: 'delete', id: Number(gone!.psaCompanyId) }]);
      try {
        // A narrow filter: most mapped companies are only filtered out, and must not be flagged.
        const narrow = await download(core, psa, { ...DEFAULT_PSA_FILTER, companyActiveState: 'inactive' });
        expect(narrow.view.notInPsa.length).toBeGreaterThan(2);
        await core.imports.goneChecked(core.callerOf(WINDOW), narrow.sessionId);
        await call(core, 'import:cancel', { sessionId: narrow.sessionId });
        const flagged = (await call<ManagedCompany[]>(core, 'directory:listCompanies')).filter((company) => company.mappings.some((mapping) => mapping.goneFromPsa));
        expect(flagged.map((company) => company.mappings)).toEqual([[{ psa, psaCompanyId: gone!.psaCompanyId, goneFromPsa: true }]]);
        expect(flagged[0]!.lastImportedAt).not.toBeNull();
      } finally {
        sim.mutate([{ op: 'restore', id: Number(gone!.psaCompanyId) }]);
      }
      const back = await download(core, psa);
      await core.imports.goneChecked(core.callerOf(WINDOW), back.sessionId);
      await call(core, 'import:cancel', { sessionId: back.sessionId });
      const companies = await call<ManagedCompany[]>(core, 'directory:listCompanies');
      expect(companies.flatMap((company) => company.mappings).filter((mapping) => mapping.goneFromPsa)).toEqual([]);
      expect(kept).toBeDefined();
      await core.close();
    });
  }
});

describe('the filter step\'s count', () => {
  it('counts the companies a filter matches with one count request, as the download then finds; a newer count cancels an older one', async () => {
    const core = await ready();
    for (const psa of ['autotask', 'connectwise'] as const) {
      const filter: PsaFilter = { ...DEFAULT_PSA_FILTER, companyActiveState: 'active' };
      const counted = await call<{ outcome: string; count: number }>(core, 'psa:countCompanies', { psa, filter });
      const { sessionId, view } = await download(core, psa, filter);
      await call(core, 'import:cancel', { sessionId });
      expect(counted).toEqual({ outcome: 'counted', count: view.inPsa.length });
    }
    const slow = sim.faults.add({ api: 'autotask', pathIncludes: '/query/count', fault: { kind: 'latency', ms: 400 } });
    const [older, newer] = await Promise.all([
      call(core, 'psa:countCompanies', { psa: 'autotask', filter: DEFAULT_PSA_FILTER }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => call(core, 'psa:countCompanies', { psa: 'autotask', filter: { ...DEFAULT_PSA_FILTER, companyActiveState: 'any' } })),
    ]);
    slow();
    expect(older).toEqual({ outcome: 'superseded' });
    expect(newer).toMatchObject({ outcome: 'counted' });
    const broken = sim.faults.add({ api: 'connectwise', pathIncludes: '/count', fault: { kind: 'status', status: 500 } });
    expect(await call(core, 'psa:countCompanies', { psa: 'connectwise', filter: DEFAULT_PSA_FILTER })).toMatchObject({ outcome: 'failed', error: { kind: 'psa-server-error' } });
    broken();
    await core.close();
  });
});

describe('"Change credentials"', () => {
  it('shows the stored user name, site, company id and URL but never a secret; blank secrets keep the vault\'s; a new address needs them retyped', async () => {
    const dataDir = tempDir();
    const core = await ready(dataDir);
    const secrets = [sim.credentials.autotask.secret, sim.credentials.autotask.integrationCode, sim.credentials.connectwise.privateKey, sim.credentials.connectwise.publicKey];
    const autotask = await call(core, 'psa:storedFields', { psa: 'autotask' });
    const connectwise = await call(core, 'psa:storedFields', { psa: 'connectwise' });
    expect(autotask).toEqual({ psa: 'autotask', username: sim.credentials.autotask.username, apiBaseUrl: sim.url });
    expect(connectwise).toEqual({ psa: 'connectwise', site: 'na.myconnectwise.net', companyId: sim.credentials.connectwise.companyId, apiBaseUrl: sim.url });
    for (const secret of secrets) expect(JSON.stringify([autotask, connectwise])).not.toContain(secret);

    // Blank secrets: the stored ones are tested and kept.
    const blank = { psa: 'autotask', username: sim.credentials.autotask.username, secret: '', integrationCode: '', apiBaseUrl: sim.url };
    expect(await call(core, 'psa:test', { psa: 'autotask', credentials: blank })).toMatchObject({ outcome: 'connected' });
    const saved = await call<{ test: { outcome: string } }>(core, 'psa:connect', { credentials: blank });
    expect(saved.test.outcome).toBe('connected');
    expect(await call(core, 'psa:test', { psa: 'autotask', credentials: null })).toMatchObject({ outcome: 'connected' });
    const cwBlank = { psa: 'connectwise', site: 'na.myconnectwise.net', companyId: sim.credentials.connectwise.companyId, publicKey: '', privateKey: '', clientId: '', apiBaseUrl: sim.url };
    expect((await call<{ test: { outcome: string } }>(core, 'psa:connect', { credentials: cwBlank })).test.outcome).toBe('connected');

    // Another address: the stored secrets never go there; the form must be complete again.
    sim.stats.reset();
    const elsewhere = await call<{ test: { outcome: string; error?: { kind: string } } }>(core, 'psa:connect', { credentials: { ...blank, apiBaseUrl: 'http://127.0.0.2:9' } });
    expect(elsewhere.test).toMatchObject({ outcome: 'failed', error: { kind: 'credentials-required' } });
    expect(sim.stats.requests).toHaveLength(0);
    // Retyped secrets replace the stored ones: a wrong one is refused, and the working ones stay.
    expect((await call<{ test: { outcome: string } }>(core, 'psa:connect', { credentials: { ...blank, secret: 'wrong' } })).test.outcome).toBe('failed');
    expect(await call(core, 'psa:test', { psa: 'autotask', credentials: null })).toMatchObject({ outcome: 'connected' });
    expect(readFileSync(join(dataDir, 'preferences.json'), 'utf8')).not.toContain(sim.credentials.autotask.secret);
    await core.close();
  });
});

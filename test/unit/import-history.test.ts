import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../electron/main/auth/session-store';
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import type { Workspace } from '../../electron/main/db/workspace';
import { DirectoryService } from '../../electron/main/directory/directory-service';
import { applyImport, LICENSE_SEATS_KEY } from '../../electron/main/import/apply-import';
import { ImportHistory } from '../../electron/main/import/import-history';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import type { ImportPlan } from '../../shared/import/plan';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import type { PsaFetchResult } from '../../shared/psa/records';
import { syntheticImport } from '../support/import-fixtures';
import { useTempDirs } from '../support/temp-dir';
import { addManagedCompany, addManagedUser } from '../support/workspace-rows';
import { openTestWorkspace } from '../support/workspaces';

const tempDir = useTempDirs();
const ANN: SessionState = { adminId: 'admin-1', name: 'Ann Admin', email: 'ann@msp.example', role: 'admin', mustChangePassword: false, rights: [] };
const UNDO_SESSION = 'window-1:undo';

/** Every row of the directory's tables (what a technician sees), in a stable order. */
async function dump(workspace: Workspace) {
  const { read } = workspace;
  return {
    companies: await read.rows(read.q.selectFrom('managed_companies').selectAll().orderBy('id')),
    users: await read.rows(read.q.selectFrom('managed_users').selectAll().orderBy('id')),
    companyMappings: await read.rows(read.q.selectFrom('company_mappings').selectAll().orderBy('psa').orderBy('psa_company_id')),
    contactMappings: await read.rows(read.q.selectFrom('contact_mappings').selectAll().orderBy('psa').orderBy('psa_contact_id')),
    settings: await read.rows(read.q.selectFrom('workspace_settings').selectAll().orderBy('key')),
  };
}

let tick = Date.parse('2026-03-01T09:00:00.000Z');
/** A clock that moves on by a second per reading: a manual change is never at the same instant as the import's. */
const clock = () => new Date((tick += 1_000));

async function setup(seats = 1_000) {
  const workspace = await openTestWorkspace(tempDir());
  await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, seats));
  const locks = new IntegrationLocks(workspace);
  const history = new ImportHistory({ workspace, locks }, clock);
  /** One wizard's "Continue": takes the lock, applies, gives the lock up. */
  const apply = async (plan: ImportPlan, fetched: PsaFetchResult, psa: 'autotask' | 'connectwise' = 'autotask') => {
    const session = `window-1:${psa}`;
    const acquired = await locks.acquire(psa, { adminId: ANN.adminId, name: ANN.name, session });
    if (!acquired.ok) throw new Error('lock');
    try {
      return await applyImport(plan, fetched, { workspace, locks, lock: acquired.lock, session, actorId: ANN.adminId, psa, batchSize: 3, now: clock, cycle: { actorName: ANN.name, filter: DEFAULT_PSA_FILTER } });
    } finally {
      await locks.release(acquired.lock, session);
    }
  };
  const lastCycle = async () => (await history.list())[0]!;
  return { workspace, locks, history, apply, lastCycle };
}

/** A workspace with history: a manual company with an unlicensed user, and an earlier import of companies 1000–1002. */
async function seeded(seats = 1_000) {
  const env = await setup(seats);
  const { fetched, plan } = syntheticImport(8, 3);
  await env.workspace.transaction(async (tx) => {
    await addManagedCompany(tx, 'm-manual', 'Manual B.V.');
    await addManagedUser(tx, { id: 'u-manual', companyId: 'm-manual', name: 'Old', email: 'old@x.example', hasLicense: 0 });
    await tx.execute(tx.q.updateTable('managed_users').set({ updated_at: '2026-01-02' }).where('id', '=', 'u-manual'));
  });
  await env.apply({ companies: plan.companies.slice(0, 3) }, fetched);
  return { ...env, fetched, plan };
}

/** A cycle that does a bit of everything: creates, maps to an existing company and user, grants, changes emails, unmaps, runs out of seats. */
function mixedPlan(fetched: PsaFetchResult, plan: ImportPlan, earlierCompanyOf: (psaId: string) => string): { plan: ImportPlan; fetched: PsaFetchResult } {
  const changed: PsaFetchResult = {
    ...fetched,
    // The PSA changed contact 500000's email (imported before): the import carries it over.
    contacts: fetched.contacts.map((contact) => (contact.psaId === '500000' ? { ...contact, email: 'changed@company0.example' } : contact)),
  };
  return {
    fetched: changed,
    plan: {
      companies: [
        // Imported before: mapped again, its contacts too (one with a new email).
        { psaCompanyId: '1000', action: { kind: 'create' }, users: 'previous' },
        // Imported before: moved to a new managed company ("Unmap and create as new").
        { psaCompanyId: '1001', action: { kind: 'create', replacing: earlierCompanyOf('1001') }, users: 'all' },
        // New: mapped to the manual company, one contact mapped to its unlicensed user (a seat granted).
        { psaCompanyId: '1003', action: { kind: 'map', managedCompanyId: 'm-manual' }, users: [{ psaContactId: '500009', action: { kind: 'map', userId: 'u-manual' } }, { psaContactId: '500010', action: { kind: 'create' } }] },
        ...plan.companies.slice(4),
      ],
    },
  };
}

describe('import history: recording', () => {
  it('records who, when, PSA, filter, counts, errors and every change of a cycle', async () => {
    const { history, apply, lastCycle } = await setup(4);
    const { fetched, plan } = syntheticImport(2, 3);
    await apply(plan, fetched);
    const cycle = await lastCycle();
    expect(cycle).toMatchObject({ psa: 'autotask', actorName: 'Ann Admin', status: 'completed', filter: DEFAULT_PSA_FILTER, undoable: true });
    expect(cycle.counts.outcomes).toEqual({ companies: { created: 2, mapped: 0, failed: 0 }, users: { imported: 4, mapped: 0, failed: 2 } });
    expect(cycle.counts.changes).toMatchObject({ companiesCreated: 2, usersCreated: 4, seatsGranted: 0 });
    const detail = await history.detail(cycle.id);
    expect(detail.errors).toEqual([
      { type: 'user', psaId: '500004', name: 'Company 1', email: 'user4@company1.example', error: 'not-enough-licenses', detail: null },
      { type: 'user', psaId: '500005', name: 'Company 1', email: 'user5@company1.example', error: 'not-enough-licenses', detail: null },
    ]);
    const changes = await history.changes(cycle.id);
    expect(changes.filter((row) => row.change === 'company-created').map((row) => [row.psaId, row.name])).toEqual([
      ['1000', 'Company 0'],
      ['1001', 'Company 1'],
    ]);
    expect(changes.filter((row) => row.change === 'user-created').map((row) => row.email)).toEqual(['user0@company0.example', 'user1@company0.example', 'user2@company0.example', 'user3@company1.example']);
  });

  it('lists cycles newest first; only the last one can be undone', async () => {
    const { history, apply } = await setup();
    const { fetched, plan } = syntheticImport(3, 1);
    await apply({ companies: plan.companies.slice(0, 1) }, fetched);
    await apply({ companies: plan.companies.slice(1) }, fetched, 'connectwise');
    const cycles = await history.list();
    expect(cycles.map((cycle) => [cycle.psa, cycle.counts.outcomes.companies.created, cycle.undoable])).toEqual([
      ['connectwise', 2, true],
      ['autotask', 1, false],
    ]);
  });
});

describe('import history: undo', () => {
  it('restores the exact state before the cycle (every directory row), and shows the cycle as undone', async () => {
    const env = await seeded(20);
    const earlier = new Map((await env.workspace.read.rows(env.workspace.read.q.selectFrom('company_mappings').select(['psa_company_id', 'managed_company_id']))).map((row) => [row.psa_company_id, row.managed_company_id]));
    const { plan, fetched } = mixedPlan(env.fetched, env.plan, (psaId) => earlier.get(psaId)!);
    const before = await dump(env.workspace);
    const results = await env.apply(plan, fetched);
    // The cycle did change things, of every kind.
    expect(results.users.some((user) => user.error === 'not-enough-licenses')).toBe(true);
    const cycle = await env.lastCycle();
    expect(cycle.counts.changes).toMatchObject({ companiesCreated: 5, companiesMapped: 1, companiesUnmapped: 1, usersMapped: 1, seatsGranted: 1, emailsChanged: 1 });
    expect(await dump(env.workspace)).not.toEqual(before);

    const undone = await env.history.undo(cycle.id, ANN, UNDO_SESSION);
    expect(undone).toMatchObject({ status: 'undone', undoneBy: 'Ann Admin', undoable: false });
    expect(await dump(env.workspace)).toEqual(before);
    // Its export still says whom it had created, though they are gone now.
    const exported = (await env.history.changes(cycle.id)).filter((row) => row.change === 'user-created');
    expect(exported.length).toBe(cycle.counts.changes.usersCreated);
    expect(exported.every((row) => row.email.endsWith('.example') && row.managedId !== '')).toBe(true);
    // Its lock is given back.
    expect(await env.locks.holder('autotask')).toBeNull();
  });

  it('refuses to undo the same cycle twice', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    await env.history.undo(cycle.id, ANN, UNDO_SESSION);
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_ALREADY_UNDONE' });
  });

  it('refuses an earlier cycle while a later import stands; after undoing the later one, the earlier can be undone', async () => {
    const env = await seeded();
    const first = await env.lastCycle();
    await env.apply({ companies: env.plan.companies.slice(3, 5) }, env.fetched, 'connectwise');
    await expect(env.history.undo(first.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_LATER_IMPORT' });
    await env.history.undo((await env.lastCycle()).id, ANN, UNDO_SESSION);
    await env.history.undo(first.id, ANN, UNDO_SESSION);
    expect((await dump(env.workspace)).companies.map((company) => company.id)).toEqual(['m-manual']);
  });

  it('refuses, changing nothing, when a company it created was renamed by hand', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    await env.workspace.transaction((tx) => tx.execute(tx.q.updateTable('managed_companies').set({ name: 'Renamed by hand' }).where('name', '=', 'Company 2')));
    const before = await dump(env.workspace);
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_COMPANY_RENAMED', fields: { name: 'Company 2', now: 'Renamed by hand' } });
    expect(await dump(env.workspace)).toEqual(before);
    expect((await env.lastCycle()).status).toBe('completed');
  });

  it('refuses when a company it created was removed by hand', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    const id = (await env.workspace.read.row(env.workspace.read.q.selectFrom('managed_companies').select('id').where('name', '=', 'Company 1')))!.id;
    await new DirectoryService(env.workspace).remove(id, 'admin-1');
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_COMPANY_REMOVED', fields: { name: 'Company 1' } });
  });

  it('refuses when a user was added to a company it created', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    await env.workspace.transaction(async (tx) => {
      const company = await tx.row(tx.q.selectFrom('managed_companies').select('id').where('name', '=', 'Company 0'));
      await addManagedUser(tx, { id: 'u-hand', companyId: company!.id, name: 'Hand', email: 'hand@x.example', at: 'x' });
    });
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_COMPANY_USERS_ADDED', fields: { name: 'Company 0' } });
  });

  it('refuses when a user it created or changed was edited by hand', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    await env.workspace.transaction((tx) => tx.execute(tx.q.updateTable('managed_users').set({ name: 'Edited', updated_at: '2027-01-01' }).where('email', '=', 'user4@company1.example')));
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'UNDO_USER_CHANGED', fields: { name: 'user4@company1.example' } });
  });

  it('refuses while an import of that PSA holds the integration lock', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    const held = await env.locks.acquire('autotask', { adminId: 'admin-2', name: 'Bob', session: 'window-9:autotask' });
    expect(held.ok).toBe(true);
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'INTEGRATION_LOCKED', fields: { name: 'Bob', yours: 'false' } });
    expect((await env.lastCycle()).status).toBe('completed');
  });

  it('refuses while the administrator’s own import wizard holds the lock, and says it is theirs', async () => {
    const env = await seeded();
    const cycle = await env.lastCycle();
    expect((await env.locks.acquire('autotask', { adminId: ANN.adminId, name: ANN.name, session: 'window-1:autotask' })).ok).toBe(true);
    await expect(env.history.undo(cycle.id, ANN, UNDO_SESSION)).rejects.toMatchObject({ code: 'INTEGRATION_LOCKED', fields: { yours: 'true' } });
    expect((await env.lastCycle()).status).toBe('completed');
  });
});

describe('import history: undo of any plan (property)', () => {
  it('random plans applied and then undone leave the directory exactly as it was', async () => {
    const userChoice = fc.constantFrom('previous', 'all', 'none', 'first');
    const companyChoice = fc.record({ include: fc.boolean(), action: fc.constantFrom('create', 'map-manual', 'unmap'), users: userChoice, newEmail: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(companyChoice, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 40 }), async (choices, seats) => {
        const env = await seeded(seats);
        const earlier = new Map((await env.workspace.read.rows(env.workspace.read.q.selectFrom('company_mappings').select(['psa_company_id', 'managed_company_id']))).map((row) => [row.psa_company_id, row.managed_company_id]));
        const fetched: PsaFetchResult = {
          ...env.fetched,
          contacts: env.fetched.contacts.map((contact) => {
            const index = Number(contact.companyPsaId) - 1000;
            return choices[index]?.newEmail && contact.psaId.endsWith('0') ? { ...contact, email: `moved.${contact.psaId}@company.example` } : contact;
          }),
        };
        let mappedManual = false;
        const companies: ImportPlan['companies'] = [];
        choices.forEach((choice, index) => {
          if (!choice.include) return;
          const psaCompanyId = String(1000 + index);
          const contacts = fetched.contacts.filter((contact) => contact.companyPsaId === psaCompanyId);
          const users = choice.users === 'previous' || choice.users === 'all' ? choice.users : choice.users === 'none' ? [] : contacts.slice(0, 1).map((contact) => ({ psaContactId: contact.psaId, action: { kind: 'create' as const } }));
          if (choice.action === 'unmap' && earlier.has(psaCompanyId)) companies.push({ psaCompanyId, action: { kind: 'create', replacing: earlier.get(psaCompanyId)! }, users });
          else if (choice.action === 'map-manual' && !mappedManual && !earlier.has(psaCompanyId)) {
            mappedManual = true;
            companies.push({ psaCompanyId, action: { kind: 'map', managedCompanyId: 'm-manual' }, users });
          } else companies.push({ psaCompanyId, action: { kind: 'create' }, users });
        });
        const before = await dump(env.workspace);
        await env.apply({ companies }, fetched);
        await env.history.undo((await env.lastCycle()).id, ANN, UNDO_SESSION);
        expect(await dump(env.workspace)).toEqual(before);
        await env.workspace.close();
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { writeSetting } from '../../electron/main/db/repositories/workspace-settings';
import type { Database } from '../../electron/main/db/schema';
import type { SqlWriter } from '../../electron/main/db/workspace';
import { applyImport, LICENSE_SEATS_KEY, type ApplyContext } from '../../electron/main/import/apply-import';
import { IntegrationLocks } from '../../electron/main/locks/integration-locks';
import type { ImportPlan } from '../../shared/import/plan';
import { syntheticImport } from '../support/import-fixtures';
import { useTempDirs } from '../support/temp-dir';
import { addManagedCompany, addManagedUser, countRows } from '../support/workspace-rows';
import { openTestWorkspace } from '../support/workspaces';

const tempDir = useTempDirs();
const SESSION = 'window-1';

async function setup(seats = 1000) {
  const workspace = await openTestWorkspace(tempDir());
  await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, seats));
  const locks = new IntegrationLocks(workspace);
  const acquired = await locks.acquire('autotask', { adminId: 'admin-1', name: 'Ann', session: SESSION });
  if (!acquired.ok) throw new Error('lock');
  const context: ApplyContext = { workspace, locks, lock: acquired.lock, session: SESSION, actorId: 'admin-1', psa: 'autotask', batchSize: 7 };
  const count = (table: keyof Database) => countRows(workspace.read, table);
  return { workspace, locks, context, count };
}

describe('applying an import', () => {
  it('creates companies and users with mappings and history', async () => {
    const { context, count, workspace } = await setup();
    const { fetched, plan } = syntheticImport(20, 3);
    const results = await applyImport(plan, fetched, context);
    expect(results.companies.filter((c) => c.outcome === 'created')).toHaveLength(20);
    expect(results.users.filter((u) => u.outcome === 'imported')).toHaveLength(60);
    expect([await count('managed_companies'), await count('managed_users'), await count('company_mappings'), await count('contact_mappings')]).toEqual([20, 60, 20, 60]);
    expect(await count('record_history')).toBe(80);
    await workspace.close();
  });

  it('is idempotent: running the same import twice creates nothing and reports everything mapped', async () => {
    const { context, count, workspace } = await setup();
    const { fetched, plan } = syntheticImport(15, 2);
    await applyImport(plan, fetched, context);
    const again = await applyImport(plan, fetched, context);
    expect(new Set(again.companies.map((c) => c.outcome))).toEqual(new Set(['mapped']));
    expect(new Set(again.users.map((u) => u.outcome))).toEqual(new Set(['mapped']));
    expect([await count('managed_companies'), await count('managed_users')]).toEqual([15, 30]);
    await workspace.close();
  });

  it('gives two contacts of a new company with the same email one user, and mixes new and mapped companies in a batch', async () => {
    const { context, count, workspace } = await setup();
    const { fetched, plan } = syntheticImport(6, 2);
    // Company 1002's second contact shares its first contact's email (in another case).
    const shared = fetched.contacts.filter((contact) => contact.companyPsaId === '1002');
    const twins = { ...fetched, contacts: fetched.contacts.map((contact) => (contact.psaId === shared[1]!.psaId ? { ...contact, email: shared[0]!.email!.toUpperCase() } : contact)) };
    // Company 1004 was imported before: the batch then holds both new and mapped companies.
    await applyImport({ companies: [plan.companies[4]!] }, twins, context);
    const results = await applyImport(plan, twins, context);
    const twinOutcomes = results.users.filter((user) => user.psaCompanyId === '1002');
    expect(twinOutcomes.map((user) => user.outcome)).toEqual(['imported', 'mapped']);
    expect(twinOutcomes[1]!.userId).toBe(twinOutcomes[0]!.userId);
    expect(results.companies.find((company) => company.psaCompanyId === '1004')?.outcome).toBe('mapped');
    expect([await count('managed_companies'), await count('managed_users'), await count('contact_mappings')]).toEqual([6, 11, 12]);
    await workspace.close();
  });

  it('runs out of licenses gracefully: those users fail, the companies still import, nothing half-written', async () => {
    const { context, count, workspace } = await setup(5);
    const { fetched, plan } = syntheticImport(4, 2);
    const results = await applyImport(plan, fetched, context);
    expect(results.companies.every((c) => c.outcome === 'created')).toBe(true);
    expect(results.users.filter((u) => u.outcome === 'imported')).toHaveLength(5);
    expect(results.users.filter((u) => u.outcome === 'failed').map((u) => u.error)).toEqual(['not-enough-licenses', 'not-enough-licenses', 'not-enough-licenses']);
    expect(await count('managed_users')).toBe(5);
    expect(await count('contact_mappings')).toBe(5);
    await workspace.close();
  });

  it('maps to an existing company and user, and carries a changed email', async () => {
    const { context, workspace } = await setup();
    const { fetched, plan } = syntheticImport(2, 1);
    await workspace.transaction(async (tx) => {
      await addManagedCompany(tx, 'm-existing', 'Company Zero B.V.');
      await addManagedUser(tx, { id: 'u-existing', companyId: 'm-existing', name: 'Old', email: 'old@x.example', hasLicense: 0 });
    });
    const mapped: ImportPlan = {
      companies: [
        { psaCompanyId: '1000', action: { kind: 'map', managedCompanyId: 'm-existing' }, users: [{ psaContactId: '500000', action: { kind: 'map', userId: 'u-existing' } }] },
        plan.companies[1]!,
      ],
    };
    const first = await applyImport(mapped, fetched, context);
    expect(first.companies[0]).toMatchObject({ outcome: 'mapped', managedCompanyId: 'm-existing' });
    expect(first.users[0]).toMatchObject({ outcome: 'mapped', userId: 'u-existing' });
    const user = await workspace.read.row(workspace.read.q.selectFrom('managed_users').select('has_license').where('id', '=', 'u-existing'));
    expect(user?.has_license).toBe(1);
    // The contact's email changes in the PSA; the next import carries it to the mapped user.
    const changed = { ...fetched, contacts: fetched.contacts.map((c) => (c.psaId === '500000' ? { ...c, email: 'renamed@company0.example' } : c)) };
    await applyImport(mapped, changed, context);
    const after = await workspace.read.row(workspace.read.q.selectFrom('managed_users').select('email').where('id', '=', 'u-existing'));
    expect(after?.email).toBe('renamed@company0.example');
    const history = await workspace.read.rows(workspace.read.q.selectFrom('record_history').select('event').where('entity_id', '=', 'u-existing').orderBy('id'));
    expect(history.map((h) => h.event)).toEqual(['mapped', 'email-changed']);
    await workspace.close();
  });

  it('refuses to map two PSA companies onto one managed company', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(2, 0);
    await workspace.transaction((tx) => addManagedCompany(tx, 'm1', 'X'));
    const plan: ImportPlan = { companies: ['1000', '1001'].map((psaCompanyId) => ({ psaCompanyId, action: { kind: 'map' as const, managedCompanyId: 'm1' }, users: [] })) };
    const results = await applyImport(plan, fetched, context);
    expect(results.companies.map((c) => c.outcome)).toEqual(['mapped', 'failed']);
    expect(results.companies[1]).toMatchObject({ error: 'managed-company-taken', managedCompanyId: null });
    await workspace.close();
  });

  it('writes nothing once the lock is lost (fencing)', async () => {
    const { context, count, locks, workspace } = await setup();
    await locks.forceRelease('autotask', 'master');
    const { fetched, plan } = syntheticImport(3, 1);
    await expect(applyImport(plan, fetched, context)).rejects.toMatchObject({ code: 'INTEGRATION_LOCKED' });
    expect(await count('managed_companies')).toBe(0);
    await workspace.close();
  });
});

describe('applying an import: unmapping and the default user selection', () => {
  it('"Unmap and create as new" moves the PSA company to a new managed company, once', async () => {
    const { context, count, workspace } = await setup();
    const { fetched, plan } = syntheticImport(1, 1);
    const first = await applyImport(plan, fetched, context);
    const original = first.companies[0]!.managedCompanyId!;
    const unmap: ImportPlan = { companies: [{ psaCompanyId: '1000', action: { kind: 'create', replacing: original }, users: 'previous' }] };
    const moved = await applyImport(unmap, fetched, context);
    expect(moved.companies[0]).toMatchObject({ outcome: 'created' });
    expect(moved.companies[0]!.managedCompanyId).not.toBe(original);
    // The same instruction again (a re-run after a crash) finds the move done.
    const again = await applyImport(unmap, fetched, context);
    expect(again.companies[0]).toMatchObject({ outcome: 'mapped', managedCompanyId: moved.companies[0]!.managedCompanyId });
    expect(await count('managed_companies')).toBe(2);
    await workspace.close();
  });

  it('"previous" grants exactly the contacts imported before', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(1, 3);
    const some: ImportPlan = { companies: [{ psaCompanyId: '1000', action: { kind: 'create' }, users: [{ psaContactId: '500001', action: { kind: 'create' } }] }] };
    await applyImport(some, fetched, context);
    const rerun = await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'create' }, users: 'previous' }] }, fetched, context);
    expect(rerun.users.map((user) => [user.psaContactId, user.outcome])).toEqual([['500001', 'mapped']]);
    await workspace.close();
  });
});

describe('applying an import: plan validation', () => {
  it('refuses a plan naming a company or a contact twice', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(1, 1);
    const twice: ImportPlan = { companies: [1, 2].map(() => ({ psaCompanyId: '1000', action: { kind: 'create' as const }, users: [] })) };
    await expect(applyImport(twice, fetched, context)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await workspace.close();
  });
});

describe('applying an import: "all" contacts', () => {
  it('grants every contact of the company with an email address', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(2, 3);
    const noEmail = { ...fetched, contacts: fetched.contacts.map((c, i) => (i === 0 ? { ...c, email: null } : c)) };
    const results = await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'create' }, users: 'all' }] }, noEmail, context);
    expect(results.users.map((user) => [user.psaContactId, user.outcome])).toEqual([
      ['500001', 'imported'],
      ['500002', 'imported'],
    ]);
    await workspace.close();
  });
});

describe('applying an import: unmapping a user', () => {
  it('moves a contact to a new user once, and refuses a clashing email without breaking the batch', async () => {
    const { context, workspace, count } = await setup();
    const { fetched, plan } = syntheticImport(1, 1);
    const first = await applyImport(plan, fetched, context);
    const oldUser = first.users[0]!.userId!;
    // Same email as the old user in the same company: refused, the rest of the batch goes on.
    const clash = await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'create' }, users: [{ psaContactId: '500000', action: { kind: 'create', replacing: oldUser } }] }] }, fetched, context);
    expect(clash.users[0]).toMatchObject({ outcome: 'failed', error: 'email-in-use' });
    expect(await count('contact_mappings')).toBe(1); // the refused unmap changed nothing
    // With the email changed in the PSA, the contact becomes a new user; the old user keeps its account.
    const moved = { ...fetched, contacts: fetched.contacts.map((c) => ({ ...c, email: 'new.person@company0.example' })) };
    const unmap = { companies: [{ psaCompanyId: '1000', action: { kind: 'create' as const }, users: [{ psaContactId: '500000', action: { kind: 'create' as const, replacing: oldUser } }] }] };
    const result = await applyImport(unmap, moved, context);
    expect(result.users[0]).toMatchObject({ outcome: 'imported' });
    expect(result.users[0]!.userId).not.toBe(oldUser);
    const again = await applyImport(unmap, moved, context);
    expect(again.users[0]).toMatchObject({ outcome: 'mapped', userId: result.users[0]!.userId });
    expect(await count('managed_users')).toBe(2);
    await workspace.close();
  });
});

describe('applying an import: each conflict has its own error kind, never a PSA error', () => {
  const addCompany = (tx: SqlWriter, id: string) => addManagedCompany(tx, id, `Managed ${id}`);
  const addUser = (tx: SqlWriter, id: string, companyId: string, email: string) => addManagedUser(tx, { id, companyId, email, hasLicense: 1 });
  const create = { kind: 'create' as const };

  it('company-not-in-download: the plan names a company the download does not have', async () => {
    const { context, count, workspace } = await setup();
    const { fetched } = syntheticImport(1, 1);
    const results = await applyImport({ companies: [{ psaCompanyId: '424242', action: create, users: 'all' }] }, fetched, context);
    expect(results.companies).toEqual([{ psaCompanyId: '424242', name: '', outcome: 'failed', managedCompanyId: null, error: 'company-not-in-download', detail: null }]);
    expect(await count('managed_companies')).toBe(0);
    await workspace.close();
  });

  it('managed-company-gone: the managed company chosen to map to was deleted since', async () => {
    const { context, count, workspace } = await setup();
    const { fetched } = syntheticImport(1, 1);
    const results = await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'map', managedCompanyId: 'm-deleted' }, users: 'all' }] }, fetched, context);
    expect(results.companies[0]).toMatchObject({ outcome: 'failed', error: 'managed-company-gone', detail: null });
    expect(results.users).toEqual([]);
    expect(await count('company_mappings')).toBe(0);
    await workspace.close();
  });

  it('managed-company-taken: the managed company is mapped to another company of this PSA', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(2, 0);
    await workspace.transaction((tx) => addCompany(tx, 'm1'));
    await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'map', managedCompanyId: 'm1' }, users: [] }] }, fetched, context);
    const results = await applyImport({ companies: [{ psaCompanyId: '1001', action: { kind: 'map', managedCompanyId: 'm1' }, users: [] }] }, fetched, context);
    expect(results.companies[0]).toMatchObject({ outcome: 'failed', error: 'managed-company-taken', detail: null });
    await workspace.close();
  });

  it('contact-not-in-download: for a new company and for a mapped one', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(2, 1);
    // 500001 is company 1001's contact, not 1000's; 777 is nobody's.
    const plan: ImportPlan = { companies: [{ psaCompanyId: '1000', action: create, users: [{ psaContactId: '500001', action: create }, { psaContactId: '777', action: create }] }] };
    const fresh = await applyImport(plan, fetched, context);
    const again = await applyImport(plan, fetched, context);
    for (const results of [fresh, again]) expect(results.users.map((user) => user.error)).toEqual(['contact-not-in-download', 'contact-not-in-download']);
    expect(again.companies[0]).toMatchObject({ outcome: 'mapped' });
    await workspace.close();
  });

  it('contact-without-email: null or empty, for a new company and for a mapped one', async () => {
    const { context, count, workspace } = await setup();
    const { fetched } = syntheticImport(1, 2);
    const noEmail = { ...fetched, contacts: fetched.contacts.map((c, i) => ({ ...c, email: i === 0 ? null : '' })) };
    const plan: ImportPlan = { companies: [{ psaCompanyId: '1000', action: create, users: [{ psaContactId: '500000', action: create }, { psaContactId: '500001', action: create }] }] };
    const fresh = await applyImport(plan, noEmail, context);
    const again = await applyImport(plan, noEmail, context);
    for (const results of [fresh, again]) expect(results.users.map((user) => [user.outcome, user.error])).toEqual([['failed', 'contact-without-email'], ['failed', 'contact-without-email']]);
    expect(await count('managed_users')).toBe(0);
    await workspace.close();
  });

  it('user-not-in-company: the user to map to is in another company, or the company is new', async () => {
    const { context, workspace } = await setup();
    const { fetched } = syntheticImport(1, 1);
    await workspace.transaction(async (tx) => {
      await addCompany(tx, 'm-here');
      await addCompany(tx, 'm-elsewhere');
      await addUser(tx, 'u-elsewhere', 'm-elsewhere', 'someone@elsewhere.example');
    });
    const toUser = { kind: 'map' as const, userId: 'u-elsewhere' };
    const mapped = await applyImport({ companies: [{ psaCompanyId: '1000', action: { kind: 'map', managedCompanyId: 'm-here' }, users: [{ psaContactId: '500000', action: toUser }] }] }, fetched, context);
    expect(mapped.users[0]).toMatchObject({ outcome: 'failed', error: 'user-not-in-company', detail: null });
    const { context: other, workspace: second } = await setup();
    const fresh = await applyImport({ companies: [{ psaCompanyId: '1000', action: create, users: [{ psaContactId: '500000', action: toUser }] }] }, fetched, other);
    expect(fresh.users[0]).toMatchObject({ outcome: 'failed', error: 'user-not-in-company', detail: null });
    await Promise.all([workspace.close(), second.close()]);
  });

  it('email-in-use: "create as new user" with an email a user of the company already has', async () => {
    const { context, workspace } = await setup();
    const { fetched, plan } = syntheticImport(1, 1);
    const first = await applyImport(plan, fetched, context);
    const results = await applyImport({ companies: [{ psaCompanyId: '1000', action: create, users: [{ psaContactId: '500000', action: { kind: 'create', replacing: first.users[0]!.userId! } }] }] }, fetched, context);
    expect(results.users[0]).toMatchObject({ outcome: 'failed', error: 'email-in-use', detail: null });
    await workspace.close();
  });

  it('email-change-conflict: the PSA gave a mapped contact the email of another user of the company', async () => {
    const { context, workspace } = await setup();
    const { fetched, plan } = syntheticImport(1, 2);
    await applyImport(plan, fetched, context);
    const taken = fetched.contacts[1]!.email!.toUpperCase();
    const changed = { ...fetched, contacts: fetched.contacts.map((c, i) => (i === 0 ? { ...c, email: taken } : c)) };
    const results = await applyImport(plan, changed, context);
    expect(results.users.map((user) => [user.outcome, user.error])).toEqual([['failed', 'email-change-conflict'], ['mapped', null]]);
    await workspace.close();
  });

  it('not-enough-licenses keeps the seed’s own kind', async () => {
    const { context, workspace } = await setup(0);
    const { fetched, plan } = syntheticImport(1, 1);
    const results = await applyImport(plan, fetched, context);
    expect(results.users[0]).toMatchObject({ outcome: 'failed', error: 'not-enough-licenses', detail: null });
    await workspace.close();
  });
});

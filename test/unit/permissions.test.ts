/**
 * Every operation, called directly on the core (no screen, no IPC edge) as each kind of person: a Master
 * Administrator, an Administrator on a technician group not assigned to them, a technician whose group grants no
 * rights, and one whose group grants them all. Runs on both workspaces (the unit-postgres project).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/main/base/caller';
import type { Core } from '../../electron/main/core/create-core';
import { EMPTY_DRAFT } from '../../shared/import/draft';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { TECHNICIAN_RIGHTS, type Right } from '../../shared/org/rights';
import { startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Copper-Meadow-Violin-83?';

const master: Caller = { sessionKey: 'master' };
const admin: Caller = { sessionKey: 'admin' };
const bare: Caller = { sessionKey: 'technician-without-rights' };
const full: Caller = { sessionKey: 'technician-with-every-right' };

interface World {
  core: Core;
  assigned: number;
  assignedChild: number;
  other: number;
  technicianInOther: string;
  technicianInAssigned: string;
}

const technicianFields = (name: string, email: string) => ({ name, nickname: name, email, ssoId: '', description: '', enabled: true, standardLicense: false, mobileLicense: false });

async function world(): Promise<World> {
  const core = await startCore(tempDir());
  await core.auth.createFirstAdmin(master, { name: 'Mira Master', email: 'mira@msp.example', password: PASSWORD });
  // Accounts made here sign in straight away (the forced change at first sign-in has its own tests).
  const { passwordPolicy, org } = await core.org.settings(master);
  await core.org.setSettings(master, { passwordPolicy: { ...passwordPolicy, adminChangesForceChange: false }, org });
  const assigned = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
  const assignedChild = await core.org.createGroup(master, { name: 'Night shift', parentId: assigned });
  const other = await core.org.createGroup(master, { name: 'Projects', parentId: null });
  await core.org.updateGroup(master, { id: assigned, name: 'Service desk', description: '', rights: [...TECHNICIAN_RIGHTS] });
  await core.administrators.create(master, { name: 'Ann Admin', email: 'ann@msp.example', password: PASSWORD, role: 'admin', groupIds: [assigned] });
  const technicianInOther = await core.org.createTechnician(master, { ...technicianFields('Bert Bare', 'bert@msp.example'), groupId: other, password: PASSWORD });
  const technicianInAssigned = await core.org.createTechnician(master, { ...technicianFields('Fenna Full', 'fenna@msp.example'), groupId: assigned, password: PASSWORD });
  await core.auth.signIn(admin, { email: 'ann@msp.example', password: PASSWORD });
  await core.auth.signIn(bare, { email: 'bert@msp.example', password: PASSWORD });
  await core.auth.signIn(full, { email: 'fenna@msp.example', password: PASSWORD });
  return { core, assigned, assignedChild, other, technicianInOther, technicianInAssigned };
}

/** The refusal a call ended in, or 'allowed' when it got past every permission check (it may still fail for its own reasons). */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'thrown';
    return ['PERMISSION_DENIED', 'RIGHT_MISSING', 'GROUP_NOT_IN_SCOPE', 'NOT_SIGNED_IN', 'PASSWORD_CHANGE_REQUIRED', 'ACCOUNT_DISABLED'].includes(code) ? code : 'allowed';
  }
}

type Need = { right: Right } | 'member' | 'administrator' | 'master';

/** What each of the four callers gets for an operation that needs `need`. */
function expected(need: Need): Record<'master' | 'admin' | 'bare' | 'full', string> {
  if (need === 'member') return { master: 'allowed', admin: 'allowed', bare: 'allowed', full: 'allowed' };
  if (need === 'administrator') return { master: 'allowed', admin: 'allowed', bare: 'PERMISSION_DENIED', full: 'PERMISSION_DENIED' };
  if (need === 'master') return { master: 'allowed', admin: 'PERMISSION_DENIED', bare: 'PERMISSION_DENIED', full: 'PERMISSION_DENIED' };
  return { master: 'allowed', admin: 'allowed', bare: 'RIGHT_MISSING', full: 'allowed' };
}

/** Every operation the edges reach (core.operations), with what it needs: a new operation without a row fails below. */
function operationTable(core: Core): Record<string, { need: Need; call: (caller: Caller) => Promise<unknown> }> {
  const ops = core.operations;
  return {
    'directory.listCompanies': { need: { right: 'companies:view' }, call: (c) => ops.directory.listCompanies(c) },
    'directory.users': { need: { right: 'companies:view' }, call: (c) => ops.directory.users(c, 'no-such-company') },
    'directory.createCompany': { need: { right: 'companies:manage' }, call: (c) => ops.directory.createCompany(c, `Company of ${c.sessionKey}`) },
    'directory.removeCompany': { need: 'master', call: (c) => ops.directory.removeCompany(c, 'no-such-company') },
    'history.list': { need: { right: 'companies:view' }, call: (c) => ops.history.list(c) },
    'history.detail': { need: { right: 'companies:view' }, call: (c) => ops.history.detail(c, 'no-such-import') },
    'history.changes': { need: { right: 'export' }, call: (c) => ops.history.changes(c, 'no-such-import') },
    'history.undo': { need: { right: 'companies:manage' }, call: (c) => ops.history.undo(c, 'no-such-import') },
    'imports.lastFilter': { need: { right: 'import:autotask' }, call: (c) => ops.imports.lastFilter(c, 'autotask') },
    'imports.start': { need: { right: 'import:connectwise' }, call: (c) => ops.imports.start(c, 'connectwise', DEFAULT_PSA_FILTER) },
    'imports.reconciliation': { need: 'member', call: (c) => ops.imports.reconciliation(c, 'no-such-session') },
    'imports.contacts': { need: 'member', call: (c) => ops.imports.contacts(c, 'no-such-session', 'x', null) },
    'imports.apply': { need: 'member', call: (c) => ops.imports.apply(c, 'no-such-session', { companies: [] }, () => undefined) },
    'imports.retryFailed': { need: 'member', call: (c) => ops.imports.retryFailed(c, 'no-such-session', () => undefined) },
    'imports.cancel': { need: 'member', call: (c) => ops.imports.cancel(c, 'no-such-session') },
    // The caller's own kept downloads, filtered by their rights; a resume names one of them (none here: NOT_FOUND, past the check).
    'imports.kept': { need: 'member', call: (c) => ops.imports.kept(c) },
    'imports.resume': { need: 'member', call: (c) => ops.imports.resume(c, '00000000-0000-4000-8000-000000000000') },
    'imports.saveDraft': { need: 'member', call: (c) => ops.imports.saveDraft(c, 'no-such-session', { selected: {}, companies: {}, users: {}, notes: {} }) },
    'locks.holder': { need: { right: 'import:autotask' }, call: (c) => ops.locks.holder(c, 'autotask') },
    'locks.status': { need: { right: 'import:autotask' }, call: (c) => ops.locks.status(c, 'autotask') },
    'locks.forceRelease': { need: 'master', call: (c) => ops.locks.forceRelease(c, 'autotask') },
    'psa.connections': { need: 'member', call: (c) => ops.psa.connections(c) },
    'psa.storedFields': { need: 'master', call: (c) => ops.psa.storedFields(c, 'autotask') },
    'psa.test': { need: { right: 'import:autotask' }, call: (c) => ops.psa.test(c, 'autotask', null) },
    'psa.connect': { need: 'master', call: (c) => ops.psa.connect(c, { psa: 'autotask', username: 'x', secret: 'y', integrationCode: 'z', apiBaseUrl: 'https://127.0.0.1:1' }) },
    'psa.disconnect': { need: 'master', call: (c) => ops.psa.disconnect(c, 'connectwise') },
    'psa.filterAttributes': { need: { right: 'import:autotask' }, call: (c) => ops.psa.filterAttributes(c, 'autotask') },
    'psa.countCompanies': { need: { right: 'import:autotask' }, call: (c) => ops.psa.countCompanies(c, 'autotask', DEFAULT_PSA_FILTER) },
    'settings.licenses': { need: 'member', call: (c) => ops.settings.licenses(c) },
    'settings.setLicenseSeats': { need: 'master', call: (c) => ops.settings.setLicenseSeats(c, 100) },
    'vault.status': { need: 'administrator', call: (c) => ops.vault.status(c) },
    // Previews: signed in to reach them; the import right for the preview's PSA is checked once the file (or review)
    // names it — see test/unit/preview-services.test.ts for a technician without it.
    'previews.recent': { need: 'member', call: (c) => ops.previews.recent(c) },
    'previews.open': { need: 'member', call: (c) => ops.previews.open(c, { kind: 'recent', path: '/no/such/file.msp-preview' }) },
    'previews.saveFromImport': { need: 'member', call: (c) => ops.previews.saveFromImport(c, 'no-such-session', EMPTY_DRAFT) },
    'previews.reconciliation': { need: 'member', call: (c) => ops.previews.reconciliation(c, 'no-such-review') },
    'previews.contacts': { need: 'member', call: (c) => ops.previews.contacts(c, 'no-such-review', 'x') },
    'previews.save': { need: 'member', call: (c) => ops.previews.save(c, 'no-such-review', EMPTY_DRAFT) },
    'previews.close': { need: 'member', call: (c) => ops.previews.close(c, 'no-such-review') },
    'previews.checkApply': { need: 'member', call: (c) => ops.previews.checkApply(c, 'no-such-review', EMPTY_DRAFT) },
    'previews.export': { need: 'member', call: (c) => ops.previews.export(c, 'no-such-review', EMPTY_DRAFT, 'csv') },
    'previews.refresh': { need: 'member', call: (c) => ops.previews.refresh(c, 'no-such-review') },
  };
}

describe('permissions, enforced in the core for every call', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  }, 60_000);
  afterEach(async () => {
    await w.core.close();
  });

  it('every import, directory, history, lock, PSA and settings operation: by role, and for technicians by their group’s rights', async () => {
    const table = operationTable(w.core);
    const everyOperation = Object.entries(w.core.operations).flatMap(([domain, methods]) => Object.keys(methods).map((method) => `${domain}.${method}`));
    expect(Object.keys(table).sort()).toEqual(everyOperation.sort());
    const seen: Record<string, Record<string, string>> = {};
    const wanted: Record<string, Record<string, string>> = {};
    for (const [name, { need, call }] of Object.entries(table)) {
      seen[name] = { master: await outcome(() => call(master)), admin: await outcome(() => call(admin)), bare: await outcome(() => call(bare)), full: await outcome(() => call(full)) };
      wanted[name] = expected(need);
    }
    expect(seen).toEqual(wanted);
  });

  it('an Administrator manages only the groups assigned to them (and their subgroups); technicians manage none', async () => {
    const { core, assigned, assignedChild, other, technicianInOther, technicianInAssigned } = w;
    // On the assigned group and below it: allowed.
    const created = await core.org.createGroup(admin, { name: 'Escalations', parentId: assignedChild });
    await core.org.updateGroup(admin, { id: created, name: 'Escalations 2nd line', description: 'for hard cases', rights: ['companies:view'] });
    await core.org.moveGroup(admin, { id: created, parentId: assigned });
    const technician = await core.org.createTechnician(admin, { ...technicianFields('Sam', 'sam@msp.example'), groupId: created, password: PASSWORD });
    await core.org.moveTechnician(admin, { id: technician, groupId: assignedChild });
    expect((await core.org.technician(admin, technicianInAssigned)).manageable).toBe(true);

    // On the group not assigned to them: refused, each operation.
    const outside: Record<string, () => Promise<unknown>> = {
      createGroup: () => core.org.createGroup(admin, { name: 'Sneaky', parentId: other }),
      createTopLevelGroup: () => core.org.createGroup(admin, { name: 'Top', parentId: null }),
      updateGroup: () => core.org.updateGroup(admin, { id: other, name: 'Renamed', description: '', rights: [...TECHNICIAN_RIGHTS] }),
      moveGroup: () => core.org.moveGroup(admin, { id: other, parentId: assigned }),
      nestOwnGroupOutside: () => core.org.moveGroup(admin, { id: created, parentId: other }),
      deleteGroup: () => core.org.deleteGroup(admin, { id: other }),
      createTechnician: () => core.org.createTechnician(admin, { ...technicianFields('Nope', 'nope@msp.example'), groupId: other, password: PASSWORD }),
      updateTechnician: () => core.org.updateTechnician(admin, { ...technicianFields('Bert Bare', 'bert@msp.example'), id: technicianInOther, newPassword: 'Another-Long-Phrase-42!' }),
      moveTechnicianIn: () => core.org.moveTechnician(admin, { id: technicianInOther, groupId: assigned }),
      moveTechnicianOut: () => core.org.moveTechnician(admin, { id: technicianInAssigned, groupId: other }),
    };
    for (const [name, call] of Object.entries(outside)) expect([name, await outcome(call)]).toEqual([name, 'GROUP_NOT_IN_SCOPE']);
    expect((await core.org.technician(admin, technicianInOther)).manageable).toBe(false);

    // Master Administrators' own: refused to an Administrator.
    const mastersOnly: Record<string, () => Promise<unknown>> = {
      setLicenseSeats: () => core.org.setLicenseSeats(admin, { standard: 50, mobile: 50 }),
      setSettings: async () => core.org.setSettings(admin, await core.org.settings(admin)),
      administrators: () => core.administrators.list(admin),
      createAdministrator: () => core.administrators.create(admin, { name: 'X', email: 'x@msp.example', password: PASSWORD, role: 'master_admin', groupIds: [] }),
      updateAdministrator: () => core.administrators.update(admin, { id: 'anyone', role: 'master_admin', enabled: true, groupIds: [] }),
      checkTechnicianFile: () => core.technicianImport.check(admin, { fileName: 'x.csv', contentBase64: '', delimiter: ',' }),
      importTechnicians: () => core.technicianImport.run(admin, { checkId: '00000000-0000-4000-8000-000000000000', targetGroupId: assigned }),
      cancelTechnicianImport: () => core.technicianImport.cancel(admin),
    };
    for (const [name, call] of Object.entries(mastersOnly)) expect([name, await outcome(call)]).toEqual([name, 'PERMISSION_DENIED']);

    // Technicians manage nothing in the organisation, whatever their group's rights.
    for (const technicianCaller of [bare, full]) {
      expect(await outcome(() => core.org.tree(technicianCaller))).toBe('PERMISSION_DENIED');
      expect(await outcome(() => core.org.technician(technicianCaller, technicianInAssigned))).toBe('PERMISSION_DENIED');
      expect(await outcome(() => core.org.createTechnician(technicianCaller, { ...technicianFields('T', 't@msp.example'), groupId: assigned, password: PASSWORD }))).toBe('PERMISSION_DENIED');
      expect(await outcome(() => core.org.licenses(technicianCaller))).toBe('PERMISSION_DENIED');
    }
  });

  it('with "Show technician groups only to assigned administrators" on, an Administrator sees only their groups', async () => {
    const { core, assigned, assignedChild, other } = w;
    expect((await core.org.tree(admin)).groups.map((group) => [group.id, group.manageable])).toEqual([
      [assigned, true],
      [assignedChild, true],
      [other, false],
    ]);
    const settings = await core.org.settings(master);
    await core.org.setSettings(master, { ...settings, org: { showGroupsOnlyToAssigned: true } });
    const tree = await core.org.tree(admin);
    expect(tree.groups.map((group) => group.id)).toEqual([assigned, assignedChild]);
    expect(tree.technicians.map((technician) => technician.name)).toEqual(['Fenna Full']);
    // Hidden is hidden: the other group's technician is not found, not merely refused.
    expect(await outcome(() => core.org.technician(admin, w.technicianInOther))).toBe('allowed');
    await expect(core.org.technician(admin, w.technicianInOther)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.org.tree(master)).groups).toHaveLength(3);
  });

  it('rights, roles and status count from the next call: granted, taken away, disabled, demoted', async () => {
    const { core, other, technicianInOther } = w;
    await expect(core.operations.directory.listCompanies(bare)).rejects.toMatchObject({ code: 'RIGHT_MISSING', fields: { right: 'companies:view' } });
    await core.org.updateGroup(master, { id: other, name: 'Projects', description: '', rights: ['companies:manage'] });
    // Managing companies includes seeing them.
    expect(await core.operations.directory.listCompanies(bare)).toEqual([]);
    expect((await core.org.technician(master, technicianInOther)).effectiveRights).toEqual(['companies:view', 'companies:manage']);
    await core.org.updateGroup(master, { id: other, name: 'Projects', description: '', rights: [] });
    await expect(core.operations.directory.listCompanies(bare)).rejects.toMatchObject({ code: 'RIGHT_MISSING' });

    await core.org.updateTechnician(master, { ...technicianFields('Bert Bare', 'bert@msp.example'), id: technicianInOther, enabled: false, newPassword: null });
    await expect(core.operations.psa.connections(bare)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    await expect(core.auth.signIn(bare, { email: 'bert@msp.example', password: PASSWORD })).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });

    const ann = (await core.administrators.list(master)).find((row) => row.email === 'ann@msp.example');
    await core.administrators.update(master, { id: ann!.id, role: 'master_admin', enabled: true, groupIds: [] });
    expect(await outcome(() => core.administrators.list(admin))).toBe('allowed');
    await core.administrators.update(master, { id: ann!.id, role: 'admin', enabled: false, groupIds: [] });
    await expect(core.org.tree(admin)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('an import started with the right stops at its next step once the right is taken away; cancelling still works', async () => {
    const { core, assigned } = w;
    const started = await core.operations.imports.start(full, 'autotask', DEFAULT_PSA_FILTER);
    expect(started.outcome).toBe('started');
    const sessionId = started.outcome === 'started' ? started.sessionId : '';
    await core.org.updateGroup(master, { id: assigned, name: 'Service desk', description: '', rights: ['companies:view'] });
    await expect(core.operations.imports.reconciliation(full, sessionId)).rejects.toMatchObject({ code: 'RIGHT_MISSING', fields: { right: 'import:autotask' } });
    await expect(core.operations.imports.apply(full, sessionId, { companies: [] }, () => undefined)).rejects.toMatchObject({ code: 'RIGHT_MISSING' });
    await core.operations.imports.cancel(full, sessionId);
    expect(await core.operations.locks.holder(master, 'autotask')).toBeNull();
  });

  it('the edge mirrors the core: a technician’s window is refused Administrator channels before any handler runs', async () => {
    const { core } = w;
    const { appSender } = await import('../support/core');
    const windowCaller = core.callerOf('technician-window');
    await core.auth.signIn(windowCaller, { email: 'fenna@msp.example', password: PASSWORD });
    const denied = await core.registrar.invoke('org:tree', undefined, appSender('technician-window'));
    expect(denied).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const allowed = await core.registrar.invoke('directory:listCompanies', undefined, appSender('technician-window'));
    expect(allowed).toMatchObject({ ok: true, value: [] });
  });
});

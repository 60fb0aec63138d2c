/**
 * The organisation tree, the Configuration page's rules, licenses, the password policy and the audit log, through
 * the core's services as a Master Administrator would use them. Runs on both workspaces (the unit-postgres project).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/main/base/caller';
import type { Core } from '../../electron/main/core/create-core';
import { NewTechnicianSchema } from '../../shared/org/schemas';
import { startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Copper-Meadow-Violin-83?';
const master: Caller = { sessionKey: 'master' };

let core: Core;
beforeEach(async () => {
  core = await startCore(tempDir());
  await core.auth.createFirstAdmin(master, { name: 'Mira Master', email: 'mira@msp.example', password: PASSWORD });
}, 60_000);
afterEach(async () => {
  await core.close();
});

const fields = (name: string, email: string, extra: Partial<{ enabled: boolean; standardLicense: boolean; mobileLicense: boolean; ssoId: string }> = {}) => ({
  name,
  nickname: name.split(' ')[0] ?? name,
  email,
  ssoId: '',
  description: '',
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
  ...extra,
});

/** The audit log's organisation entries, oldest first. */
async function orgAudit(): Promise<{ action: string; detail: string | null }[]> {
  const rows = await core.workspace.read.rows(core.workspace.read.q.selectFrom('audit_log').select(['action', 'detail']).orderBy('id'));
  return rows.filter((row) => row.action.startsWith('org.'));
}

describe('the organisation tree', () => {
  it('nests groups, keeps names unique per level, refuses cycles, and deletes only empty groups', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    const nights = await core.org.createGroup(master, { name: 'Night shift', parentId: desk });
    const deeper = await core.org.createGroup(master, { name: 'Weekend', parentId: nights });
    await expect(core.org.createGroup(master, { name: 'night SHIFT', parentId: desk })).rejects.toMatchObject({ code: 'GROUP_NAME_TAKEN' });
    // The same name at another level is fine.
    await core.org.createGroup(master, { name: 'Night shift', parentId: null });
    await expect(core.org.moveGroup(master, { id: desk, parentId: deeper })).rejects.toMatchObject({ code: 'GROUP_CYCLE' });
    await expect(core.org.moveGroup(master, { id: desk, parentId: desk })).rejects.toMatchObject({ code: 'GROUP_CYCLE' });
    await core.org.moveGroup(master, { id: deeper, parentId: desk });
    await expect(core.org.deleteGroup(master, { id: desk })).rejects.toMatchObject({ code: 'GROUP_NOT_EMPTY', fields: { subgroups: '2', technicians: '0' } });
    const technician = await core.org.createTechnician(master, { ...fields('Henk de Boer', 'henk@msp.example'), groupId: nights, password: PASSWORD });
    await expect(core.org.deleteGroup(master, { id: nights })).rejects.toMatchObject({ code: 'GROUP_NOT_EMPTY', fields: { technicians: '1' } });
    await core.org.moveTechnician(master, { id: technician, groupId: deeper });
    await core.org.deleteGroup(master, { id: nights });

    const tree = await core.org.tree(master);
    expect(tree.groups.map(({ name, parentId }) => [name, parentId])).toEqual([
      ['Service desk', null],
      ['Weekend', desk],
      ['Night shift', null],
    ]);
    expect(tree.technicians).toEqual([{ id: technician, groupId: deeper, name: 'Henk de Boer', email: 'henk@msp.example', enabled: true, standardLicense: true, mobileLicense: false }]);
    expect(tree.canCreateTopLevel).toBe(true);
  });

  it('a subgroup starts with its parent’s access rights; its technicians inherit them', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    await core.org.updateGroup(master, { id: desk, name: 'Service desk', description: 'First line', rights: ['import:autotask', 'companies:view'] });
    const nights = await core.org.createGroup(master, { name: 'Night shift', parentId: desk });
    const id = await core.org.createTechnician(master, { ...fields('Henk de Boer', 'henk@msp.example'), groupId: nights, password: PASSWORD });
    expect((await core.org.technician(master, id)).effectiveRights).toEqual(['import:autotask', 'companies:view']);
  });
});

describe('the Configuration page', () => {
  it('creates a technician with every field of the seed, and saves changes', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    const id = await core.org.createTechnician(master, {
      groupId: desk,
      name: 'Henk de Boer',
      nickname: 'Henk',
      email: 'Henk.de.Boer@MSP.example',
      ssoId: 'HB-1042',
      description: 'Works Tuesdays',
      password: PASSWORD,
      enabled: true,
      standardLicense: true,
      mobileLicense: true,
    });
    expect(await core.org.technician(master, id)).toMatchObject({
      name: 'Henk de Boer',
      nickname: 'Henk',
      email: 'Henk.de.Boer@MSP.example',
      ssoId: 'HB-1042',
      description: 'Works Tuesdays',
      enabled: true,
      standardLicense: true,
      mobileLicense: true,
      groupId: desk,
      manageable: true,
    });
    const saved = await core.org.updateTechnician(master, { ...fields('Henk de Boer', 'henk@msp.example'), nickname: 'H.', id, newPassword: null, mobileLicense: true });
    expect(saved).toMatchObject({ nickname: 'H.', email: 'henk@msp.example', mobileLicense: true });
  });

  it('refuses an empty name and an invalid email at the boundary, a duplicate email across technicians and administrators, a taken SSO ID, and a weak password', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    expect(NewTechnicianSchema.safeParse({ ...fields('   ', 'henk@msp.example'), groupId: desk, password: PASSWORD }).error?.issues[0]?.message).toBe('Enter a name');
    expect(NewTechnicianSchema.safeParse({ ...fields('Henk', 'not-an-email'), groupId: desk, password: PASSWORD }).error?.issues[0]?.message).toBe('Enter a valid email address');
    await core.org.createTechnician(master, { ...fields('Henk', 'henk@msp.example', { ssoId: 'HB-1' }), groupId: desk, password: PASSWORD });
    await expect(core.org.createTechnician(master, { ...fields('Other Henk', 'HENK@msp.example'), groupId: desk, password: PASSWORD })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    // The Master Administrator's own address, in other capitals.
    await expect(core.org.createTechnician(master, { ...fields('Mira again', 'MIRA@msp.example'), groupId: desk, password: PASSWORD })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    await expect(core.administrators.create(master, { name: 'Henk admin', email: 'Henk@MSP.example', password: PASSWORD, role: 'admin', groupIds: [] })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    await expect(core.org.createTechnician(master, { ...fields('Kees', 'kees@msp.example', { ssoId: 'HB-1' }), groupId: desk, password: PASSWORD })).rejects.toMatchObject({ code: 'SSO_ID_TAKEN' });
    await expect(core.org.createTechnician(master, { ...fields('Kees', 'kees@msp.example'), groupId: desk, password: 'password1' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    expect((await core.org.tree(master)).technicians.map((technician) => technician.name)).toEqual(['Henk']);
  });
});

describe('technician licenses', () => {
  it('refuses assigning beyond the seats; disabling keeps the standard license and releases the mobile one', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    await core.org.setLicenseSeats(master, { standard: 2, mobile: 1 });
    const henk = await core.org.createTechnician(master, { ...fields('Henk', 'henk@msp.example', { mobileLicense: true }), groupId: desk, password: PASSWORD });
    await expect(core.org.createTechnician(master, { ...fields('Kees', 'kees@msp.example', { mobileLicense: true }), groupId: desk, password: PASSWORD })).rejects.toMatchObject({
      code: 'LICENSES_EXHAUSTED',
      fields: { kind: 'mobile', seats: '1' },
    });
    const kees = await core.org.createTechnician(master, { ...fields('Kees', 'kees@msp.example'), groupId: desk, password: PASSWORD });
    await expect(core.org.createTechnician(master, { ...fields('Piet', 'piet@msp.example'), groupId: desk, password: PASSWORD })).rejects.toMatchObject({ code: 'LICENSES_EXHAUSTED', fields: { kind: 'standard' } });
    expect(await core.org.licenses(master)).toEqual({ standard: { seats: 2, inUse: 2 }, mobile: { seats: 1, inUse: 1 } });
    await expect(core.org.setLicenseSeats(master, { standard: 1, mobile: 1 })).rejects.toMatchObject({ code: 'SEATS_BELOW_IN_USE', fields: { kind: 'standard', inUse: '2' } });

    await core.org.updateTechnician(master, { ...fields('Henk', 'henk@msp.example', { enabled: false, mobileLicense: true }), id: henk, newPassword: null });
    expect(await core.org.technician(master, henk)).toMatchObject({ enabled: false, standardLicense: true, mobileLicense: false });
    expect(await core.org.licenses(master)).toEqual({ standard: { seats: 2, inUse: 2 }, mobile: { seats: 1, inUse: 0 } });
    // The released mobile license goes to someone else.
    await core.org.updateTechnician(master, { ...fields('Kees', 'kees@msp.example', { mobileLicense: true }), id: kees, newPassword: null });
    expect((await core.org.licenses(master)).mobile).toEqual({ seats: 1, inUse: 1 });
  });
});

describe('the password policy', () => {
  it('a technician created, or given a new password, by an administrator must change it at the next sign-in while the setting is on', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    expect((await core.org.settings(master)).passwordPolicy.adminChangesForceChange).toBe(true);
    const henk = await core.org.createTechnician(master, { ...fields('Henk', 'henk@msp.example'), groupId: desk, password: PASSWORD });
    const technician: Caller = { sessionKey: 'henk' };
    expect(await core.auth.signIn(technician, { email: 'henk@msp.example', password: PASSWORD })).toMatchObject({ role: 'technician', mustChangePassword: true });
    await expect(core.operations.psa.connections(technician)).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    await core.auth.changePassword(technician, { currentPassword: PASSWORD, newPassword: 'Lantern-Quiet-Harbour-77?' });
    expect(await core.operations.psa.connections(technician)).toHaveLength(2);

    await core.org.updateTechnician(master, { ...fields('Henk', 'henk@msp.example'), id: henk, newPassword: 'Another-Long-Phrase-42!' });
    expect((await core.auth.signIn(technician, { email: 'henk@msp.example', password: 'Another-Long-Phrase-42!' })).mustChangePassword).toBe(true);

    const settings = await core.org.settings(master);
    await core.org.setSettings(master, { ...settings, passwordPolicy: { ...settings.passwordPolicy, adminChangesForceChange: false, minScore: 4, minLength: 16 } });
    await expect(core.org.updateTechnician(master, { ...fields('Henk', 'henk@msp.example'), id: henk, newPassword: 'Short-Phrase-9!' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD', fields: { newPassword: expect.stringContaining('too-short') as unknown } });
    await core.org.updateTechnician(master, { ...fields('Henk', 'henk@msp.example'), id: henk, newPassword: 'Violet-Harbour-Lantern-Quietly-88?' });
    expect((await core.auth.signIn(technician, { email: 'henk@msp.example', password: 'Violet-Harbour-Lantern-Quietly-88?' })).mustChangePassword).toBe(false);
  });
});

describe('administrators', () => {
  it('the workspace keeps one enabled Master Administrator', async () => {
    const [mira] = await core.administrators.list(master);
    await expect(core.administrators.update(master, { id: mira!.id, role: 'admin', enabled: true, groupIds: [] })).rejects.toMatchObject({ code: 'LAST_MASTER_ADMIN' });
    await expect(core.administrators.update(master, { id: mira!.id, role: 'master_admin', enabled: false, groupIds: [] })).rejects.toMatchObject({ code: 'LAST_MASTER_ADMIN' });
    await core.administrators.create(master, { name: 'Ann', email: 'ann@msp.example', password: PASSWORD, role: 'master_admin', groupIds: [] });
    // Demoted: Mira's next call as a Master Administrator is refused; Ann now manages the administrators.
    await core.administrators.update(master, { id: mira!.id, role: 'admin', enabled: true, groupIds: [] });
    await expect(core.administrators.list(master)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    const ann: Caller = { sessionKey: 'ann' };
    await core.auth.signIn(ann, { email: 'ann@msp.example', password: PASSWORD });
    await core.auth.changePassword(ann, { currentPassword: PASSWORD, newPassword: 'Lantern-Quiet-Harbour-77?' });
    expect((await core.administrators.list(ann)).map((row) => [row.name, row.role, row.enabled])).toEqual([
      ['Ann', 'master_admin', true],
      ['Mira Master', 'admin', true],
    ]);
  });
});

describe('the audit log', () => {
  it('says who changed what, with before and after, and never a password', async () => {
    const desk = await core.org.createGroup(master, { name: 'Service desk', parentId: null });
    const henk = await core.org.createTechnician(master, { ...fields('Henk', 'henk@msp.example'), groupId: desk, password: PASSWORD });
    await core.org.updateTechnician(master, { ...fields('Henk de Boer', 'henk@msp.example'), id: henk, newPassword: 'Another-Long-Phrase-42!' });
    await core.org.updateGroup(master, { id: desk, name: 'Service desk', description: '', rights: ['export'] });
    const entries = await orgAudit();
    expect(entries.map((entry) => entry.action)).toEqual(['org.group_created', 'org.technician_created', 'org.technician_changed', 'org.group_changed']);
    const changed = JSON.parse(entries[2]!.detail ?? '{}') as { changes: Record<string, unknown> };
    expect(changed.changes).toEqual({ name: { from: 'Henk', to: 'Henk de Boer' }, password: 'set by an administrator' });
    expect(JSON.parse(entries[3]!.detail ?? '{}')).toMatchObject({ changes: { rights: { from: [], to: ['export'] } } });
    const everything = JSON.stringify(await core.workspace.read.rows(core.workspace.read.q.selectFrom('audit_log').selectAll()));
    for (const secret of [PASSWORD, 'Another-Long-Phrase-42!']) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('scrypt$');
  });
});

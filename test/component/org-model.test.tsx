/** The Technicians area's logic: the tree's nodes, where a drag may drop, the Configuration page's draft, and refusals at their fields. */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/languages';
import type { OrgTree } from '../../shared/org/schemas';
import { buildNodes, canDrop, changesInput, editDraft, emptyDraft, groupPath, isDraftDirty, nestTargets, problemMessages, type GroupNode } from '../../renderer/screens/org/org-model';

const group = (id: number, name: string, parentId: number | null, manageable = true) => ({ id, name, parentId, description: '', rights: [], manageable });
const technician = (id: string, name: string, groupId: number) => ({ id, groupId, name, email: `${id}@example.nl`, enabled: true, standardLicense: true, mobileLicense: false });

const TREE: OrgTree = {
  groups: [group(1, 'Service desk', null), group(2, 'Nights', 1), group(3, 'Projects', null, false), group(4, 'Weekend', 2)],
  technicians: [technician('b', 'Bram', 1), technician('a', 'Anouk', 1), technician('p', 'Piet', 3)],
  canCreateTopLevel: true,
};

const t = i18next.getFixedT('en');
beforeAll(async () => {
  await i18next.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

describe('the organisation tree', () => {
  it('nests groups, then their technicians, each in order', () => {
    const nodes = buildNodes(TREE, 'en');
    expect(nodes.map((node) => node.group.name)).toEqual(['Projects', 'Service desk']);
    const desk = nodes[1] as GroupNode;
    expect(desk.children.map((child) => (child.kind === 'group' ? `group ${child.group.name}` : child.technician.name))).toEqual(['group Nights', 'Anouk', 'Bram']);
    expect(desk.technicianCount).toBe(2);
    expect(desk.subgroupCount).toBe(1);
    expect(groupPath(TREE, 4)).toBe('Service desk / Nights / Weekend');
  });

  it('shows a group whose parent is out of sight at the top, and survives a cycle', () => {
    const cyclic: OrgTree = { ...TREE, groups: [group(7, 'Orphan', 99), group(8, 'A', 9), group(9, 'B', 8)] };
    expect(buildNodes(cyclic, 'en').map((node) => node.group.name)).toEqual(['Orphan']);
    expect(groupPath(cyclic, 8)).toBe('B / A');
  });

  it('lets a drag drop only where the core would allow it', () => {
    expect(canDrop(TREE, { kind: 'technician', id: 'a' }, 2)).toBe(true);
    expect(canDrop(TREE, { kind: 'technician', id: 'a' }, 1)).toBe(false); // its own group
    expect(canDrop(TREE, { kind: 'technician', id: 'a' }, 3)).toBe(false); // a group the caller does not manage
    expect(canDrop(TREE, { kind: 'technician', id: 'p' }, 1)).toBe(false); // from a group the caller does not manage
    expect(canDrop(TREE, { kind: 'technician', id: 'a' }, null)).toBe(false); // technicians are always in a group
    expect(canDrop(TREE, { kind: 'group', id: 1 }, 4)).toBe(false); // inside its own subgroup
    expect(canDrop(TREE, { kind: 'group', id: 2 }, null)).toBe(true);
    expect(canDrop({ ...TREE, canCreateTopLevel: false }, { kind: 'group', id: 2 }, null)).toBe(false);
    expect(nestTargets(TREE, 1, 'en').map((option) => option.label)).toEqual([]);
    expect(nestTargets(TREE, 4, 'en').map((option) => option.label)).toEqual(['Service desk']);
  });
});

describe('the Configuration page’s draft', () => {
  it('is dirty only when something differs, and a new password alone counts', () => {
    const saved = { ...emptyDraft(1), id: 'x', name: 'Henk', email: 'henk@example.nl' };
    expect(isDraftDirty(saved, saved)).toBe(false);
    expect(isDraftDirty(editDraft(saved, { nickname: 'H' }), saved)).toBe(true);
    expect(isDraftDirty(editDraft(saved, { password: 'secret' }), saved)).toBe(true);
    expect(isDraftDirty(editDraft(editDraft(saved, { nickname: 'H' }), { nickname: '' }), saved)).toBe(false);
  });

  it('mirrors the license rule: disabling gives the mobile license back', () => {
    const draft = editDraft({ ...emptyDraft(1), mobileLicense: true }, { enabled: false });
    expect(draft.mobileLicense).toBe(false);
    expect(draft.standardLicense).toBe(true);
  });

  it('keeps the password when the field is left empty', () => {
    const draft = { ...emptyDraft(1), id: 'x', name: 'Henk', email: 'henk@example.nl' };
    expect(changesInput(draft).newPassword).toBeNull();
    expect(changesInput({ ...draft, password: 'Long-And-Strong-42' }).newPassword).toBe('Long-And-Strong-42');
  });

  it('puts each refusal of the core at its field', () => {
    const policy = { minLength: 10, minScore: 3, adminChangesForceChange: true };
    expect(problemMessages(t, { code: 'VALIDATION_FAILED', fields: { name: 'Enter a name', email: 'Enter a valid email address' } }, policy)).toEqual({
      name: 'Enter a name.',
      email: 'Enter a valid email address, like name@example.com.',
    });
    expect(problemMessages(t, { code: 'EMAIL_TAKEN', fields: { email: 'taken' } }, policy).email).toMatch(/already uses this email address/);
    expect(problemMessages(t, { code: 'SSO_ID_TAKEN', fields: { ssoId: 'taken' } }, policy).ssoId).toMatch(/single sign-on ID/);
    expect(problemMessages(t, { code: 'WEAK_PASSWORD', fields: { password: 'too-weak' } }, policy).password).toBe(
      'The password does not meet the password policy. At least 10 characters and a strength of “Strong” or better.',
    );
    expect(problemMessages(t, { code: 'LICENSES_EXHAUSTED', fields: { kind: 'mobile', seats: '1500' } }, policy)).toEqual({
      mobileLicense: 'All 1,500 mobile licenses are assigned. Take one from another technician, or raise the number under Technicians → Global settings → Technician licenses.',
    });
    expect(problemMessages(t, { code: 'GROUP_NOT_IN_SCOPE', fields: {} }, policy)).toEqual({ general: 'You are not assigned to this technician group. A Master Administrator can assign it to you.' });
  });

  it('names a missing right by its label', () => {
    expect(problemMessages(t, { code: 'RIGHT_MISSING', fields: { right: 'import:connectwise' } }, null).general).toBe(
      'Your technician group does not have the right “Import from ConnectWise PSA”. Ask an administrator to grant it to the group.',
    );
  });
});

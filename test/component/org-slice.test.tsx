/** The Technicians area's state in the store: unsaved changes guard the selection and the side navigation; saving creates, then shows the new technician. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppApi } from '../../shared/ipc/api';
import type { OrgTree, TechnicianDetail } from '../../shared/org/schemas';
import { useAppStore } from '../../renderer/store';

const TREE: OrgTree = {
  groups: [{ id: 1, name: 'Service desk', parentId: null, description: '', rights: ['export'], manageable: true }],
  technicians: [{ id: 't-1', groupId: 1, name: 'Henk', email: 'henk@example.nl', enabled: true, standardLicense: true, mobileLicense: false }],
  canCreateTopLevel: true,
};
const detail = (id: string, name: string): TechnicianDetail => ({
  id,
  groupId: 1,
  name,
  nickname: '',
  email: `${id}@example.nl`,
  ssoId: '',
  description: '',
  enabled: true,
  standardLicense: true,
  mobileLicense: false,
  effectiveRights: ['export'],
  mustChangePassword: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  lastSignInAt: null,
  manageable: true,
});

const calls: string[] = [];
const created: Array<OrgTree['technicians'][number]> = [];
let createAnswer: { ok: boolean; value?: unknown; error?: unknown } = { ok: true, value: { id: 't-2' } };
const ok = (value: unknown) => Promise.resolve({ ok: true, value });
const fakeApi = {
  on: () => () => undefined,
  org: {
    tree: () => ok({ ...TREE, technicians: [...TREE.technicians, ...created] }),
    licenses: () => ok({ standard: { seats: 10, inUse: 1 }, mobile: { seats: 5, inUse: 0 } }),
    settings: () => ok({ passwordPolicy: { minLength: 10, minScore: 3, adminChangesForceChange: true }, org: { showGroupsOnlyToAssigned: false } }),
    technician: ({ id }: { id: string }) => ok(detail(id, id === 't-2' ? 'Anouk' : 'Henk')),
    createTechnician: (input: { name: string }) => {
      calls.push(`create ${input.name}`);
      if (createAnswer.ok) created.push({ ...TREE.technicians[0]!, id: 't-2', name: input.name });
      return Promise.resolve(createAnswer);
    },
  },
} as unknown as AppApi;

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};
const state = () => useAppStore.getState();

beforeEach(async () => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  calls.length = 0;
  created.length = 0;
  createAnswer = { ok: true, value: { id: 't-2' } };
  useAppStore.setState({ area: 'technicians', session: { adminId: 'm-1', name: 'M', email: 'm@example.nl', role: 'master_admin', mustChangePassword: false, rights: [] } });
  await state().orgLoad();
});
afterEach(() => {
  state().orgDiscardDraft();
  useAppStore.setState({ orgSelected: null, orgPending: null, pendingArea: null, area: 'managedCompanies' });
});

describe('the organisation in the store', () => {
  it('asks before leaving a technician with unsaved changes, and keeps them when told to', async () => {
    state().orgSelect({ kind: 'technician', id: 't-1' });
    await until(() => state().orgDraft !== null);
    state().orgEdit({ nickname: 'Henkie' });
    expect(state().unsavedChanges).toBe(true);

    state().orgSelect({ kind: 'group', id: 1 });
    expect(state().orgPending).toEqual({ kind: 'select', node: { kind: 'group', id: 1 } });
    expect(state().orgSelected).toEqual({ kind: 'technician', id: 't-1' });
    state().orgCancelPending();
    expect(state().orgDraft?.nickname).toBe('Henkie');

    // The side navigation asks too.
    state().goTo('settings');
    expect(state().area).toBe('technicians');
    expect(state().pendingArea).toBe('settings');
    state().stayHere();

    state().orgSelect({ kind: 'group', id: 1 });
    state().orgConfirmPending();
    expect(state().orgSelected).toEqual({ kind: 'group', id: 1 });
    expect(state().orgDraft).toBeNull();
    expect(state().unsavedChanges).toBe(false);
    state().goTo('settings');
    expect(state().area).toBe('settings');
  });

  it('creates a technician, then shows its saved page', async () => {
    state().orgStartNew(1);
    expect(state().orgDraft).toMatchObject({ id: null, groupId: 1, enabled: true, standardLicense: true });
    expect(state().unsavedChanges).toBe(false);
    state().orgEdit({ name: 'Anouk', email: 't-2@example.nl', password: 'Long-And-Strong-42' });
    expect(await state().orgSave()).toBe(true);
    expect(calls).toEqual(['create Anouk']);
    expect(state().orgSelected).toEqual({ kind: 'technician', id: 't-2' });
    expect(state().orgDraft).toMatchObject({ id: 't-2', name: 'Anouk', password: '' });
    expect(state().unsavedChanges).toBe(false);
  });

  it('keeps the draft and the core’s refusal when saving fails', async () => {
    createAnswer = { ok: false, error: { code: 'EMAIL_TAKEN', message: 'taken', fields: { email: 'taken' } } };
    state().orgStartNew(1);
    state().orgEdit({ name: 'Anouk', email: 'henk@example.nl', password: 'Long-And-Strong-42' });
    expect(await state().orgSave()).toBe(false);
    expect(state().orgProblem).toEqual({ code: 'EMAIL_TAKEN', fields: { email: 'taken' } });
    expect(state().orgDraft).toMatchObject({ id: null, name: 'Anouk' });
    expect(state().unsavedChanges).toBe(true);
    // Typing again clears the refusal.
    state().orgEdit({ email: 'anouk@example.nl' });
    expect(state().orgProblem).toBeNull();
  });
});

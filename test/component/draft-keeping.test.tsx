/** The wizard's decisions kept as they change (renderer/store/draft-keeping.ts), and Resume opening the wizard with them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportDraft } from '../../shared/import/draft';
import type { AppApi } from '../../shared/ipc/api';
import { useAppStore } from '../../renderer/store';
import { flushDraft, keepDraftsWhileEditing } from '../../renderer/store/draft-keeping';

const kept: ImportDraft = { selected: { '1': true }, companies: { '1': { kind: 'create' } }, users: {}, notes: { '1': 'Ask Henk' } };
const row = (id: string) => ({ psaCompanyId: id, name: `Company ${id}`, typeLabel: null, active: true, status: 'unmapped', managedCompany: null, candidates: [], lastImportedAt: null, renamedFrom: null, contacts: 0 });
const saves: ImportDraft[] = [];
let keptAnswers: boolean[] = [];

const fakeApi = {
  on: () => () => undefined,
  import: {
    resume: () => Promise.resolve({ ok: true, value: { outcome: 'started', sessionId: 's-1', psa: 'autotask', filter: {}, draft: kept } }),
    reconciliation: () => Promise.resolve({ ok: true, value: { inPsa: [row('1'), row('2')], notInPsa: [] } }),
    saveDraft: ({ draft }: { draft: ImportDraft }) => {
      saves.push(draft);
      return Promise.resolve({ ok: true, value: { kept: keptAnswers.shift() ?? true } });
    },
    cancel: () => Promise.resolve({ ok: true, value: null }),
  },
} as unknown as AppApi;

let stop: () => void = () => undefined;
beforeEach(() => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  saves.length = 0;
  keptAnswers = [];
  stop = keepDraftsWhileEditing(useAppStore);
});
afterEach(() => {
  stop();
  useAppStore.getState().closeWizard();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await wait(10);
};

describe('decisions kept while editing', () => {
  it('Resume opens the companies with the decisions kept, and saves nothing until one changes', async () => {
    await useAppStore.getState().resumeImport({ id: 'snap-1', psa: 'autotask' });
    await until(() => useAppStore.getState().wizard?.step === 'companies');
    expect(useAppStore.getState().wizard).toMatchObject({ psa: 'autotask', step: 'companies', choices: kept, session: { sessionId: 's-1' } });
    await wait(1_000);
    expect(saves).toEqual([]);
  });

  it('saves a short while after the last change, and again while the download is still being kept', async () => {
    await useAppStore.getState().resumeImport({ id: 'snap-1', psa: 'autotask' });
    await until(() => useAppStore.getState().wizard?.step === 'companies');
    keptAnswers = [false];
    useAppStore.getState().setSelected(['2'], true);
    useAppStore.getState().setSelected(['1'], false);
    await until(() => saves.length >= 2);
    // One save for the burst of two clicks, then the same decisions once more after "not kept yet".
    expect(saves).toHaveLength(2);
    expect(saves[0]).toEqual({ ...kept, selected: { '2': true } });
    expect(saves[1]).toBe(saves[0]);
    await wait(1_200);
    expect(saves).toHaveLength(2);
  });

  it('a change still waiting for its moment is saved at once before a sign-out, and only once', async () => {
    await useAppStore.getState().resumeImport({ id: 'snap-1', psa: 'autotask' });
    await until(() => useAppStore.getState().wizard?.step === 'companies');
    useAppStore.getState().setCompanyNote('2', 'Check the address with Henk');
    await flushDraft();
    expect(saves).toEqual([{ ...kept, notes: { ...kept.notes, '2': 'Check the address with Henk' } }]);
    await wait(1_000);
    expect(saves).toHaveLength(1);
    await flushDraft();
    expect(saves).toHaveLength(1);
  });
});

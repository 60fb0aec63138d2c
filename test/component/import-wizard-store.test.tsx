/** The import wizard's state in the store: events heard without the screen, early download events kept, a released lock told. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppApi } from '../../shared/ipc/api';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { useAppStore } from '../../renderer/store';
import { hasChoices, subscribeWizardEvents } from '../../renderer/store/slices/import-wizard.slice';
import { NO_CHOICES } from '../../renderer/screens/import/plan-builder';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
const calls: string[] = [];
let startAnswer: () => void = () => undefined;

const fakeApi = {
  on: (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? listeners.set(event, new Set()).get(event)!;
    set.add(listener);
    return () => set.delete(listener);
  },
  import: {
    // The download's events arrive before import.start answers (a small download).
    start: () =>
      new Promise((resolve) => {
        startAnswer = () => resolve({ ok: true, value: { outcome: 'started', sessionId: 's-1', jobId: 'j-1' } });
      }),
    reconciliation: () => {
      calls.push('reconciliation');
      return Promise.resolve({ ok: true, value: { inPsa: [], notInPsa: [] } });
    },
    cancel: () => {
      calls.push('cancel');
      return Promise.resolve({ ok: true, value: null });
    },
  },
} as unknown as AppApi;

let unsubscribe: () => void = () => undefined;
beforeEach(() => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  calls.length = 0;
  unsubscribe = subscribeWizardEvents(useAppStore);
  useAppStore.getState().openWizard('autotask');
});
afterEach(() => {
  unsubscribe();
  useAppStore.getState().closeWizard();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the wizard in the store', () => {
  it('keeps a download’s events that arrive before import.start answers, then shows the companies', async () => {
    const started = useAppStore.getState().startImport(DEFAULT_PSA_FILTER);
    emit('fetchProgress', { jobId: 'j-1', phase: 'companies', done: 3, total: 3 });
    emit('fetchFinished', { jobId: 'j-1', outcome: 'completed', error: null, companies: 3, contacts: 0 });
    startAnswer();
    await started;
    await until(() => useAppStore.getState().wizard?.step === 'companies');
    const wizard = useAppStore.getState().wizard;
    expect(wizard?.step).toBe('companies');
    expect(wizard?.progress.companies).toMatchObject({ done: 3, total: 3 });
    expect(calls).toEqual(['reconciliation']);
  });

  it('a released lock is told to the wizard for that PSA only, ending its session', async () => {
    const started = useAppStore.getState().startImport(DEFAULT_PSA_FILTER);
    startAnswer();
    await started;
    useAppStore.getState().setSelected(['1'], true);
    emit('lockReleased', { psa: 'connectwise', byName: 'Mira', byYou: false });
    expect(useAppStore.getState().wizard?.released).toBeNull();
    emit('lockReleased', { psa: 'autotask', byName: 'Mira', byYou: false });
    expect(useAppStore.getState().wizard).toMatchObject({ released: { byName: 'Mira', byYou: false }, session: null });
    // Start again: a fresh wizard at the filter, nothing left of the lost choices.
    useAppStore.getState().restartWizard();
    expect(useAppStore.getState().wizard).toMatchObject({ step: 'filter', released: null, choices: NO_CHOICES });
  });

  it('counts a selection or a decision as a choice that Cancel would lose', () => {
    expect(hasChoices(NO_CHOICES)).toBe(false);
    expect(hasChoices({ ...NO_CHOICES, selected: { '1': true } })).toBe(true);
    expect(hasChoices({ ...NO_CHOICES, companies: { '1': { kind: 'create' } } })).toBe(true);
    expect(hasChoices({ ...NO_CHOICES, users: { '1': 'all' } })).toBe(true);
  });
});

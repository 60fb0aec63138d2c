import type { StateCreator } from 'zustand';
import type { ImportResults } from '../../../shared/import/plan';
import { failedCount } from '../../../shared/import/retry';
import type { ReconciliationView } from '../../../shared/import/session';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/result';
import type { PsaErrorView } from '../../../shared/psa/errors';
import type { FetchFinishedEvent } from '../../../shared/psa/fetch-events';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { FetchProgress } from '../../../shared/psa/records';
import { api, ApiError, errorCodeOf, unwrap } from '../../api/client';
import { buildPlan, NO_CHOICES, type CompanyChoice, type UserSelection, type WizardChoices } from '../../screens/import/plan-builder';
import type { RetryState } from '../../screens/import/ResultsStep';
import type { AppState } from '../index';
import type { ReviewState } from './preview.slice';

const NO_RETRY: RetryState = { busy: false, lockLost: false, last: null };

/** 'drift': apply later of a preview under review, the drift against the workspace now listed before the apply. */
export type WizardStep = 'filter' | 'download' | 'companies' | 'users' | 'drift' | 'applying' | 'results';
export type DownloadProgress = Partial<Record<FetchProgress['phase'], FetchProgress>>;

/**
 * The import wizard, whole: where it is, its session with the core, the download, the technician's choices and
 * what came of them. It lives here rather than in the screen, so leaving the wizard through the side navigation
 * and coming back resumes it, and the download's events are heard while the screen is not shown.
 */
export interface WizardState {
  readonly psa: PsaKind;
  readonly choices: WizardChoices;
  readonly step: WizardStep;
  readonly session: { readonly sessionId: string; readonly jobId: string } | null;
  readonly progress: DownloadProgress;
  readonly failure: PsaErrorView | null;
  /** import:start found the integration locked: by whom, since when. */
  readonly locked: { readonly holderName: string; readonly holderAdminId: string; readonly since: string } | null;
  /** The reconciled download: the wizard's data, kept here once (steps read it, never copy it). */
  readonly view: ReconciliationView | null;
  readonly applied: { readonly done: number; readonly total: number } | null;
  readonly results: ImportResults | null;
  /** A Master Administrator released this wizard's lock: its session ended and its choices were not applied. */
  readonly released: { readonly byName: string; readonly byYou: boolean } | null;
  /** Retrying the failed items of the results: under way, refused for a lost lock, or how the last one went. */
  readonly retry: RetryState;
  /** A failure of work the wizard did on its own (reading the reconciliation once the download finished). */
  readonly error: ErrorCode | null;
  /** An import preview opened from a file, under review (see preview.slice.ts); null in an import from the PSA. */
  readonly review: ReviewState | null;
}

export interface ImportWizardSlice {
  wizard: WizardState | null;
  openWizard(psa: PsaKind): void;
  closeWizard(): void;
  setSelected(psaCompanyIds: readonly string[], selected: boolean): void;
  setCompanyChoice(psaCompanyId: string, choice: CompanyChoice): void;
  setUserChoices(psaCompanyIds: readonly string[], users: UserSelection): void;
  /** The technician's note on a company (kept with the decisions, saved with a preview); empty removes it. */
  setCompanyNote(psaCompanyId: string, note: string): void;
  /** Companies ⇄ users: moving between the steps that only show the download. */
  showWizardStep(step: 'companies' | 'users'): void;
  /** "Continue" on the filter: takes the lock and starts the download; "locked" goes to the results page naming the holder. */
  startImport(filter: PsaFilter): Promise<void>;
  /**
   * Resume (Unfinished imports): a session on a download kept in the workspace, with the decisions kept with it,
   * reconciled against the directory as it is now; "locked" goes to the results page naming the holder.
   */
  resumeImport(snapshot: { readonly id: string; readonly psa: PsaKind }): Promise<void>;
  /** Ends the session if it still runs (a failed download still holds the lock) and closes the wizard. */
  cancelImport(): Promise<void>;
  /** Back to the filter: the download is dropped and the lock released; Continue there starts afresh. */
  backToFilter(): Promise<void>;
  /** After a lock was released under this wizard: a fresh start at the filter, choices cleared. */
  restartWizard(): void;
  forceReleaseLock(): Promise<void>;
  applyImport(): Promise<void>;
  /** Every company's contact choices at once (undo of "Grant access to every contact", "Choose who gets seats"). */
  replaceUserChoices(users: Readonly<Record<string, UserSelection>>): void;
  /** "Retry the failed items": the session kept its lock since the apply; only what failed is applied again. */
  retryFailed(): Promise<void>;
}

export const FRESH_WIZARD = {
  choices: NO_CHOICES,
  step: 'filter',
  session: null,
  progress: {},
  failure: null,
  locked: null,
  view: null,
  applied: null,
  results: null,
  released: null,
  retry: NO_RETRY,
  error: null,
  review: null,
} as const satisfies Omit<WizardState, 'psa'>;

/** Whether cancelling would lose something the technician chose (a selection or a decision). */
export function hasChoices(choices: WizardChoices): boolean {
  return Object.keys(choices.selected).length > 0 || Object.keys(choices.companies).length > 0 || Object.keys(choices.users).length > 0;
}

/**
 * Download events per job. A small download can finish before import.start has even answered, so events for a
 * job the wizard does not know yet are kept, and read once the job id is known.
 */
const pendingJobs = new Map<string, { progress: DownloadProgress; finished?: FetchFinishedEvent }>();

type Set = Parameters<StateCreator<AppState, [], [], ImportWizardSlice>>[0];
type Get = () => AppState;

export const createImportWizardSlice: StateCreator<AppState, [], [], ImportWizardSlice> = (set, get) => {
  /** Changes the wizard if it is still open (an answer may arrive after Cancel). */
  const patch = (change: Partial<WizardState> | ((wizard: WizardState) => Partial<WizardState>)) =>
    set((state) => (state.wizard ? { wizard: { ...state.wizard, ...(typeof change === 'function' ? change(state.wizard) : change) } } : {}));
  const update = (change: (choices: WizardChoices) => WizardChoices) => patch((wizard) => ({ choices: change(wizard.choices) }));
  const endSession = async () => {
    const session = get().wizard?.session;
    if (session) await unwrap(api().import.cancel({ sessionId: session.sessionId }));
  };
  return {
    wizard: null,
    openWizard: (psa) => {
      pendingJobs.clear();
      set({ wizard: { psa, ...FRESH_WIZARD } });
    },
    closeWizard: () => {
      pendingJobs.clear();
      set({ wizard: null });
    },
    setSelected: (ids, selected) =>
      update((choices) => {
        const next = { ...choices.selected };
        for (const id of ids) {
          if (selected) next[id] = true;
          else delete next[id];
        }
        return { ...choices, selected: next };
      }),
    setCompanyChoice: (id, choice) => update((choices) => ({ ...choices, companies: { ...choices.companies, [id]: choice } })),
    setCompanyNote: (id, note) =>
      update((choices) => {
        const { [id]: _before, ...notes } = choices.notes;
        void _before;
        const text = note.trim();
        return { ...choices, notes: text === '' ? notes : { ...notes, [id]: text } };
      }),
    setUserChoices: (ids, users) => update((choices) => ({ ...choices, users: { ...choices.users, ...Object.fromEntries(ids.map((id) => [id, users])) } })),
    showWizardStep: (step) => patch({ step }),

    startImport: async (filter) => {
      const wizard = get().wizard;
      if (!wizard) return;
      patch({ locked: null, failure: null, released: null, error: null });
      pendingJobs.clear();
      const started = await unwrap(api().import.start({ psa: wizard.psa, filter }));
      if (get().wizard?.psa !== wizard.psa) {
        // Closed meanwhile: the session just started is nobody's.
        if (started.outcome === 'started') await unwrap(api().import.cancel({ sessionId: started.sessionId }));
        return;
      }
      if (started.outcome === 'locked') {
        // The seed shows this on the results page: "Another administrator is already working with this integration".
        patch({ locked: { holderName: started.heldBy.holderName, holderAdminId: started.heldBy.holderAdminId, since: started.heldBy.since }, step: 'results' });
        return;
      }
      const early = pendingJobs.get(started.jobId);
      pendingJobs.delete(started.jobId);
      patch({ session: { sessionId: started.sessionId, jobId: started.jobId }, progress: { ...early?.progress }, view: null, step: 'download' });
      if (early?.finished) downloadFinished(set, get, early.finished);
    },

    resumeImport: async (snapshot) => {
      pendingJobs.clear();
      const resumed = await unwrap(api().import.resume({ snapshotId: snapshot.id }));
      if (resumed.outcome === 'locked') {
        set({ wizard: { psa: snapshot.psa, ...FRESH_WIZARD, locked: { holderName: resumed.heldBy.holderName, holderAdminId: resumed.heldBy.holderAdminId, since: resumed.heldBy.since }, step: 'results' } });
        return;
      }
      // No download to wait for: the session's data is the kept one.
      const session = { sessionId: resumed.sessionId, jobId: '' };
      set({ wizard: { psa: resumed.psa, ...FRESH_WIZARD, choices: resumed.draft ?? NO_CHOICES, session, step: 'download' } });
      showReconciliation(set, get, session);
    },

    cancelImport: async () => {
      // A preview under review has its own end: its file is closed in main, with the session of an apply-later.
      if (get().wizard?.review) return get().closePreview();
      await endSession();
      get().closeWizard();
    },

    backToFilter: async () => {
      await endSession();
      patch({ session: null, view: null, step: 'filter' });
    },

    restartWizard: () => {
      const wizard = get().wizard;
      // A preview's apply-later lost its lock: back to the review as saved, which needs none.
      if (wizard?.review) void get().backToReview().catch(() => undefined);
      else if (wizard) get().openWizard(wizard.psa);
    },

    forceReleaseLock: async () => {
      const wizard = get().wizard;
      if (!wizard) return;
      await unwrap(api().locks.forceRelease({ psa: wizard.psa }));
      patch({ locked: null, step: 'filter' });
    },

    applyImport: async () => {
      const { session, view, choices } = get().wizard ?? {};
      if (!session || !view || !choices) return;
      patch({ step: 'applying', applied: null, retry: NO_RETRY });
      try {
        const results = await unwrap(api().import.apply({ sessionId: session.sessionId, plan: buildPlan(view.inPsa, choices).plan }));
        patch({ results, step: 'results' });
      } catch (error) {
        // The lock was lost (expired or released by a Master Administrator): nothing more was written; say so on the results page.
        if (error instanceof ApiError && error.code === 'INTEGRATION_LOCKED') patch({ failure: { kind: 'integration-locked', detail: error.message }, step: 'results' });
        else {
          patch({ step: 'users' });
          throw error;
        }
      }
    },
    replaceUserChoices: (users) => update((choices) => ({ ...choices, users })),

    retryFailed: async () => {
      const { session, results } = get().wizard ?? {};
      if (!session || !results) return;
      const before = failedCount(results);
      patch((wizard) => ({ retry: { ...wizard.retry, busy: true } }));
      try {
        const merged = await unwrap(api().import.retryFailed({ sessionId: session.sessionId }));
        const still = failedCount(merged);
        patch({ results: merged, retry: { busy: false, lockLost: false, last: { succeeded: before - still, failed: still } } });
      } catch (error) {
        const lockLost = error instanceof ApiError && error.code === 'INTEGRATION_LOCKED';
        patch((wizard) => ({ retry: { ...wizard.retry, busy: false, lockLost } }));
        if (!lockLost) throw error;
      }
    },
  };
};

/** The download finished: a completed one is reconciled and shown; a failed one goes to the results page. */
function downloadFinished(set: Set, get: Get, finished: FetchFinishedEvent): void {
  const wizard = get().wizard;
  if (!wizard?.session || wizard.session.jobId !== finished.jobId || wizard.step !== 'download') return;
  const session = wizard.session;
  if (finished.outcome === 'failed') {
    set({ wizard: { ...wizard, failure: finished.error, step: 'results' } });
    return;
  }
  if (finished.outcome !== 'completed') return;
  showReconciliation(set, get, session);
}

/** Reads the reconciled download and shows the companies step (or the wizard's error). */
function showReconciliation(set: Set, get: Get, session: { readonly sessionId: string }): void {
  const stillHere = () => get().wizard?.session?.sessionId === session.sessionId;
  unwrap(api().import.reconciliation({ sessionId: session.sessionId })).then(
    (view) => {
      if (!stillHere()) return;
      // For bench:table: "first render of the table after the data arrives".
      performance.mark('msp:reconciliation-arrived');
      set((state) => (state.wizard ? { wizard: { ...state.wizard, view, step: 'companies' } } : {}));
    },
    (error: unknown) => {
      if (stillHere()) set((state) => (state.wizard ? { wizard: { ...state.wizard, error: errorCodeOf(error) } } : {}));
    },
  );
}

/**
 * Listens, for the app's whole life, to what main pushes about the wizard's work: download progress and its end,
 * the apply's progress, and a Master Administrator releasing this window's lock. Returns the unsubscribe.
 */
export function subscribeWizardEvents(store: { getState: Get; setState: Set }): () => void {
  const { getState: get, setState: set } = store;
  const known = (jobId: string) => get().wizard?.session?.jobId === jobId;
  const pending = (jobId: string) => pendingJobs.get(jobId) ?? pendingJobs.set(jobId, { progress: {} }).get(jobId)!;
  const offs = [
    api().on('fetchProgress', (event: EventPayload<'fetchProgress'>) => {
      if (!known(event.jobId)) {
        if (get().wizard) pending(event.jobId).progress[event.phase] = event;
        return;
      }
      set((state) => (state.wizard ? { wizard: { ...state.wizard, progress: { ...state.wizard.progress, [event.phase]: event } } } : {}));
    }),
    api().on('fetchFinished', (event: EventPayload<'fetchFinished'>) => {
      if (known(event.jobId)) downloadFinished(set, get, event);
      else if (get().wizard) pending(event.jobId).finished = event;
    }),
    api().on('importProgress', (event: EventPayload<'importProgress'>) => {
      set((state) => (state.wizard?.session?.sessionId === event.sessionId ? { wizard: { ...state.wizard, applied: { done: event.done, total: event.total } } } : {}));
    }),
    api().on('lockReleased', (event: EventPayload<'lockReleased'>) => {
      // The core ended this wizard's session; what was chosen was not applied.
      set((state) => (state.wizard?.psa === event.psa ? { wizard: { ...state.wizard, session: null, released: { byName: event.byName, byYou: event.byYou } } } : {}));
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

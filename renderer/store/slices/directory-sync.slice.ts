/**
 * Settings → Directory sync's state: the settings as saved, the form's draft (guarded like the technician
 * Configuration page: `unsavedChanges`), *Test connection*'s answer, the running dry run or sync with its progress,
 * the last report, and the sync log with the selected run's entries.
 */
import type { StateCreator } from 'zustand';
import type { DirectorySecurity, DirectorySyncSettings, DirectoryTestResult, SyncLogEntry, SyncPair, SyncProgress, SyncReport, SyncRun } from '../../../shared/directory-sync/schemas';
import type { ErrorCode } from '../../../shared/ipc/result';
import type { TechnicianGroup } from '../../../shared/org/schemas';
import { ApiError, api, unwrap } from '../../api/client';
import {
  configFromDraft,
  connectionFromDraft,
  draftFromConfig,
  isDraftDirty,
  withSecurity,
  type ConnectionDraft,
  type SyncDraft,
} from '../../screens/directory-sync/sync-draft';
import type { AppState } from '../index';

export interface DirectorySyncProblem {
  readonly code: ErrorCode;
  readonly fields: Readonly<Record<string, string>>;
}

export type DirectorySyncNotice = 'saved' | 'defaultPasswordSet' | 'tokenRevoked';
export type RunKind = 'dry-run' | 'sync';

export interface DirectorySyncSlice {
  /** Whose page this is: another sign-in in this window does not see the last one's report or selected run. */
  dsOwner: string | null;
  dsSettings: DirectorySyncSettings | null;
  /** The workspace's technician groups (the pairs' destinations). */
  dsGroups: readonly TechnicianGroup[] | null;
  dsLoadProblem: DirectorySyncProblem | null;
  dsDraft: SyncDraft | null;
  dsBaseline: SyncDraft | null;
  /** Set once Test or Save was tried: from then on the form marks its invalid fields as they are typed. */
  dsShowErrors: boolean;
  dsSaving: boolean;
  dsSaveProblem: DirectorySyncProblem | null;
  dsNotice: DirectorySyncNotice | null;
  dsTesting: boolean;
  dsTestResult: DirectoryTestResult | null;
  dsTestProblem: DirectorySyncProblem | null;
  dsRunning: RunKind | null;
  dsCancelling: boolean;
  dsProgress: SyncProgress | null;
  dsReport: SyncReport | null;
  dsRunProblem: DirectorySyncProblem | null;
  dsRuns: readonly SyncRun[] | null;
  dsSelectedRunId: string | null;
  dsEntries: readonly SyncLogEntry[] | null;

  /** The page opened: reads the settings and the log (a report from another person's sign-in is dropped first). */
  dsOpen(): Promise<void>;
  /** The settings changed elsewhere: reads them again (an unsaved draft is kept). */
  dsLoad(): Promise<void>;
  dsEditConnection(patch: Partial<Omit<ConnectionDraft, 'security' | 'portTyped'>>): void;
  dsSetSecurity(security: DirectorySecurity): void;
  dsEdit(patch: Partial<Omit<SyncDraft, 'connection' | 'pairs'>>): void;
  dsAddPair(pair: SyncPair): void;
  dsRemovePair(index: number): void;
  dsDiscard(): void;
  dsSave(): Promise<boolean>;
  dsTest(): Promise<void>;
  dsSettingsChanged(settings: DirectorySyncSettings, notice: DirectorySyncNotice | null): void;
  dsRun(kind: RunKind): Promise<void>;
  dsCancel(): void;
  dsProgressed(progress: SyncProgress): void;
  dsLoadRuns(): Promise<void>;
  dsSelectRun(runId: string | null): Promise<void>;
}

const problemOf = (error: unknown): DirectorySyncProblem => (error instanceof ApiError ? { code: error.code, fields: error.fields } : { code: 'INTERNAL', fields: {} });

export const createDirectorySyncSlice: StateCreator<AppState, [], [], DirectorySyncSlice> = (set, get) => {
  /** A new draft, and whether leaving now would lose it. */
  const draftState = (draft: SyncDraft) => {
    const baseline = get().dsBaseline;
    return { dsDraft: draft, dsNotice: null, unsavedChanges: baseline !== null && isDraftDirty(draft, baseline) };
  };
  /** Which entries request is the page's: a run selected later wins. */
  let entriesRequest = 0;

  return {
    dsOwner: null,
    dsSettings: null,
    dsGroups: null,
    dsLoadProblem: null,
    dsDraft: null,
    dsBaseline: null,
    dsShowErrors: false,
    dsSaving: false,
    dsSaveProblem: null,
    dsNotice: null,
    dsTesting: false,
    dsTestResult: null,
    dsTestProblem: null,
    dsRunning: null,
    dsCancelling: false,
    dsProgress: null,
    dsReport: null,
    dsRunProblem: null,
    dsRuns: null,
    dsSelectedRunId: null,
    dsEntries: null,

    dsOpen: async () => {
      const owner = get().session?.adminId ?? null;
      if (owner !== get().dsOwner) {
        entriesRequest += 1;
        set({ dsOwner: owner, dsReport: null, dsRunProblem: null, dsRuns: null, dsSelectedRunId: null, dsEntries: null, dsTestResult: null, dsTestProblem: null, dsNotice: null });
      }
      await Promise.all([get().dsLoad(), get().dsLoadRuns()]);
    },

    dsLoad: async () => {
      try {
        const [settings, tree] = await Promise.all([unwrap(api().directorySync.settings()), unwrap(api().org.tree())]);
        set({ dsLoadProblem: null, dsGroups: tree.groups });
        // A reload after this window's own save (its change event) keeps the "saved" notice.
        get().dsSettingsChanged(settings, get().dsNotice);
      } catch (error) {
        set({ dsLoadProblem: problemOf(error) });
      }
    },

    dsSettingsChanged: (settings, notice) => {
      const baseline = draftFromConfig(settings.config);
      const { dsDraft: draft, unsavedChanges } = get();
      // Saved elsewhere while this form has changes: the changes stay (Save overwrites); otherwise the form follows.
      if (draft && unsavedChanges) set({ dsSettings: settings, dsBaseline: baseline, unsavedChanges: isDraftDirty(draft, baseline), dsNotice: notice });
      else set({ dsSettings: settings, dsBaseline: baseline, dsDraft: baseline, dsShowErrors: false, unsavedChanges: false, dsNotice: notice });
    },

    dsEditConnection: (patch) => {
      const draft = get().dsDraft;
      if (!draft) return;
      const portTyped = draft.connection.portTyped || patch.port !== undefined;
      set(draftState({ ...draft, connection: { ...draft.connection, ...patch, portTyped } }));
    },

    dsSetSecurity: (security) => {
      const draft = get().dsDraft;
      if (draft) set(draftState({ ...draft, connection: withSecurity(draft.connection, security) }));
    },

    dsEdit: (patch) => {
      const draft = get().dsDraft;
      if (draft) set(draftState({ ...draft, ...patch }));
    },

    dsAddPair: (pair) => {
      const draft = get().dsDraft;
      if (!draft) return;
      // The same group twice into the same place adds nothing; into another place it is the user's choice (first pair wins).
      if (draft.pairs.some((existing) => existing.sourceDn.toLowerCase() === pair.sourceDn.toLowerCase() && existing.groupId === pair.groupId)) return;
      set(draftState({ ...draft, pairs: [...draft.pairs, pair] }));
    },

    dsRemovePair: (index) => {
      const draft = get().dsDraft;
      if (draft) set(draftState({ ...draft, pairs: draft.pairs.filter((_, at) => at !== index) }));
    },

    dsDiscard: () => {
      const baseline = get().dsBaseline;
      set({ dsDraft: baseline, dsShowErrors: false, unsavedChanges: false, dsSaveProblem: null, dsTestResult: null, dsTestProblem: null, dsNotice: null });
    },

    dsSave: async () => {
      const { dsDraft: draft, dsSettings: settings } = get();
      if (!draft || !settings || get().dsSaving) return false;
      const checked = configFromDraft(draft, settings.bindPasswordSaved);
      if (!checked.ok) {
        set({ dsShowErrors: true, dsNotice: null });
        return false;
      }
      set({ dsSaving: true, dsSaveProblem: null, dsNotice: null });
      try {
        const saved = await unwrap(api().directorySync.save({ config: checked.config, bindPassword: checked.bindPassword }));
        set({ dsDraft: null, unsavedChanges: false });
        get().dsSettingsChanged(saved, 'saved');
        return true;
      } catch (error) {
        set({ dsSaveProblem: problemOf(error) });
        return false;
      } finally {
        set({ dsSaving: false });
      }
    },

    dsTest: async () => {
      const { dsDraft: draft, dsSettings: settings } = get();
      if (!draft || !settings || get().dsTesting) return;
      const checked = connectionFromDraft(draft.connection, settings.bindPasswordSaved);
      set({ dsTestResult: null, dsTestProblem: null });
      if (!checked.connection) {
        set({ dsShowErrors: true });
        return;
      }
      set({ dsTesting: true });
      try {
        set({ dsTestResult: await unwrap(api().directorySync.test({ connection: checked.connection, bindPassword: checked.bindPassword })) });
      } catch (error) {
        set({ dsTestProblem: problemOf(error) });
      } finally {
        set({ dsTesting: false });
      }
    },

    dsRun: async (kind) => {
      if (get().dsRunning) return;
      set({ dsRunning: kind, dsCancelling: false, dsProgress: null, dsRunProblem: null, dsReport: null });
      try {
        const report = await unwrap(kind === 'dry-run' ? api().directorySync.dryRun() : api().directorySync.syncNow());
        set({ dsReport: report });
      } catch (error) {
        set({ dsRunProblem: problemOf(error) });
      } finally {
        set({ dsRunning: null, dsCancelling: false, dsProgress: null });
      }
      // The log has the run now (failed ones too).
      await get().dsLoadRuns();
    },

    dsCancel: () => {
      if (!get().dsRunning) return;
      set({ dsCancelling: true });
      void unwrap(api().directorySync.cancel()).then(
        (answer) => {
          if (!answer.cancelled) set({ dsCancelling: false });
        },
        () => set({ dsCancelling: false }),
      );
    },

    dsProgressed: (progress) => {
      if (get().dsRunning) set({ dsProgress: progress });
    },

    dsLoadRuns: async () => {
      try {
        const runs = await unwrap(api().directorySync.runs());
        const selected = get().dsSelectedRunId;
        set({ dsRuns: runs, ...(selected && !runs.some((run) => run.id === selected) ? { dsSelectedRunId: null, dsEntries: null } : {}) });
      } catch (error) {
        set({ dsRuns: [], dsLoadProblem: problemOf(error) });
      }
    },

    dsSelectRun: async (runId) => {
      const mine = ++entriesRequest;
      set({ dsSelectedRunId: runId, dsEntries: null });
      if (!runId) return;
      try {
        const entries = await unwrap(api().directorySync.entries({ runId }));
        if (mine === entriesRequest) set({ dsEntries: entries });
      } catch (error) {
        if (mine === entriesRequest) set({ dsEntries: [], dsLoadProblem: problemOf(error) });
      }
    },
  };
};

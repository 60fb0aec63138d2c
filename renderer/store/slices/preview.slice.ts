import type { StateCreator, StoreApi } from 'zustand';
import { sameDraft, withDefaultsWritten, type ImportDraft } from '../../../shared/import/draft';
import { driftKey, type Drift } from '../../../shared/import/drift';
import { applyDriftAction, type DriftAction } from '../../../shared/import/drift-resolution';
import type { PreviewSource, PreviewSummary, PsaChanges, RecentPreview, SavedFileResult, ExportFormat } from '../../../shared/preview/preview-api';
import { api, unwrap } from '../../api/client';
import type { AppState } from '../index';
import { FRESH_WIZARD } from './import-wizard.slice';

/**
 * An import preview under review (issue 12): opened from a file, with no PSA connection and no lock until
 * "Apply to this workspace". It lives in the wizard's state (`wizard.review`), so the wizard's own steps show it:
 * the same tabs, statuses and decision screens, on the reconciliation as it was saved.
 */
export interface ReviewState {
  readonly preview: PreviewSummary;
  /** The decisions as the file holds them: closing with other ones asks first. */
  readonly saved: ImportDraft;
  readonly savedAt: string;
  /**
   * Apply later: the drift listed against the workspace now, what the technician chose for each (by driftKey), and
   * the decisions as they were checked — the choices are always these with each chosen action applied once.
   */
  readonly drift: { readonly list: readonly Drift[]; readonly handled: Readonly<Record<string, DriftAction>>; readonly base: ImportDraft } | null;
  /** What changed in the PSA since the preview's download (Refresh from the PSA). */
  readonly changes: PsaChanges | null;
}

export interface PreviewSlice {
  /** This workstation's recent previews; null until loaded. */
  recentPreviews: RecentPreview[] | null;
  /** A file the app was opened with, waiting for a sign-in or for the open wizard to close. */
  previewRequest: string | null;
  loadRecentPreviews(): Promise<void>;
  /** Opens a preview for review; false when the dialog was closed without a file. */
  openPreview(from: PreviewSource): Promise<boolean>;
  /** "Save": the decisions and notes written back to the review's file. */
  savePreview(): Promise<void>;
  /** "Save preview" in a running import: its download, reconciliation and decisions to a file. */
  saveImportAsPreview(): Promise<SavedFileResult>;
  /** Done with the review (an apply-later's session ends too); the caller asked about unsaved changes first. */
  closePreview(): Promise<void>;
  /** "Apply to this workspace": the lock, and the drift against the workspace now; "locked" names the holder. */
  checkPreviewApply(): Promise<void>;
  handleDrift(drift: Drift, action: DriftAction): void;
  /** Leaves the apply-later (its session and lock end) and goes back to the review as saved. */
  backToReview(): Promise<void>;
  exportPreview(format: ExportFormat): Promise<SavedFileResult>;
  refreshPreviewFromPsa(): Promise<void>;
  dismissPsaChanges(): void;
  requestPreviewOpen(path: string | null): void;
}

/** Whether the review's decisions differ from its file's. */
export function reviewUnsaved(wizard: { readonly choices: ImportDraft; readonly review: ReviewState | null } | null): boolean {
  return wizard?.review ? !sameDraft(wizard.choices, wizard.review.saved) : false;
}

/** Every drift has been accepted or resolved: the apply may go ahead. */
export function driftHandled(review: ReviewState | null): boolean {
  return review?.drift ? review.drift.list.every((drift) => review.drift?.handled[driftKey(drift)] !== undefined) : false;
}

export const createPreviewSlice: StateCreator<AppState, [], [], PreviewSlice> = (set, get) => {
  const patchReview = (change: (review: ReviewState) => Partial<ReviewState>) =>
    set((state) => (state.wizard?.review ? { wizard: { ...state.wizard, review: { ...state.wizard.review, ...change(state.wizard.review) } } } : {}));
  const reviewId = () => get().wizard?.review?.preview.reviewId;
  /** The saved reconciliation, shown at the companies step. */
  const showSaved = async (id: string) => {
    const view = await unwrap(api().preview.reconciliation({ reviewId: id }));
    set((state) => (state.wizard?.review?.preview.reviewId === id ? { wizard: { ...state.wizard, view, step: 'companies' } } : {}));
  };
  return {
    recentPreviews: null,
    previewRequest: null,
    loadRecentPreviews: async () => set({ recentPreviews: await unwrap(api().preview.recent()) }),

    openPreview: async (from) => {
      const opened = await unwrap(api().preview.open({ from }));
      if (opened.outcome === 'cancelled') return false;
      const previous = reviewId();
      if (previous) await unwrap(api().preview.close({ reviewId: previous })).catch(() => undefined);
      const review: ReviewState = { preview: opened.preview, saved: opened.draft, savedAt: opened.preview.createdAt, drift: null, changes: null };
      set({ wizard: { psa: opened.preview.psa, ...FRESH_WIZARD, choices: opened.draft, review, step: 'download' }, previewRequest: null });
      await showSaved(opened.preview.reviewId);
      void get().loadRecentPreviews().catch(() => undefined);
      return true;
    },

    savePreview: async () => {
      const wizard = get().wizard;
      const review = wizard?.review;
      if (!wizard || !review) return;
      const choices = wizard.choices;
      const saved = await unwrap(api().preview.save({ reviewId: review.preview.reviewId, draft: choices }));
      if (saved.outcome === 'saved') patchReview(() => ({ saved: choices, savedAt: saved.savedAt }));
    },

    saveImportAsPreview: async () => {
      const wizard = get().wizard;
      if (!wizard?.session) return { outcome: 'cancelled' };
      const saved = await unwrap(api().preview.saveFromImport({ sessionId: wizard.session.sessionId, draft: wizard.choices }));
      void get().loadRecentPreviews().catch(() => undefined);
      return saved;
    },

    closePreview: async () => {
      const wizard = get().wizard;
      const review = wizard?.review;
      if (!review) return;
      if (wizard.session) await unwrap(api().import.cancel({ sessionId: wizard.session.sessionId }));
      await unwrap(api().preview.close({ reviewId: review.preview.reviewId }));
      get().closeWizard();
    },

    checkPreviewApply: async () => {
      const wizard = get().wizard;
      const review = wizard?.review;
      if (!wizard || !review) return;
      // The defaults as the review showed them become decisions: reconciled again now, they must not change unseen.
      const base = wizard.view ? withDefaultsWritten(wizard.view.inPsa, wizard.choices) : wizard.choices;
      const checked = await unwrap(api().preview.checkApply({ reviewId: review.preview.reviewId, draft: base }));
      if (checked.outcome === 'started' && get().wizard?.review?.preview.reviewId !== review.preview.reviewId) {
        // Closed meanwhile: the session just opened holds the lock for nobody.
        await unwrap(api().import.cancel({ sessionId: checked.sessionId }));
        return;
      }
      if (checked.outcome === 'locked') {
        const { holderName, holderAdminId, since } = checked.heldBy;
        set((state) => (state.wizard ? { wizard: { ...state.wizard, locked: { holderName, holderAdminId, since }, step: 'drift' } } : {}));
        return;
      }
      set((state) =>
        state.wizard?.review
          ? {
              wizard: {
                ...state.wizard,
                locked: null,
                session: { sessionId: checked.sessionId, jobId: '' },
                view: checked.view,
                step: 'drift',
                choices: base,
                review: { ...state.wizard.review, drift: { list: checked.drift, handled: {}, base } },
              },
            }
          : {},
      );
    },

    handleDrift: (drift, action) =>
      set((state) => {
        const wizard = state.wizard;
        const list = wizard?.review?.drift;
        if (!wizard?.review || !list) return {};
        const handled = { ...list.handled, [driftKey(drift)]: action };
        // From the decisions as checked, each drift's chosen action once: changing one's mind undoes the earlier choice.
        const rows = new Map((wizard.view?.inPsa ?? []).map((row) => [row.psaCompanyId, row]));
        let choices = list.base;
        for (const item of list.list) {
          const chosen = handled[driftKey(item)];
          if (chosen) choices = applyDriftAction(choices, item, chosen, 'psaCompanyId' in item ? rows.get(item.psaCompanyId) : undefined);
        }
        return { wizard: { ...wizard, choices, review: { ...wizard.review, drift: { ...list, handled } } } };
      }),

    backToReview: async () => {
      const wizard = get().wizard;
      const review = wizard?.review;
      if (!wizard || !review) return;
      if (wizard.session) await unwrap(api().import.cancel({ sessionId: wizard.session.sessionId }));
      set((state) => (state.wizard?.review ? { wizard: { ...state.wizard, session: null, locked: null, results: null, step: 'download', review: { ...state.wizard.review, drift: null } } } : {}));
      await showSaved(review.preview.reviewId);
    },

    exportPreview: async (format) => {
      const wizard = get().wizard;
      const review = wizard?.review;
      if (!wizard || !review) return { outcome: 'cancelled' };
      return unwrap(api().preview.export({ reviewId: review.preview.reviewId, draft: wizard.choices, format }));
    },

    refreshPreviewFromPsa: async () => {
      const id = reviewId();
      if (!id) return;
      const changes = await unwrap(api().preview.refresh({ reviewId: id }));
      patchReview(() => ({ changes }));
    },
    dismissPsaChanges: () => patchReview(() => ({ changes: null })),
    requestPreviewOpen: (path) => set({ previewRequest: path }),
  };
};

/**
 * The app was opened with a preview file (a double-click, a second launch): the PSA import page shows it and opens
 * it — at once, or after the sign-in, or once the import or review open now is closed. Returns the unsubscribe.
 */
export function subscribePreviewRequests(store: Pick<StoreApi<AppState>, 'getState' | 'subscribe'>): () => void {
  const offEvent = api().on('previewOpenRequested', (event) => {
    const state = store.getState();
    state.requestPreviewOpen(event.path);
    if (state.session) state.goTo('psaImport');
  });
  // Asked before the sign-in: the PSA import page (which opens it) comes once someone is signed in.
  const offSignIn = store.subscribe((state, before) => {
    if (state.session && !before.session && state.previewRequest) state.goTo('psaImport');
  });
  return () => {
    offEvent();
    offSignIn();
  };
}

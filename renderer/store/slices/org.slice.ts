/**
 * The Technicians area's state: the organisation tree as the core last sent it, the tab, what is selected in the
 * tree, and the Configuration page's draft (kept across tabs; leaving it with unsaved changes asks first).
 */
import type { StateCreator } from 'zustand';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import type { OrgSettings, OrgTree, TechnicianDetail, TechnicianLicenses } from '../../../shared/org/schemas';
import { api, ApiError, unwrap } from '../../api/client';
import { changesInput, createInput, draftFromDetail, editDraft, emptyDraft, isDraftDirty, type NodeRef, type SaveProblem, type TechnicianDraft } from '../../screens/org/org-model';
import type { AppState } from '../index';

export type OrgTab = 'organization' | 'administrators' | 'settings';
export interface OrgSettingsBundle {
  readonly passwordPolicy: PasswordPolicy;
  readonly org: OrgSettings;
}

/** What the user asked for while the draft had unsaved changes. */
export type OrgPending = { readonly kind: 'select'; readonly node: NodeRef } | { readonly kind: 'new'; readonly groupId: number };

export interface OrgSlice {
  /** Whose state this is: another sign-in starts afresh. */
  orgOwner: string | null;
  orgTab: OrgTab;
  orgTree: OrgTree | null;
  orgLicenses: TechnicianLicenses | null;
  orgSettings: OrgSettingsBundle | null;
  orgSelected: NodeRef | null;
  orgDetail: TechnicianDetail | null;
  orgDraft: TechnicianDraft | null;
  orgBaseline: TechnicianDraft | null;
  orgPending: OrgPending | null;
  orgProblem: SaveProblem | null;
  orgSaving: boolean;
  orgLoadError: SaveProblem | null;
  orgSetTab(tab: OrgTab): void;
  /** Loads the tree, the licenses and the settings (again). */
  orgLoad(): Promise<void>;
  orgSelect(node: NodeRef | null): void;
  /** Create Technician (Technicus maken) on a group: an empty Configuration page for it. */
  orgStartNew(groupId: number): void;
  orgConfirmPending(): void;
  orgCancelPending(): void;
  orgEdit(patch: Partial<Omit<TechnicianDraft, 'id'>>): void;
  /** Save changes: creates the new technician or updates the selected one. True when saved. */
  orgSave(): Promise<boolean>;
  /** Back to what was last saved (a new technician's page closes). */
  orgDiscardDraft(): void;
  orgSetSettings(settings: OrgSettingsBundle): void;
  orgSetLicenses(licenses: TechnicianLicenses): void;
}

/** The draft fields and whether they differ from the saved state, set together. */
function draftState(draft: TechnicianDraft | null, baseline: TechnicianDraft | null): Pick<AppState, 'orgDraft' | 'orgBaseline' | 'unsavedChanges'> {
  return { orgDraft: draft, orgBaseline: baseline, unsavedChanges: isDraftDirty(draft, baseline) };
}

const sameNode = (a: NodeRef | null, b: NodeRef | null) => a?.kind === b?.kind && a?.id === b?.id;

function problemOf(error: unknown): SaveProblem {
  return error instanceof ApiError ? { code: error.code, fields: error.fields } : { code: 'INTERNAL', fields: {} };
}

export const createOrgSlice: StateCreator<AppState, [], [], OrgSlice> = (set, get) => {
  const loadDetail = async (id: string) => {
    try {
      const detail = await unwrap(api().org.technician({ id }));
      const selected = get().orgSelected;
      if (selected?.kind !== 'technician' || selected.id !== id) return;
      const draft = draftFromDetail(detail);
      set({ orgDetail: detail, orgLoadError: null, ...draftState(draft, draft) });
    } catch (error) {
      set({ orgLoadError: problemOf(error) });
    }
  };

  const apply = (pending: OrgPending) => {
    if (pending.kind === 'new') {
      const draft = emptyDraft(pending.groupId);
      set({ orgSelected: { kind: 'group', id: pending.groupId }, orgDetail: null, orgProblem: null, orgPending: null, orgTab: 'organization', ...draftState(draft, draft) });
      return;
    }
    set({ orgSelected: pending.node, orgDetail: null, orgProblem: null, orgPending: null, orgLoadError: null, ...draftState(null, null) });
    if (pending.node.kind === 'technician') void loadDetail(pending.node.id);
  };

  const request = (pending: OrgPending) => {
    if (get().unsavedChanges) set({ orgPending: pending });
    else apply(pending);
  };

  return {
    orgOwner: null,
    orgTab: 'organization',
    orgTree: null,
    orgLicenses: null,
    orgSettings: null,
    orgSelected: null,
    orgDetail: null,
    orgDraft: null,
    orgBaseline: null,
    orgPending: null,
    orgProblem: null,
    orgSaving: false,
    orgLoadError: null,
    orgSetTab: (orgTab) => set({ orgTab }),

    orgLoad: async () => {
      const owner = get().session?.adminId ?? null;
      if (owner !== get().orgOwner) {
        // Someone else signed in in this window: nothing of the previous person's page stays.
        set({ orgOwner: owner, orgTab: 'organization', orgTree: null, orgSelected: null, orgDetail: null, orgPending: null, orgProblem: null, orgSettings: null, orgLicenses: null, ...draftState(null, null) });
      }
      try {
        const [tree, licenses, settings] = await Promise.all([unwrap(api().org.tree()), unwrap(api().org.licenses()), unwrap(api().org.settings())]);
        set({ orgTree: tree, orgLicenses: licenses, orgSettings: settings, orgLoadError: null });
        const { orgSelected: selected, unsavedChanges, orgDraft: draft } = get();
        // The selected technician or group was removed (or moved out of sight) elsewhere.
        const gone =
          selected?.kind === 'technician' ? !tree.technicians.some((technician) => technician.id === selected.id) : selected?.kind === 'group' ? !tree.groups.some((group) => group.id === selected.id) : false;
        if (gone && !unsavedChanges) set({ orgSelected: null, orgDetail: null, ...draftState(null, null) });
        else if (selected?.kind === 'technician' && !unsavedChanges) await loadDetail(selected.id);
        else if (selected?.kind === 'technician' && draft?.id === selected.id) {
          // Keep the draft; its group and inherited rights follow the tree.
          const detail = await unwrap(api().org.technician({ id: selected.id })).catch(() => null);
          if (detail && sameNode(get().orgSelected, selected)) set({ orgDetail: detail });
        }
      } catch (error) {
        set({ orgLoadError: problemOf(error) });
      }
    },

    orgSelect: (node) => {
      if (node === null) {
        if (!get().unsavedChanges) set({ orgSelected: null, orgDetail: null, ...draftState(null, null) });
        return;
      }
      const { orgSelected, orgDraft } = get();
      // Selecting the technician already open keeps the page as it is; selecting its own group while a new one is drafted too.
      if (sameNode(orgSelected, node) && (node.kind === 'technician' || !orgDraft)) return;
      request({ kind: 'select', node });
    },
    orgStartNew: (groupId) => request({ kind: 'new', groupId }),
    orgConfirmPending: () => {
      const pending = get().orgPending;
      if (pending) apply(pending);
    },
    orgCancelPending: () => set({ orgPending: null }),

    orgEdit: (patch) => {
      const { orgDraft, orgBaseline } = get();
      if (!orgDraft) return;
      set({ orgProblem: null, ...draftState(editDraft(orgDraft, patch), orgBaseline) });
    },

    orgSave: async () => {
      const draft = get().orgDraft;
      if (!draft || get().orgSaving) return false;
      set({ orgSaving: true, orgProblem: null });
      try {
        if (draft.id === null) {
          const { id } = await unwrap(api().org.createTechnician(createInput(draft)));
          // The page stays (with its message) and becomes the new technician's once its details arrive.
          set({ orgSelected: { kind: 'technician', id }, orgDetail: null });
          await loadDetail(id);
          await get().orgLoad();
        } else {
          const detail = await unwrap(api().org.updateTechnician(changesInput({ ...draft, id: draft.id })));
          const saved = draftFromDetail(detail);
          set({ orgDetail: detail, ...draftState(saved, saved) });
          await get().orgLoad();
        }
        return true;
      } catch (error) {
        set({ orgProblem: problemOf(error) });
        return false;
      } finally {
        set({ orgSaving: false });
      }
    },

    orgDiscardDraft: () => {
      const { orgBaseline, orgDraft } = get();
      if (orgDraft?.id === null) set({ orgProblem: null, ...draftState(null, null) });
      else set({ orgProblem: null, ...draftState(orgBaseline, orgBaseline) });
    },
    orgSetSettings: (orgSettings) => set({ orgSettings }),
    orgSetLicenses: (orgLicenses) => set({ orgLicenses }),
  };
};

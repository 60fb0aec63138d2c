import type { StateCreator } from 'zustand';
import type { PsaKind } from '../../../shared/psa/kinds';
import { NO_CHOICES, type CompanyChoice, type UserSelection, type WizardChoices } from '../../screens/import/plan-builder';
import type { AppState } from '../index';

/** The import wizard's choices; the downloaded data itself stays with the wizard screen (and main). */
export interface ImportWizardSlice {
  wizard: { readonly psa: PsaKind; readonly choices: WizardChoices } | null;
  openWizard(psa: PsaKind): void;
  closeWizard(): void;
  setSelected(psaCompanyIds: readonly string[], selected: boolean): void;
  setCompanyChoice(psaCompanyId: string, choice: CompanyChoice): void;
  setUserChoices(psaCompanyIds: readonly string[], users: UserSelection): void;
  /** Every company's contact choices at once (undo of "Grant access to every contact", "Choose who gets seats"). */
  replaceUserChoices(users: Readonly<Record<string, UserSelection>>): void;
}

export const createImportWizardSlice: StateCreator<AppState, [], [], ImportWizardSlice> = (set) => {
  const update = (change: (choices: WizardChoices) => WizardChoices) =>
    set((state) => (state.wizard ? { wizard: { ...state.wizard, choices: change(state.wizard.choices) } } : {}));
  return {
    wizard: null,
    openWizard: (psa) => set({ wizard: { psa, choices: NO_CHOICES } }),
    closeWizard: () => set({ wizard: null }),
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
    setUserChoices: (ids, users) => update((choices) => ({ ...choices, users: { ...choices.users, ...Object.fromEntries(ids.map((id) => [id, users])) } })),
    replaceUserChoices: (users) => update((choices) => ({ ...choices, users })),
  };
};

import type { StateCreator } from 'zustand';
import type { LanguagePreference } from '../../../shared/ipc/schemas';
import type { AppState } from '../index';

export interface PreferencesSlice {
  language: LanguagePreference;
  setLanguagePreference(language: LanguagePreference): void;
}

export const createPreferencesSlice: StateCreator<AppState, [], [], PreferencesSlice> = (set) => ({
  language: 'system',
  setLanguagePreference: (language) => set({ language }),
});

import type { PreferencesStore } from '../../preferences/preferences-store';
import type { DomainHandlers } from './types';

export function settingsHandlers(preferences: PreferencesStore): DomainHandlers<'settings'> {
  return {
    getPreferences: async () => preferences.get(),
    setLanguage: async ({ language }) => preferences.setLanguage(language),
  };
}

import type { Operations } from '../../access/operations';
import type { PreferencesStore } from '../../preferences/preferences-store';
import type { DomainHandlers } from './types';

export function settingsHandlers(preferences: PreferencesStore, settings: Operations['settings']): DomainHandlers<'settings'> {
  return {
    getPreferences: async () => preferences.get(),
    setLanguage: async ({ language }) => preferences.setLanguage(language),
    licenses: (_input, { caller }) => settings.licenses(caller),
    setLicenseSeats: ({ seats }, { caller }) => settings.setLicenseSeats(caller, seats),
  };
}

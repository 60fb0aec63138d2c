import type { LicensePool } from '../../directory/licenses';
import type { PreferencesStore } from '../../preferences/preferences-store';
import type { DomainHandlers } from './types';

export function settingsHandlers(preferences: PreferencesStore, licenses: LicensePool): DomainHandlers<'settings'> {
  return {
    getPreferences: async () => preferences.get(),
    setLanguage: async ({ language }) => preferences.setLanguage(language),
    licenses: () => licenses.read(),
    setLicenseSeats: ({ seats }) => licenses.setSeats(seats),
  };
}

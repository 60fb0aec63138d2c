import type { Workspace } from '../../db/workspace';
import { readLicenses, setLicenseSeats } from '../../directory/licenses';
import type { PreferencesStore } from '../../preferences/preferences-store';
import type { DomainHandlers } from './types';

export function settingsHandlers(preferences: PreferencesStore, workspace: Workspace): DomainHandlers<'settings'> {
  return {
    getPreferences: async () => preferences.get(),
    setLanguage: async ({ language }) => preferences.setLanguage(language),
    licenses: () => readLicenses(workspace.read),
    setLicenseSeats: ({ seats }) => setLicenseSeats(workspace, seats),
  };
}

import * as directory from '../../db/repositories/directory';
import { readSetting, writeSetting } from '../../db/repositories/workspace-settings';
import type { Workspace } from '../../db/workspace';
import { DEFAULT_LICENSE_SEATS, LICENSE_SEATS_KEY, LicenseSeatsSchema } from '../../import/apply-import';
import type { PreferencesStore } from '../../preferences/preferences-store';
import type { DomainHandlers } from './types';

export function settingsHandlers(preferences: PreferencesStore, workspace: Workspace): DomainHandlers<'settings'> {
  const licenses = async () => ({
    seats: await readSetting(workspace.read, LICENSE_SEATS_KEY, LicenseSeatsSchema, DEFAULT_LICENSE_SEATS),
    inUse: await directory.licensesInUse(workspace.read),
  });
  return {
    getPreferences: async () => preferences.get(),
    setLanguage: async ({ language }) => preferences.setLanguage(language),
    licenses,
    setLicenseSeats: async ({ seats }) => {
      await workspace.transaction((tx) => writeSetting(tx, LICENSE_SEATS_KEY, seats));
      return licenses();
    },
  };
}

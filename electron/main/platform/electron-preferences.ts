import ElectronStore from 'electron-store';
import { PREFERENCES_DEFAULTS, PREFERENCES_JSON_SCHEMA, PreferencesStore } from '../preferences/preferences-store';

/** Preferences in electron-store (`<userData>/preferences.json`). Never secrets. */
export function createElectronPreferences(): PreferencesStore {
  return new PreferencesStore(new ElectronStore({ name: 'preferences', schema: PREFERENCES_JSON_SCHEMA, defaults: PREFERENCES_DEFAULTS }));
}

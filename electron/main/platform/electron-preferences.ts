import ElectronStore from 'electron-store';
import { PREFERENCES_DEFAULTS, PREFERENCES_JSON_SCHEMA, type KeyValueStore } from '../preferences/preferences-store';

/** Non-secret settings in electron-store (`<userData>/preferences.json`). Never secrets. */
export function createElectronStore(): KeyValueStore {
  return new ElectronStore({ name: 'preferences', schema: PREFERENCES_JSON_SCHEMA, defaults: PREFERENCES_DEFAULTS });
}

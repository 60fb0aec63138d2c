import Conf from 'conf';
import { PREFERENCES_DEFAULTS, PREFERENCES_JSON_SCHEMA, PreferencesStore } from './preferences-store';

/** Preferences in `<dataDir>/preferences.json`, for hosts without Electron. */
export function createConfPreferences(dataDir: string): PreferencesStore {
  const conf = new Conf({
    cwd: dataDir,
    configName: 'preferences',
    projectName: 'msp-roster',
    schema: PREFERENCES_JSON_SCHEMA,
    defaults: PREFERENCES_DEFAULTS,
  });
  return new PreferencesStore(conf);
}

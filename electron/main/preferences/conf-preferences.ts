import Conf from 'conf';
import { PREFERENCES_DEFAULTS, PREFERENCES_JSON_SCHEMA, type KeyValueStore } from './preferences-store';

/** Settings in `<dataDir>/preferences.json`, for hosts without Electron. */
export function createConfStore(dataDir: string): KeyValueStore {
  return new Conf({
    cwd: dataDir,
    configName: 'preferences',
    projectName: 'msp-roster',
    schema: PREFERENCES_JSON_SCHEMA,
    defaults: PREFERENCES_DEFAULTS,
  });
}

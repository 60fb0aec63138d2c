/**
 * Non-secret, per-machine settings (language, PSA connection metadata). Backed by electron-store in
 * the app and by conf — the library electron-store is built on — in the
 * development bridge and tests; both present the same get/set.
 */
import { LANGUAGE_PREFERENCES, PreferencesSchema, type LanguagePreference, type Preferences } from '../../../shared/ipc/schemas';

/** The part of Conf / ElectronStore we use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const PREFERENCES_DEFAULTS: Preferences = { language: 'system' };

/** JSON schema handed to conf / electron-store, which reject writes that break it. */
export const PREFERENCES_JSON_SCHEMA = {
  language: { type: 'string', enum: [...LANGUAGE_PREFERENCES] },
} as const;

export class PreferencesStore {
  constructor(private readonly store: KeyValueStore) {}

  get(): Preferences {
    const parsed = PreferencesSchema.safeParse({ language: this.store.get('language') });
    return parsed.success ? parsed.data : PREFERENCES_DEFAULTS;
  }

  setLanguage(language: LanguagePreference): Preferences {
    this.store.set('language', language);
    return this.get();
  }
}

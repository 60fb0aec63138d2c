import type { LanguagePreference } from '../ipc/schemas';
import { en } from './locales/en';
import { nl } from './locales/nl';

export const SUPPORTED_LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const resources = { en: { translation: en }, nl: { translation: nl } } as const;

/**
 * The language to show: the user's explicit choice, else the first system
 * language we support (matching on the primary subtag, so nl-BE → nl), else English.
 */
export function resolveLanguage(preference: LanguagePreference, systemLanguages: readonly string[]): Language {
  if (preference !== 'system') return preference;
  for (const tag of systemLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    const match = SUPPORTED_LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}

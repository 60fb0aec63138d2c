/**
 * What main writes for people to read (a preview's exports) in the user's language: the language chosen in
 * Settings, else the system's (as the renderer picks it, shared/i18n/languages.ts), with the app's own strings and
 * i18next's plurals and interpolation.
 */
import i18next from 'i18next';
import { resolveLanguage, resources, type Language } from '../../../shared/i18n/languages';
import type { LanguagePreference } from '../../../shared/ipc/schemas';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The system's languages as Node sees them: the ICU locale, then the POSIX environment's. */
export function systemLanguages(env: NodeJS.ProcessEnv = process.env): string[] {
  const posix = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG'], ...(env['LANGUAGE'] ?? '').split(':')].filter((tag): tag is string => !!tag && tag !== 'C' && tag !== 'POSIX');
  return [Intl.DateTimeFormat().resolvedOptions().locale, ...posix];
}

export async function translatorFor(preference: LanguagePreference, system: readonly string[] = systemLanguages()): Promise<{ readonly language: Language; readonly t: Translate }> {
  const language = resolveLanguage(preference, system);
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', interpolation: { escapeValue: false }, returnNull: false, initAsync: false });
  const fixed = instance.getFixedT(language);
  return { language, t: (key, values) => String(fixed(key, values ?? {})) };
}

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage, resources } from '../../shared/i18n/languages';
import type { LanguagePreference } from '../../shared/ipc/schemas';

export async function initI18n(preference: LanguagePreference): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: resolveLanguage(preference, navigator.languages),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}

/** Follows the OS language unless the user picked one in Settings. */
export async function applyLanguagePreference(preference: LanguagePreference): Promise<void> {
  await i18next.changeLanguage(resolveLanguage(preference, navigator.languages));
  document.documentElement.lang = i18next.language;
}

/** Renders a component the way the app does: with i18next on the app's real English or Dutch strings. */
import { render, type RenderResult } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { afterAll, beforeAll } from 'vitest';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources, type Language } from '../../shared/i18n/languages';

const ready = i18next.use(initReactI18next).init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, returnNull: false });

export async function renderIn(language: Language, element: ReactElement): Promise<RenderResult> {
  await ready;
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  return render(<I18nextProvider i18n={i18next}>{element}</I18nextProvider>);
}

/**
 * happy-dom lays nothing out: for the tests in the calling `describe`, every grid (a DataTable's scroll
 * element, which its virtualizer and column fitting measure) reports the given inner size; the rest 0.
 */
export function gridSize(size: { readonly clientWidth: number; readonly clientHeight: number }): void {
  beforeAll(() => {
    for (const [name, value] of Object.entries(size)) {
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          return this.getAttribute('role') === 'grid' ? value : 0;
        },
      });
    }
  });
  afterAll(() => {
    for (const name of Object.keys(size)) Reflect.deleteProperty(HTMLElement.prototype, name);
  });
}

/** Words and numbers: every count is a plural, and numbers in messages follow the language (1,360 / 1.360). */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/languages';
import { en } from '../../shared/i18n/locales/en';
import { nl } from '../../shared/i18n/locales/nl';

function entries(value: object, prefix = ''): Array<[string, string]> {
  return Object.entries(value).flatMap(([key, inner]): Array<[string, string]> => (typeof inner === 'string' ? [[`${prefix}${key}`, inner]] : entries(inner as object, `${prefix}${key}.`)));
}

describe('counts in messages', () => {
  it('every message with {{count}} is a plural (_one / _other), in both languages', () => {
    for (const messages of [en, nl]) {
      const bare = entries(messages).filter(([key, text]) => text.includes('{{count') && !/_(zero|one|two|few|many|other)$/.test(key));
      expect(bare.map(([key]) => key)).toEqual([]);
    }
  });

  /** Placeholders that carry a number the user reads. */
  const NUMBERS = ['count', 'shown', 'total', 'licensed', 'created', 'mapped', 'failed', 'imported', 'succeeded', 'seats', 'needed', 'used', 'done'];
  /** Progress: the total may be the word "counting…", so both are formatted by the caller (renderer/screens/import/DownloadStep.tsx). */
  const FORMATTED_BY_CALLER = new Set(['wizard.progressCompanies', 'wizard.progressContacts']);

  it('every number in a message goes through the language’s number format ({{name, number}}), in both languages', () => {
    for (const messages of [en, nl]) {
      const bare = entries(messages).filter(
        ([key, text]) => !FORMATTED_BY_CALLER.has(key) && [...text.matchAll(/\{\{\s*(\w+)\s*(,\s*\w+)?\s*\}\}/g)].some(([, name, format]) => NUMBERS.includes(name!) && !format?.includes('number')),
      );
      expect(bare.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    }
  });

  it('shows "x of y" and the totals of an import with the language’s separators', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
    expect(i18n.t('companies.count', { shown: 1360, count: 2000 })).toBe('1,360 of 2,000 companies');
    expect(i18n.t('companies.count', { shown: 1, count: 1 })).toBe('1 of 1 company');
    expect(i18n.t('wizard.resultsCompanies', { created: 1359, mapped: 1, failed: 0 })).toBe('Companies: 1,359 created, 1 mapped, 0 failed');
    expect(i18n.t('history.changes.usersCreated', { count: 1360 })).toBe('1,360 users created');
    expect(i18n.t('settings.licensesHelp', { count: 1, seats: 1500 })).toContain('1 of 1,500 is in use.');
    await i18n.changeLanguage('nl');
    expect(i18n.t('companies.count', { shown: 1360, count: 2000 })).toBe('1.360 van 2.000 bedrijven');
    expect(i18n.t('history.companiesCell', { created: 1360, mapped: 2 })).toBe('1.360 aangemaakt, 2 toegewezen');
    expect(i18n.t('companies.removeBody', { count: 1 })).toContain('de 1 gebruiker en');
    expect(i18n.t('psa.testOk', { tenant: 'Acme', count: 12345 })).toBe('Verbonden met Acme. Deze API-gebruiker ziet 12.345 bedrijven.');
  });

  it('formats counts for the language and picks the plural', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
    expect(i18n.t('wizard.selectedCount', { count: 1360 })).toBe('1,360 selected');
    expect(i18n.t('wizard.usersChosen', { count: 1 })).toBe('1 contact selected');
    expect(i18n.t('wizard.usersChosen', { count: 2 })).toBe('2 contacts selected');
    await i18n.changeLanguage('nl');
    expect(i18n.t('wizard.selectedCount', { count: 1360 })).toBe('1.360 geselecteerd');
    expect(i18n.t('wizard.usersChosen', { count: 1 })).toBe('1 contactpersoon geselecteerd');
    expect(i18n.t('wizard.anyValue', { count: 12 })).toBe('Alle (12 waarden)');
  });

  it('Dutch import statuses are Dutch', () => {
    expect(nl.wizard.status['possible-duplicate']).toBe('Niet toegewezen – mogelijk duplicaat');
    expect(nl.wizard.status['ambiguous-duplicate']).toBe('Niet toegewezen – meerdere mogelijke duplicaten');
  });
});

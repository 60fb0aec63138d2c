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

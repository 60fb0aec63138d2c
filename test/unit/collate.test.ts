/** Lists sort the way a reader of the language expects: accents with their letter, numbers by value, case ignored. */
import { describe, expect, it } from 'vitest';
import { compareText, sortByText } from '../../shared/i18n/collate';

const sorted = (names: readonly string[], language: string) => sortByText(names, (name) => name, language);

describe.each(['en', 'nl'])('text order in %s', (language) => {
  it('sorts Çelik with C: after Bakker, before Dijk (not after Z)', () => {
    expect(sorted(['Zeeman', 'Dijk', 'Çelik Bouw', 'Bakker'], language)).toEqual(['Bakker', 'Çelik Bouw', 'Dijk', 'Zeeman']);
  });

  it('sorts Émile with E', () => {
    expect(sorted(['Frans', 'Émile', 'Dirk', 'Eva'], language)).toEqual(['Dirk', 'Émile', 'Eva', 'Frans']);
  });

  it('sorts numbers by value: item 2 before item 10', () => {
    expect(sorted(['item 10', 'item 1', 'item 2'], language)).toEqual(['item 1', 'item 2', 'item 10']);
  });

  it('ignores case and keeps equal names in their order', () => {
    expect(compareText(language, 'bakker', 'Bakker')).toBe(0);
    expect(sorted(['zeeman', 'Bakker', 'ADAMS', 'bakker'], language)).toEqual(['ADAMS', 'Bakker', 'bakker', 'zeeman']);
  });

  it('does not change the list it is given', () => {
    const names = ['b', 'a'];
    sorted(names, language);
    expect(names).toEqual(['b', 'a']);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from '../../electron/main/import/normalize-company-name';

/** Groups of names that must meet, and names that must stay apart. */
const SAME: string[][] = [
  ['Jansen Installatietechniek B.V.', 'Jansen Installatietechniek BV', 'JANSEN INSTALLATIETECHNIEK', 'jansen  installatietechniek b.v'],
  ['Acme Ltd', 'Acme Limited', 'ACME LTD.', 'Acme'],
  ['Smith & Sons Inc.', 'Smith and Sons, Inc', 'Smith + Sons Incorporated'],
  ['Van Dijk Holding N.V.', 'Van Dijk Holding NV'],
  ['Müller Haustechnik GmbH', 'Mueller Haustechnik GmbH', 'MÜLLER HAUSTECHNIK'],
  ['Café Résumé', 'Cafe Resume', 'CAFÉ RÉSUMÉ B.V.'],
  ['Northwind Traders Pty Ltd', 'Northwind Traders Pty. Ltd.', 'Northwind Traders'],
  ['Brouwerij De Koninck BVBA', 'Brouwerij de Koninck'],
  ['Bakker & Zn. V.O.F.', 'Bakker and Zn'],
  ['Société Générale S.A.', 'Societe Generale SA'],
  ['Globex Corp.', 'Globex Corporation', 'Globex LLC'],
  ['Initech PLC', 'Initech p.l.c.'],
  ['Citroën Dealer België', 'Citroen Dealer Belgie'],
];

const APART: Array<[string, string]> = [
  ['Boer Transport', 'Bor Transport'],
  ['Acme Ltd', 'Acme Holding Ltd'],
  ['De Vries Accountants', 'De Vries Advocaten'],
  ['Coenen', 'Conen'],
  ['BV Bouw', 'Bouw'],
];

describe('company name normalization', () => {
  for (const group of SAME) {
    it(`treats ${group.map((name) => `"${name}"`).join(', ')} as the same name`, () => {
      const keys = new Set(group.map(normalizeCompanyName));
      expect(keys.size, [...keys].join(' | ')).toBe(1);
    });
  }
  for (const [a, b] of APART) {
    it(`keeps "${a}" and "${b}" apart`, () => expect(normalizeCompanyName(a)).not.toBe(normalizeCompanyName(b)));
  }
  it('never strips a name down to nothing', () => {
    expect(normalizeCompanyName('B.V.')).toBe('b v');
    expect(normalizeCompanyName('Ltd')).toBe('ltd');
  });
  it('gives readable keys', () => {
    expect(normalizeCompanyName('  Smith & Sons, Inc. ')).toBe('smith and sons');
    expect(normalizeCompanyName('Müller Haustechnik GmbH')).toBe('mueller haustechnik');
  });
});

/**
 * A preview's exports for people without the app: CSV per table (quoted, BOM, formula cells made text) and one
 * printable HTML page (escaped, no scripts, headers for columns and rows), with headers and words in English or
 * Dutch, and a drift table only when drift was listed.
 */
import i18next, { type TFunction } from 'i18next';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportDraft } from '../../shared/import/draft';
import type { Drift } from '../../shared/import/drift';
import type { ImportCompanyRow } from '../../shared/import/session';
import { resources } from '../../shared/i18n/languages';
import { DEFAULT_PSA_FILTER } from '../../shared/psa/filters';
import { previewCsvFiles } from '../../shared/preview/preview-export-csv';
import { previewHtmlReport } from '../../shared/preview/preview-export-html';
import type { PreviewExportInput } from '../../shared/preview/preview-export-tables';

let en: TFunction;
let nl: TFunction;
beforeAll(async () => {
  const make = async (lng: string) => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
    return i18n.t;
  };
  en = await make('en');
  nl = await make('nl');
});

const row = (psaCompanyId: string, name: string, status: ImportCompanyRow['status'], managedCompany: ImportCompanyRow['managedCompany'] = null): ImportCompanyRow => ({
  psaCompanyId,
  name,
  typeLabel: 'Customer',
  active: true,
  status,
  managedCompany,
  candidates: [],
  lastImportedAt: null,
  renamedFrom: null,
  contacts: 2,
});

const draft: ImportDraft = {
  selected: { c1: true, c2: true },
  companies: { c2: { kind: 'map', managedCompanyId: 'm9', managedCompanyName: 'Bakkerij <b>Bos</b>' } },
  users: { c2: 'all' },
  notes: { c1: '=HYPERLINK("http://evil.example","Click")', c3: 'Bel Femke eerst, "dringend"\nen daarna <script>alert(1)</script>' },
};

function input(t: TFunction, locale: string, drift: Drift[] | null): PreviewExportInput {
  return {
    meta: { psa: 'autotask', createdByName: 'Femke <de Vries>', createdAt: '2026-12-01T05:00:00.000Z', fetchedAt: '2026-12-01T04:58:12.000Z', fileName: 'contoso.msp-preview', filter: { ...DEFAULT_PSA_FILTER, companies: { companyType: [1, 3] } } },
    rows: [row('c1', '+Installatie & Zn', 'unmapped'), row('c2', 'Bakkerij Bos', 'possible-duplicate', { id: 'm9', name: 'Bakkerij Bos' }), row('c3', 'Ambiguous B.V.', 'ambiguous-duplicate')],
    notInPsa: [{ psaCompanyId: 'g1', psaNameAtMapping: '@Gone B.V.', managedCompany: { id: 'm1', name: 'Gone' }, lastImportedAt: '2025-11-02T14:00:00.000Z' }],
    contacts: [
      { psaId: 'p1', companyPsaId: 'c1', firstName: 'Anna', lastName: '-Jansen', email: 'anna@c1.example', active: true },
      { psaId: 'p2', companyPsaId: 'c1', firstName: 'Bram', lastName: 'Smit', email: null, active: true },
      { psaId: 'p3', companyPsaId: 'c2', firstName: 'Çelik', lastName: 'Ærø', email: 'celik@c2.example', active: true },
    ],
    contactMatches: [{ psaContactId: 'p1', match: 'same-email', user: { id: 'u1', email: 'anna@c1.example' }, emailChanged: false, importedBefore: true }],
    draft,
    drift,
    t: t as unknown as PreviewExportInput['t'],
    locale,
  };
}

const drift: Drift[] = [
  { kind: 'target-renamed', psaCompanyId: 'c2', psaName: 'Bakkerij Bos', target: { id: 'm9', name: 'Bakkerij Bos' }, nowName: 'Bos & Co' },
  { kind: 'user-email-changed', psaCompanyId: 'c1', psaContactId: 'p1', userId: 'u1', before: 'anna@c1.example', now: 'anna@new.example' },
  { kind: 'licenses-short', needed: 1200, available: 3 },
];

const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('CSV export', () => {
  it('one file per table, with a BOM, CRLF lines, English headers and words, and formula cells made text', () => {
    const files = previewCsvFiles(input(en, 'en', null));
    expect(files.map((file) => file.name)).toEqual(['contoso-companies-in-psa.csv', 'contoso-companies-not-in-psa.csv', 'contoso-users-per-company.csv']);
    for (const file of files) {
      expect(file.text.startsWith('\uFEFF')).toBe(true);
      expect(file.text).toContain('\r\n');
    }
    const companies = parse(files[0]!.text);
    expect(companies[0]).toEqual(['Name', 'Type', 'Import status', 'Status in Datto Autotask', 'Managed company', 'Action in MSP Roster', 'Selected', 'Note']);
    expect(companies[1]).toEqual(["'+Installatie & Zn", 'Customer', 'Unmapped', 'Active', '', 'Create a new managed company', 'Yes', `'=HYPERLINK("http://evil.example","Click")`]);
    expect(companies[2]).toEqual(['Bakkerij Bos', 'Customer', 'Unmapped – possible duplicate', 'Active', 'Bakkerij <b>Bos</b>', 'Use Bakkerij <b>Bos</b>', 'Yes', '']);
    // A note with quotes and a line break survives RFC 4180 quoting whole.
    expect(companies[3]).toEqual(['Ambiguous B.V.', 'Customer', 'Unmapped – several possible duplicates', 'Active', '', 'Choose a managed company under Manage', 'No', 'Bel Femke eerst, "dringend"\nen daarna <script>alert(1)</script>']);
    expect(files[0]!.text).toContain('"Bel Femke eerst, ""dringend""');
    expect(parse(files[1]!.text)[1]).toEqual(['Gone', "'@Gone B.V.", expect.stringContaining('2025')]);
    const users = parse(files[2]!.text);
    expect(users[0]).toEqual(['Company', 'Contact', 'Email address', 'Match', 'User in MSP Roster', 'Access granted']);
    expect(users.slice(1)).toEqual([
      ["'+Installatie & Zn", 'Anna -Jansen', 'anna@c1.example', 'Same email address', 'anna@c1.example', 'Yes'],
      ["'+Installatie & Zn", 'Bram Smit', '', 'New user', '', 'No'],
      ['Bakkerij Bos', 'Çelik Ærø', 'celik@c2.example', 'New user', '', 'Yes'],
    ]);
  });

  it('a cell that only starts like a formula after spaces, or with a tab, is made text too; a dash inside is left alone', () => {
    const files = previewCsvFiles({ ...input(en, 'en', null), rows: [row('c1', '  =1+1', 'unmapped'), row('c2', '\tcmd', 'unmapped'), row('c3', 'Smit-Jansen', 'unmapped')] });
    expect(parse(files[0]!.text).slice(1).map((cells) => cells[0])).toEqual(["'  =1+1", "'\tcmd", 'Smit-Jansen']);
  });

  it('in Dutch: the seed’s terms in the headers and words, and the drift table when drift was listed', () => {
    const files = previewCsvFiles(input(nl, 'nl', drift));
    expect(files.map((file) => file.name)).toEqual(['contoso-bedrijven-in-psa.csv', 'contoso-bedrijven-niet-in-psa.csv', 'contoso-gebruikers-per-bedrijf.csv', 'contoso-afwijkingen.csv']);
    const companies = parse(files[0]!.text);
    expect(companies[0]).toEqual(['Naam', 'Type', 'Importstatus', 'Status in Datto Autotask', 'Beheerd bedrijf', 'Actie in MSP Roster', 'Geselecteerd', 'Notitie']);
    expect(companies[1]!.slice(2, 7)).toEqual(['Niet toegewezen', 'Actief', '', 'Nieuw beheerd bedrijf aanmaken', 'Ja']);
    expect(parse(files[1]!.text)[0]).toEqual(['Beheerd bedrijf', 'Naam in Datto Autotask bij toewijzen', 'Datum laatste import']);
    const changes = parse(files[3]!.text);
    expect(changes[0]).toEqual(['Wijziging', 'Bedrijf', 'Toelichting']);
    expect(changes[1]).toEqual(['Beheerd bedrijf hernoemd', 'Bakkerij Bos', 'Het gekozen beheerde bedrijf Bakkerij Bos heet nu Bos & Co.']);
    expect(changes[2]).toEqual(['E-mailadres van gebruiker gewijzigd', "'+Installatie & Zn", 'Het e-mailadres van de gekozen gebruiker is gewijzigd van anna@c1.example in anna@new.example.']);
    expect(changes[3]).toEqual(['Te weinig licenties', '', 'De import heeft 1.200 licenties nodig; er zijn er nog 3.']);
  });
});

describe('HTML report', () => {
  it('one self-contained page: its language, a title, headings, column and row headers, print rules, no script', () => {
    const html = previewHtmlReport(input(en, 'en', null), new Date('2026-12-01T08:00:00.000Z'));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Import preview: contoso.msp-preview</title>');
    expect(html).toContain('<h1>Import preview: contoso.msp-preview</h1>');
    expect(html).toContain('@media print');
    expect(html).toContain(`default-src 'none'`);
    expect(html.match(/<h2 /g)).toHaveLength(3);
    expect(html).toContain('<th scope="col">Managed company</th>');
    expect(html).toContain('<th scope="row">Bakkerij Bos</th>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|\son\w+=/i);
    // The header: who, when, the PSA, the filter and the counts.
    expect(html).toContain('<dd>Femke &lt;de Vries&gt;</dd>');
    expect(html).toContain('<dd>Datto Autotask</dd>');
    expect(html).toContain('Company type: 2 values selected; Active companies; Active contacts only; Only contacts with an email address');
    expect(html).toContain('3 companies in Datto Autotask, 2 selected; 1 not in Datto Autotask; 3 contacts, 2 granted access');
    expect(html).toMatch(/<dt>Saved on<\/dt><dd>Dec 1, 2026/);
    expect(html).not.toContain('Changes in the workspace');
  });

  it('escapes every text from the preview', () => {
    const html = previewHtmlReport(input(en, 'en', drift));
    expect(html).toContain('Bel Femke eerst, &quot;dringend&quot;\nen daarna &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Use Bakkerij &lt;b&gt;Bos&lt;/b&gt;');
    expect(html).toContain('<th scope="row">+Installatie &amp; Zn</th>');
    expect(html).not.toContain('<b>Bos</b>');
    expect(html).not.toContain('<script>');
    const withQuote = previewHtmlReport({ ...input(en, 'en', null), locale: 'en" onload="x' });
    expect(withQuote).toContain('<html lang="en&quot; onload=&quot;x">');
  });

  it('in Dutch, with the drift table when drift was listed', () => {
    const html = previewHtmlReport(input(nl, 'nl', drift));
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<h1>Importvoorbeeld: contoso.msp-preview</h1>');
    expect(html).toContain('<th scope="col">Beheerd bedrijf</th>');
    expect(html).toContain('Wijzigingen in de werkruimte sinds het voorbeeld werd opgeslagen');
    expect(html).toContain('<th scope="row">Te weinig licenties</th>');
    expect(html).toContain('Bedrijfstype: 2 waarden geselecteerd');
    expect(html.match(/<h2 /g)).toHaveLength(4);
  });
});

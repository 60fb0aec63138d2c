/**
 * An import preview as one printable HTML page, for people without the app: who saved it and when, the PSA, the
 * filter, the counts, then the same tables as the CSV export. Self-contained (inline CSS, print rules, no scripts,
 * nothing loaded: its content security policy forbids it), accessible (the page's language, headings, a header cell
 * per column and per row), and every text from the preview HTML-escaped. Pure.
 */
import { formatWhen, isGranted, previewTables, psaLabel, type PreviewExportInput, type PreviewExportT } from './preview-export-tables';
import type { PsaFilter } from '../psa/filters';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8e8e8; }
tbody th { font-weight: 600; }
tbody tr:nth-child(even) { background: #f6f6f6; }
footer { margin-top: 2rem; color: #4a4a4a; font-size: 0.85rem; }
@media print {
  body { margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
}
`;

function filterSummary(filter: PsaFilter | undefined, t: PreviewExportT): string {
  if (!filter) return '';
  const parts: string[] = [];
  for (const [key, ids] of Object.entries(filter.companies)) {
    if (ids && ids.length > 0) parts.push(t('previewExport.filter.attribute', { name: t(`previewExport.filter.attributes.${key}`), count: ids.length }));
  }
  if (parts.length === 0) parts.push(t('previewExport.filter.any'));
  parts.push(t(`previewExport.filter.activeState.${filter.companyActiveState}`));
  if (filter.contacts.activeOnly) parts.push(t('previewExport.filter.activeContactsOnly'));
  if (filter.contacts.withEmailOnly) parts.push(t('previewExport.filter.withEmailOnly'));
  return parts.join('; ');
}

export function previewHtmlReport(input: PreviewExportInput, now: Date = new Date()): string {
  const { t, meta, locale } = input;
  const psa = psaLabel(input);
  const matches = new Map(input.contactMatches.map((match) => [match.psaContactId, match]));
  const granted = input.contacts.filter((contact) => isGranted(input.draft, contact.companyPsaId, contact, matches.get(contact.psaId))).length;
  const selected = input.rows.filter((row) => Object.hasOwn(input.draft.selected, row.psaCompanyId)).length;
  const counts = t('previewExport.report.countsValue', { psa, companiesIn: input.rows.length, selected, companiesNotIn: input.notInPsa.length, contacts: input.contacts.length, granted });
  const facts: Array<[string, string]> = [
    [t('previewExport.report.savedBy'), meta.createdByName],
    [t('previewExport.report.savedAt'), formatWhen(meta.createdAt, locale)],
    [t('previewExport.report.psa'), psa],
    [t('previewExport.report.fetchedAt', { psa }), formatWhen(meta.fetchedAt, locale)],
    ...(meta.filter ? [[t('previewExport.report.filter'), filterSummary(meta.filter, t)] as [string, string]] : []),
    [t('previewExport.report.counts'), counts],
  ];
  const title = t('previewExport.report.title', { fileName: meta.fileName });
  const tables = previewTables(input).map((table) => {
    const id = `table-${table.name}`;
    const body =
      table.rows.length === 0
        ? `<p>${escapeHtml(t('previewExport.report.noRows'))}</p>`
        : [
            `<table aria-labelledby="${id}">`,
            `<thead><tr>${table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>`,
            '<tbody>',
            ...table.rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`),
            '</tbody>',
            '</table>',
          ].join('\n');
    return `<section>\n<h2 id="${id}">${escapeHtml(table.title)}</h2>\n${body}\n</section>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<dl>\n${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`,
    '</header>',
    '<main>',
    ...tables,
    '</main>',
    `<footer><p>${escapeHtml(t('previewExport.report.printed', { when: formatWhen(now.toISOString(), locale) }))}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

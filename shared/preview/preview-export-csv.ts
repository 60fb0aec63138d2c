/**
 * An import preview's tables as CSV (one file per table), for people without the app: RFC 4180 (fields quoted when
 * they need it, quotes doubled, CRLF line ends) by the app's CSV writer (papaparse), with a UTF-8 byte order mark so
 * Excel reads the accents, and cells that a spreadsheet would run as a formula (=, +, -, @ first, or a tab or
 * carriage return) made text with a leading apostrophe. Pure.
 */
import Papa from 'papaparse';
import { previewTables, type PreviewExportInput } from './preview-export-tables';

/** What a spreadsheet could take for a formula: =, +, - or @ first (after any spaces), or a tab or carriage return first. */
export const CSV_FORMULA_START = /^(\s*[=+\-@]|[\t\r])/;
const BOM = '\uFEFF';

/** The file name of the preview without its extension: what the exports are named after. */
export function exportBaseName(fileName: string): string {
  return fileName.replace(/\.msp-preview$/i, '') || 'preview';
}

export function previewCsvFiles(input: PreviewExportInput): Array<{ name: string; text: string }> {
  const base = exportBaseName(input.meta.fileName);
  return previewTables(input).map((table) => ({
    name: `${base}-${input.t(`previewExport.files.${table.name}`)}.csv`,
    text: BOM + Papa.unparse({ fields: [...table.columns], data: table.rows.map((row) => [...row]) }, { newline: '\r\n', escapeFormulae: CSV_FORMULA_START }) + '\r\n',
  }));
}

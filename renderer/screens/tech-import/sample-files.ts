/**
 * Import technicians' sample files (CSV in the chosen delimiter, and JSON) and the summary's CSV rows. The
 * renderer only writes files here: the uploaded file is read by the core, never in the renderer.
 */
import Papa from 'papaparse';
import { TECHNICIAN_FILE_HEADERS, type CsvDelimiter, type ImportRowOutcome } from '../../../shared/org/technician-import';

/** Two example technicians; the first's description says which words the yes/no columns take. */
function sampleRows(groupId: number): Record<(typeof TECHNICIAN_FILE_HEADERS)[number], string | boolean | number>[] {
  return [
    {
      Name: 'Henk de Vries',
      Nickname: 'Henk',
      Email: 'henk.devries@example.com',
      'Single sign-on ID': '',
      Description: 'Enabled, Standard license, Mobile license: true/false, yes/no, 1/0 or ja/nee',
      Password: 'Change-Me-Harbour-2031!',
      Enabled: true,
      'Standard license': true,
      'Mobile license': false,
      'Technician group ID': groupId,
    },
    {
      Name: 'Anna Jansen',
      Nickname: 'Anna',
      Email: 'anna.jansen@example.com',
      'Single sign-on ID': 'anna.jansen',
      Description: 'Night shift',
      Password: 'Change-Me-Lantern-2031!',
      Enabled: true,
      'Standard license': true,
      'Mobile license': true,
      'Technician group ID': groupId,
    },
  ];
}

/** The sample CSV: every header in its required order, in the chosen delimiter (Dutch Excel opens semicolons). */
export function sampleCsv(delimiter: CsvDelimiter, groupId: number): string {
  const rows = sampleRows(groupId).map((row) => TECHNICIAN_FILE_HEADERS.map((header) => String(row[header])));
  return Papa.unparse({ fields: [...TECHNICIAN_FILE_HEADERS], data: rows }, { delimiter, newline: '\r\n' }) + '\r\n';
}

/** The sample JSON: an array of objects with the headers as keys, in order; booleans as booleans. */
export function sampleJson(groupId: number): string {
  return JSON.stringify(sampleRows(groupId), null, 2) + '\n';
}

export interface SummaryCsvLabels {
  readonly line: string;
  readonly name: string;
  readonly email: string;
  readonly group: string;
  readonly outcome: string;
  readonly reason: string;
  readonly outcomeOf: (row: ImportRowOutcome) => string;
  readonly reasonOf: (row: ImportRowOutcome) => string;
}

/** The import summary as CSV rows: every row with its outcome and reason (never a password: the summary has none). */
export function summaryCsvRows(rows: readonly ImportRowOutcome[], labels: SummaryCsvLabels): Record<string, string | number>[] {
  return rows.map((row) => ({
    [labels.line]: row.line,
    [labels.name]: row.name,
    [labels.email]: row.email,
    [labels.group]: row.groupId ?? '',
    [labels.outcome]: labels.outcomeOf(row),
    [labels.reason]: labels.reasonOf(row),
  }));
}

/** Base64 of a file's bytes, in slices (String.fromCharCode over a whole file would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

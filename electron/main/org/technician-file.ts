/**
 * Import Technicians' file reader: bytes in, either the whole file's refusal (naming its problem and line) or
 * one reading per row. Pure (no database, no clock): it runs in the import worker (technician-import-worker.ts)
 * and, should the worker not start, on the main thread. CSV is parsed with papaparse; JSON with JSON.parse.
 *
 * Rules (the Rescue seed's): every header present and in its original order; Name, Email, Password, Enabled,
 * Standard license and Mobile license filled on every row; the group ID may be empty when a target group is
 * chosen and is ignored when one is; at most 500 rows; UTF-8 only (a BOM is fine).
 *
 * The parts: technician-file-csv.ts (CSV), technician-file-json.ts (JSON), technician-file-rows.ts (the header
 * and row checks both share), technician-file-text.ts (encoding and where in the file).
 */
import type { TechnicianFields } from '../../../shared/org/schemas';
import { MAX_TECHNICIAN_FILE_BYTES, type CsvDelimiter, type FileProblem, type RowProblem, type TechnicianFileHeader } from '../../../shared/org/technician-import';
import { readCsv } from './technician-file-csv';
import { readJson } from './technician-file-json';
import { refused } from './technician-file-rows';
import { firstInvalidUtf8, lineOfIndex, lineOfOffset } from './technician-file-text';

export { csvDelimiterOf } from './technician-file-csv';
export { jsonErrorOffset } from './technician-file-json';
export { firstInvalidUtf8 } from './technician-file-text';

export interface FileRefusal {
  readonly problem: FileProblem;
  /** The CSV line (the header is line 1) or the JSON item (1-based); null when the problem has no place (too large). */
  readonly line: number | null;
  readonly header?: string;
}

/** A row's fields once read: what a technician is made of (the password only on its way to the hash). */
export interface TechnicianCandidate extends Readonly<TechnicianFields> {
  readonly password: string;
  /** The row's own group; null when the target group applies. */
  readonly groupId: number | null;
}

export interface RowReading {
  readonly line: number;
  /** As the file has them (trimmed), for the summary even when the row failed. */
  readonly name: string;
  readonly email: string;
  readonly groupId: number | null;
  readonly candidate: TechnicianCandidate | null;
  readonly problem: RowProblem | null;
  readonly column: TechnicianFileHeader | null;
}

export type FileReading =
  | { readonly ok: false; readonly refusal: FileRefusal }
  | { readonly ok: true; readonly format: 'csv' | 'json'; readonly delimiter: CsvDelimiter | null; readonly rows: readonly RowReading[] };

export interface ReadOptions {
  readonly fileName: string;
  readonly delimiter: CsvDelimiter;
  /** A target group was chosen: the file's group IDs are ignored, and may be empty. */
  readonly targetGroupChosen: boolean;
}

/** How many bytes a base64 string decodes to, without decoding it (a 50 MB file is refused unread). */
export function base64DecodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/** The file as the page sent it: base64 of its bytes. Too large is refused before a byte is decoded. */
export function readTechnicianFileBase64(contentBase64: string, options: ReadOptions): FileReading {
  if (base64DecodedLength(contentBase64) > MAX_TECHNICIAN_FILE_BYTES) return refused('too-large', null);
  return readTechnicianFile(Buffer.from(contentBase64, 'base64'), options);
}

export function readTechnicianFile(bytes: Uint8Array, options: ReadOptions): FileReading {
  if (bytes.byteLength > MAX_TECHNICIAN_FILE_BYTES) return refused('too-large', null);
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  // UTF-16 (what some tools write as "Unicode text"): named as an encoding problem, not as junk.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return refused('encoding', 1);
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refused('encoding', lineOfOffset(body, firstInvalidUtf8(body)));
  }
  if (text.trim() === '') return refused('empty', 1);
  // NUL and other control characters do not occur in a text file: UTF-16 without a BOM, or a binary file.
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) return refused(control[0] === '\u0000' ? 'encoding' : 'not-csv-or-json', lineOfIndex(text, control.index));
  const first = text.trimStart()[0];
  if (first === '[' || first === '{') return readJson(text, options);
  if (/\.json$/i.test(options.fileName)) return refused('malformed', 1);
  return readCsv(text, options);
}

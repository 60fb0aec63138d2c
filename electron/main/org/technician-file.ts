/**
 * Import Technicians' file reader: bytes in, either the whole file's refusal (naming its problem and line) or
 * one reading per row. Pure (no database, no clock): it runs in the import worker (technician-import-worker.ts)
 * and, should the worker not start, on the main thread. CSV is parsed with papaparse; JSON with JSON.parse.
 *
 * Rules (the Rescue seed's): every header present and in its original order; Name, Email, Password, Enabled,
 * Standard license and Mobile license filled on every row; the group ID may be empty when a target group is
 * chosen and is ignored when one is; at most 500 rows; UTF-8 only (a BOM is fine).
 */
import Papa from 'papaparse';
import { EmailSchema } from '../../../shared/ipc/schemas';
import type { TechnicianFields } from '../../../shared/org/schemas';
import {
  CSV_DELIMITERS,
  FALSE_WORDS,
  MAX_TECHNICIAN_FILE_BYTES,
  MAX_TECHNICIANS_PER_FILE,
  TECHNICIAN_FILE_HEADERS,
  TRUE_WORDS,
  type CsvDelimiter,
  type FileProblem,
  type RowProblem,
  type TechnicianFileHeader,
} from '../../../shared/org/technician-import';

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

const LIMITS: Partial<Record<TechnicianFileHeader, number>> = {
  Name: 120,
  Nickname: 120,
  Email: 254,
  'Single sign-on ID': 128,
  Description: 1000,
  Password: 1024,
};

function refused(problem: FileProblem, line: number | null, header?: string): FileReading {
  return { ok: false, refusal: header === undefined ? { problem, line } : { problem, line, header } };
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

// ── CSV ─────────────────────────────────────────────────────────────────────

/** The chosen delimiter, unless the header line clearly uses another of the three (and not the chosen one). */
export function csvDelimiterOf(headerLine: string, chosen: CsvDelimiter): CsvDelimiter {
  const count = (delimiter: string) => headerLine.split(delimiter).length - 1;
  if (count(chosen) >= TECHNICIAN_FILE_HEADERS.length - 1) return chosen;
  const best = [...CSV_DELIMITERS].sort((a, b) => count(b) - count(a))[0] ?? chosen;
  return count(best) > count(chosen) && count(best) >= 2 ? best : chosen;
}

function readCsv(text: string, options: ReadOptions): FileReading {
  const firstLineEnd = text.search(/\r\n|\n|\r/);
  const headerLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  const delimiter = csvDelimiterOf(headerLine, options.delimiter);
  let refusal: FileRefusal | null = null;
  let headerSeen = false;
  const rows: RowReading[] = [];
  // Lines counted as the parser moves on: a quoted cell may span lines, and a row is named by the line it starts on.
  let counted = 0;
  let line = 1;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      while (counted < rowStart) {
        const code = text.charCodeAt(counted);
        if (code === 10 || (code === 13 && text.charCodeAt(counted + 1) !== 10)) line += 1;
        counted += 1;
      }
      const rowLine = line;
      rowStart = result.meta.cursor;
      const cells = result.data;
      if (result.errors.some((error) => error.type === 'Quotes')) {
        refusal = { problem: 'malformed', line: rowLine };
        parser.abort();
        return;
      }
      if (!headerSeen) {
        headerSeen = true;
        refusal = headerRefusal(cells, rowLine);
        if (refusal) parser.abort();
        return;
      }
      if (cells.every((cell) => cell.trim() === '')) return;
      if (rows.length === MAX_TECHNICIANS_PER_FILE) {
        refusal = { problem: 'too-many-rows', line: rowLine };
        parser.abort();
        return;
      }
      rows.push(csvRow(cells, rowLine, options));
    },
  });
  if (refusal) return { ok: false, refusal };
  if (!headerSeen) return refused('empty', 1);
  if (rows.length === 0) return refused('no-rows', 2);
  return { ok: true, format: 'csv', delimiter, rows };
}

function sameHeader(cell: string | undefined, header: string): boolean {
  return cell !== undefined && cell.trim().toLowerCase() === header.toLowerCase();
}

/** Every header present and in its original order: names the first one that is missing or out of place. */
function headerRefusal(cells: readonly string[], line: number): FileRefusal | null {
  const known = cells.filter((cell) => TECHNICIAN_FILE_HEADERS.some((header) => sameHeader(cell, header)));
  // One cell with no header in it: a text file, not a CSV of technicians.
  if (cells.length <= 1 && known.length === 0) return { problem: 'not-csv-or-json', line };
  return headerListRefusal(cells, line);
}

function headerListRefusal(names: readonly string[], line: number): FileRefusal | null {
  for (const [index, header] of TECHNICIAN_FILE_HEADERS.entries()) {
    if (sameHeader(names[index], header)) continue;
    const elsewhere = names.some((name) => sameHeader(name, header));
    return { problem: elsewhere ? 'headers-order' : 'headers-missing', line, header };
  }
  const extra = names.slice(TECHNICIAN_FILE_HEADERS.length).find((name) => name.trim() !== '');
  if (extra !== undefined) return { problem: 'headers-unknown', line, header: extra.trim().slice(0, 100) };
  return null;
}

function csvRow(cells: readonly string[], line: number, options: ReadOptions): RowReading {
  const name = (cells[0] ?? '').trim();
  const email = (cells[2] ?? '').trim();
  const extra = cells.slice(TECHNICIAN_FILE_HEADERS.length).some((cell) => cell.trim() !== '');
  if (cells.length < TECHNICIAN_FILE_HEADERS.length - 1 || extra) {
    return { line, name, email, groupId: null, candidate: null, problem: 'column-count', column: null };
  }
  const values = new Map<TechnicianFileHeader, unknown>(TECHNICIAN_FILE_HEADERS.map((header, index) => [header, cells[index] ?? '']));
  return checkRow(values, line, options);
}

// ── JSON ────────────────────────────────────────────────────────────────────

function readJson(text: string, options: ReadOptions): FileReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refused('malformed', lineOfIndex(text, jsonErrorOffset(text)));
  }
  if (!Array.isArray(data)) return refused('json-shape', 1);
  if (data.length === 0) return refused('no-rows', 1);
  if (data.length > MAX_TECHNICIANS_PER_FILE) return refused('too-many-rows', MAX_TECHNICIANS_PER_FILE + 1);
  const rows: RowReading[] = [];
  for (const [index, item] of data.entries()) {
    const line = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return refused('json-shape', line);
    const record = item as Record<string, unknown>;
    const headerProblem = headerListRefusal(Object.keys(record), line);
    if (headerProblem) return { ok: false, refusal: headerProblem };
    const values = new Map<TechnicianFileHeader, unknown>();
    for (const key of Object.keys(record)) {
      const header = TECHNICIAN_FILE_HEADERS.find((candidate) => sameHeader(key, candidate));
      if (header) values.set(header, record[key]);
    }
    rows.push(checkRow(values, line, options));
  }
  return { ok: true, format: 'json', delimiter: null, rows };
}

// ── One row ─────────────────────────────────────────────────────────────────

class RowFailure {
  constructor(
    readonly problem: RowProblem,
    readonly column: TechnicianFileHeader | null,
  ) {}
}

function text(values: ReadonlyMap<TechnicianFileHeader, unknown>, header: TechnicianFileHeader, options: { trim: boolean } = { trim: true }): string {
  const value = values.get(header);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new RowFailure('value-type', header);
  const result = options.trim ? value.trim() : value;
  const limit = LIMITS[header];
  if (limit !== undefined && result.length > limit) throw new RowFailure('field-too-long', header);
  return result;
}

const BOOLEAN_PROBLEMS = { Enabled: 'enabled-invalid', 'Standard license': 'standard-license-invalid', 'Mobile license': 'mobile-license-invalid' } as const;

function flag(values: ReadonlyMap<TechnicianFileHeader, unknown>, header: keyof typeof BOOLEAN_PROBLEMS): boolean {
  const value = values.get(header);
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if ((TRUE_WORDS as readonly string[]).includes(word)) return true;
    if ((FALSE_WORDS as readonly string[]).includes(word)) return false;
  }
  throw new RowFailure(BOOLEAN_PROBLEMS[header], header);
}

function groupIdOf(values: ReadonlyMap<TechnicianFileHeader, unknown>, options: ReadOptions): number | null {
  if (options.targetGroupChosen) return null;
  const value = values.get('Technician group ID');
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : undefined;
  if (raw === undefined) throw new RowFailure('value-type', 'Technician group ID');
  if (raw === '') throw new RowFailure('group-id-missing', 'Technician group ID');
  if (!/^[0-9]{1,15}$/.test(raw) || Number(raw) < 1) throw new RowFailure('group-id-invalid', 'Technician group ID');
  return Number(raw);
}

function checkRow(values: ReadonlyMap<TechnicianFileHeader, unknown>, line: number, options: ReadOptions): RowReading {
  const shown = (header: TechnicianFileHeader) => {
    const value = values.get(header);
    return typeof value === 'string' ? value.trim().slice(0, 254) : '';
  };
  const name = shown('Name');
  const email = shown('Email');
  let groupId: number | null = null;
  try {
    const candidateName = text(values, 'Name');
    if (candidateName === '') throw new RowFailure('name-missing', 'Name');
    const nickname = text(values, 'Nickname');
    const candidateEmail = text(values, 'Email');
    if (candidateEmail === '') throw new RowFailure('email-missing', 'Email');
    if (!EmailSchema.safeParse(candidateEmail).success) throw new RowFailure('email-invalid', 'Email');
    const ssoId = text(values, 'Single sign-on ID');
    const description = text(values, 'Description');
    // Passwords are never trimmed: what the file holds is what is hashed.
    const password = text(values, 'Password', { trim: false });
    if (password === '') throw new RowFailure('password-missing', 'Password');
    const enabled = flag(values, 'Enabled');
    const standardLicense = flag(values, 'Standard license');
    const mobileLicense = flag(values, 'Mobile license');
    groupId = groupIdOf(values, options);
    const candidate = { name: candidateName, nickname, email: candidateEmail, ssoId, description, password, enabled, standardLicense, mobileLicense, groupId };
    return { line, name, email, groupId, candidate, problem: null, column: null };
  } catch (error) {
    if (!(error instanceof RowFailure)) throw error;
    return { line, name, email, groupId, candidate: null, problem: error.problem, column: error.column };
  }
}

// ── Where in the file ───────────────────────────────────────────────────────

/** Where JSON.parse gave up (its messages name no position in every V8): a small scanner that stops at the first fault. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text.charAt(i) === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 64) fail();
    space();
    const c = text.charAt(i);
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text.charAt(i) !== '"') fail();
          string();
          space();
          if (text.charAt(i) !== ':') fail();
          i++;
        }
        value(depth + 1);
        space();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!number) fail();
    i += number?.[0].length ?? 0;
  };
  try {
    value(0);
    space();
    return i;
  } catch (offset) {
    return typeof offset === 'number' ? offset : 0;
  }
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) line += 1;
  }
  return line;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line += 1;
  return line;
}

/** The offset of the first byte that is not valid UTF-8 (bytes.length when all are). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    // Overlong forms and surrogates: what TextDecoder refuses too.
    const second = bytes[i + 1] ?? 0;
    if ((byte === 0xe0 && second < 0xa0) || (byte === 0xed && second > 0x9f) || (byte === 0xf0 && second < 0x90) || (byte === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

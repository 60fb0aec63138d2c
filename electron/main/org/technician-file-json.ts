/** The technician file as JSON: an array of objects, one per technician, keyed by the CSV's headers. */
import { MAX_TECHNICIANS_PER_FILE, TECHNICIAN_FILE_HEADERS, type TechnicianFileHeader } from '../../../shared/org/technician-import';
import type { FileReading, ReadOptions, RowReading } from './technician-file';
import { checkRow, headerListRefusal, refused, sameHeader } from './technician-file-rows';
import { lineOfIndex } from './technician-file-text';

export function readJson(text: string, options: ReadOptions): FileReading {
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

/** The technician file as CSV (papaparse): the delimiter, the header line and one reading per row. */
import Papa from 'papaparse';
import { CSV_DELIMITERS, MAX_TECHNICIANS_PER_FILE, TECHNICIAN_FILE_HEADERS, type CsvDelimiter, type TechnicianFileHeader } from '../../../shared/org/technician-import';
import type { FileReading, FileRefusal, ReadOptions, RowReading } from './technician-file';
import { checkRow, headerListRefusal, refused, sameHeader } from './technician-file-rows';

/** The chosen delimiter, unless the header line clearly uses another of the three (and not the chosen one). */
export function csvDelimiterOf(headerLine: string, chosen: CsvDelimiter): CsvDelimiter {
  const count = (delimiter: string) => headerLine.split(delimiter).length - 1;
  if (count(chosen) >= TECHNICIAN_FILE_HEADERS.length - 1) return chosen;
  const best = [...CSV_DELIMITERS].sort((a, b) => count(b) - count(a))[0] ?? chosen;
  return count(best) > count(chosen) && count(best) >= 2 ? best : chosen;
}

export function readCsv(text: string, options: ReadOptions): FileReading {
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

/** Every header present and in its original order: names the first one that is missing or out of place. */
function headerRefusal(cells: readonly string[], line: number): FileRefusal | null {
  const known = cells.filter((cell) => TECHNICIAN_FILE_HEADERS.some((header) => sameHeader(cell, header)));
  // One cell with no header in it: a text file, not a CSV of technicians.
  if (cells.length <= 1 && known.length === 0) return { problem: 'not-csv-or-json', line };
  return headerListRefusal(cells, line);
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

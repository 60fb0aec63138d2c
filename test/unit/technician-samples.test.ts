/** The page's sample files are what the core reads: every delimiter's CSV and the JSON import without a problem. */
import { describe, expect, it } from 'vitest';
import { readTechnicianFile } from '../../electron/main/org/technician-file';
import { sampleCsv, sampleJson, summaryCsvRows, toBase64 } from '../../renderer/screens/tech-import/sample-files';
import { CSV_DELIMITERS, TECHNICIAN_FILE_HEADERS } from '../../shared/org/technician-import';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sample files', () => {
  it('CSV in each delimiter: the headers in their required order, and rows the reader accepts', () => {
    for (const delimiter of CSV_DELIMITERS) {
      const text = sampleCsv(delimiter, 12);
      expect(text.split('\r\n')[0]).toBe(TECHNICIAN_FILE_HEADERS.join(delimiter));
      const reading = readTechnicianFile(bytes(text), { fileName: 'sample.csv', delimiter, targetGroupChosen: false });
      expect(reading.ok && reading.delimiter).toBe(delimiter);
      if (!reading.ok) return;
      expect(reading.rows.map((row) => [row.problem, row.candidate?.groupId])).toEqual([
        [null, 12],
        [null, 12],
      ]);
    }
  });

  it('JSON: an array of objects with the headers as keys, in order, that the reader accepts', () => {
    const text = sampleJson(3);
    expect(Object.keys((JSON.parse(text) as Record<string, unknown>[])[0] ?? {})).toEqual([...TECHNICIAN_FILE_HEADERS]);
    const reading = readTechnicianFile(bytes(text), { fileName: 'sample.json', delimiter: ',', targetGroupChosen: false });
    expect(reading.ok && reading.rows.every((row) => row.problem === null)).toBe(true);
  });

  it('summary rows carry outcome and reason under the given headers; base64 round-trips any bytes', () => {
    const rows = summaryCsvRows([{ line: 2, name: 'Henk', email: 'h@example.com', groupId: 4, outcome: 'failed', problem: 'password-weak', column: 'Password' }], {
      line: 'Line',
      name: 'Name',
      email: 'Email',
      group: 'Group',
      outcome: 'Outcome',
      reason: 'Reason',
      outcomeOf: (row) => row.outcome,
      reasonOf: (row) => row.problem ?? '',
    });
    expect(rows).toEqual([{ Line: 2, Name: 'Henk', Email: 'h@example.com', Group: 4, Outcome: 'failed', Reason: 'password-weak' }]);
    const data = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    expect(Buffer.from(toBase64(data), 'base64').equals(Buffer.from(data))).toBe(true);
  });
});

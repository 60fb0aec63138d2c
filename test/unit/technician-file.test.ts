/**
 * Import technicians: the file reader (electron/main/org/technician-file.ts). Whole-file problems refuse the
 * file naming the problem and the line; row problems fail that row only; random and mutated files never crash it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTechnicianFile, readTechnicianFileBase64, type FileReading, type ReadOptions } from '../../electron/main/org/technician-file';
import { FILE_PROBLEMS, MAX_TECHNICIANS_PER_FILE, TECHNICIAN_FILE_HEADERS, type CsvDelimiter } from '../../shared/org/technician-import';

const HEADERS = [...TECHNICIAN_FILE_HEADERS];
const options = (over: Partial<ReadOptions> = {}): ReadOptions => ({ fileName: 'technicians.csv', delimiter: ',', targetGroupChosen: false, ...over });
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, over: Partial<ReadOptions> = {}) => readTechnicianFile(bytes(text), options(over));

function row(i: number, over: Partial<Record<(typeof HEADERS)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    Name: `Tech ${i}`,
    Nickname: `T${i}`,
    Email: `tech${i}@example.com`,
    'Single sign-on ID': '',
    Description: 'Imported',
    Password: `Harbour-Lantern-${i}!`,
    Enabled: 'true',
    'Standard license': 'yes',
    'Mobile license': 'nee',
    'Technician group ID': '7',
    ...over,
  };
  return HEADERS.map((header) => base[header] ?? '');
}

function csv(rows: string[][], delimiter: CsvDelimiter = ',', newline = '\r\n', headers: string[] = HEADERS): string {
  const quote = (cell: string) => (/["\r\n,;\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [headers, ...rows].map((cells) => cells.map(quote).join(delimiter)).join(newline);
}

function ok(reading: FileReading) {
  if (!reading.ok) throw new Error(`refused: ${JSON.stringify(reading.refusal)}`);
  return reading;
}

describe('CSV', () => {
  it('reads every field of every row, with booleans in English and Dutch words', () => {
    const reading = ok(read(csv([row(1), row(2, { Enabled: 'NO', 'Standard license': '0', 'Mobile license': 'JA' })])));
    expect(reading.format).toBe('csv');
    expect(reading.rows).toHaveLength(2);
    expect(reading.rows[0]).toMatchObject({ line: 2, problem: null, candidate: { name: 'Tech 1', email: 'tech1@example.com', enabled: true, standardLicense: true, mobileLicense: false, groupId: 7 } });
    expect(reading.rows[1]?.candidate).toMatchObject({ enabled: false, standardLicense: false, mobileLicense: true });
  });

  it('accepts a UTF-8 BOM, CRLF or LF, and quoted delimiters and line breaks', () => {
    const text = csv([row(1, { Description: 'Line one\r\nline two, with "quotes"; and more' }), row(2)]);
    for (const variant of ['\uFEFF' + text, text.replace(/\r\n/g, '\n')]) {
      const reading = ok(read(variant));
      expect(reading.rows.map((r) => r.line)).toEqual([2, 4]);
      expect(reading.rows[1]?.candidate?.email).toBe('tech2@example.com');
    }
  });

  it('reads semicolons (Dutch Excel) and tabs, and a file that clearly uses another delimiter than the chosen one', () => {
    for (const delimiter of [';', '\t'] as const) {
      expect(ok(read(csv([row(1)], delimiter), { delimiter })).delimiter).toBe(delimiter);
      const other = ok(read(csv([row(1)], delimiter), { delimiter: ',' }));
      expect(other.delimiter).toBe(delimiter);
      expect(other.rows[0]?.candidate?.name).toBe('Tech 1');
    }
  });

  it('refuses missing and reordered headers, naming the header and line 1', () => {
    const missing = HEADERS.filter((header) => header !== 'Password');
    expect(read(csv([], ',', '\r\n', missing))).toEqual({ ok: false, refusal: { problem: 'headers-missing', line: 1, header: 'Password' } });
    const swapped: string[] = [...HEADERS];
    [swapped[0], swapped[1]] = [swapped[1] ?? '', swapped[0] ?? ''];
    expect(read(csv([row(1)], ',', '\r\n', swapped))).toEqual({ ok: false, refusal: { problem: 'headers-order', line: 1, header: 'Name' } });
    expect(read(csv([row(1)], ',', '\r\n', [...HEADERS, 'Phone']))).toEqual({ ok: false, refusal: { problem: 'headers-unknown', line: 1, header: 'Phone' } });
  });

  it('takes 500 rows and refuses the 501st, naming its line', () => {
    const rows = Array.from({ length: MAX_TECHNICIANS_PER_FILE }, (_, i) => row(i));
    expect(ok(read(csv(rows))).rows).toHaveLength(500);
    expect(read(csv([...rows, row(501)]))).toEqual({ ok: false, refusal: { problem: 'too-many-rows', line: 502 } });
  });

  it('fails a row, not the file, for each missing required field, with its column', () => {
    const cases = [
      [{ Name: ' ' }, 'name-missing', 'Name'],
      [{ Email: '' }, 'email-missing', 'Email'],
      [{ Email: 'not-an-email' }, 'email-invalid', 'Email'],
      [{ Password: '' }, 'password-missing', 'Password'],
      [{ Enabled: '' }, 'enabled-invalid', 'Enabled'],
      [{ 'Standard license': 'maybe' }, 'standard-license-invalid', 'Standard license'],
      [{ 'Mobile license': '' }, 'mobile-license-invalid', 'Mobile license'],
      [{ 'Technician group ID': '' }, 'group-id-missing', 'Technician group ID'],
      [{ 'Technician group ID': 'Sales' }, 'group-id-invalid', 'Technician group ID'],
      [{ Name: 'x'.repeat(121) }, 'field-too-long', 'Name'],
    ] as const;
    const reading = ok(read(csv([row(0), ...cases.map(([over], i) => row(i + 1, over))])));
    expect(reading.rows[0]?.problem).toBeNull();
    expect(reading.rows.slice(1).map((r) => [r.problem, r.column])).toEqual(cases.map(([, problem, column]) => [problem, column]));
    expect(reading.rows.slice(1).every((r) => r.candidate === null)).toBe(true);
  });

  it('lets the group ID be empty, and ignores it, when a target group is chosen', () => {
    const reading = ok(read(csv([row(1, { 'Technician group ID': '' }), row(2, { 'Technician group ID': 'junk' })]), { targetGroupChosen: true }));
    expect(reading.rows.map((r) => [r.problem, r.candidate?.groupId])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('fails a row whose cells do not match the headers (an unquoted delimiter)', () => {
    const text = csv([row(1)]) + '\r\nTech 2,T2,tech2@example.com,,Sales, Amsterdam,pw-Harbour-Lantern,true,true,false,7';
    expect(ok(read(text)).rows[1]).toMatchObject({ line: 3, problem: 'column-count', name: 'Tech 2' });
  });

  it('refuses an unterminated quote as malformed, naming the line it starts on', () => {
    const text = csv([row(1)]) + '\r\n"Tech 2,T2,tech2@example.com,,,pw,true,true,false,7';
    expect(read(text)).toMatchObject({ ok: false, refusal: { problem: 'malformed', line: 3 } });
  });
});

describe('JSON', () => {
  const item = (i: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({ ...Object.fromEntries(HEADERS.map((header, index) => [header, row(i)[index]])), Enabled: true, 'Standard license': true, 'Mobile license': false, 'Technician group ID': 7, ...over });

  it('reads an array of objects with strings, booleans and a numeric group ID', () => {
    const reading = ok(read(JSON.stringify([item(1), item(2, { 'Technician group ID': '7', Enabled: 'ja' })]), { fileName: 'technicians.json' }));
    expect(reading.format).toBe('json');
    expect(reading.rows.map((r) => [r.line, r.candidate?.groupId, r.candidate?.enabled])).toEqual([
      [1, 7, true],
      [2, 7, true],
    ]);
  });

  it('fails a row with a wrong type, naming its column', () => {
    const reading = ok(read(JSON.stringify([item(1, { Name: 42 }), item(2, { Enabled: 'often' }), item(3, { 'Technician group ID': { id: 7 } }), item(4, { Password: null })])));
    expect(reading.rows.map((r) => [r.problem, r.column])).toEqual([
      ['value-type', 'Name'],
      ['enabled-invalid', 'Enabled'],
      ['value-type', 'Technician group ID'],
      ['password-missing', 'Password'],
    ]);
  });

  it('refuses what is not an array of technician objects, and keys out of order, naming the item', () => {
    expect(read('{"Name":"x"}')).toEqual({ ok: false, refusal: { problem: 'json-shape', line: 1 } });
    expect(read(JSON.stringify([item(1), 'x']))).toEqual({ ok: false, refusal: { problem: 'json-shape', line: 2 } });
    const { Name, ...rest } = item(2);
    expect(read(JSON.stringify([item(1), { ...rest, Name }]))).toEqual({ ok: false, refusal: { problem: 'headers-order', line: 2, header: 'Name' } });
    expect(read(JSON.stringify([rest]))).toEqual({ ok: false, refusal: { problem: 'headers-missing', line: 1, header: 'Name' } });
    expect(read('[{"Name": "x",\n "Email": }]')).toMatchObject({ ok: false, refusal: { problem: 'malformed', line: 2 } });
    expect(read(JSON.stringify(Array.from({ length: 501 }, (_, i) => item(i))))).toEqual({ ok: false, refusal: { problem: 'too-many-rows', line: 501 } });
  });
});

describe('whole-file problems', () => {
  it('refuses invalid UTF-8 naming its line, UTF-16, empty files, and binary junk', () => {
    const good = bytes(csv([row(1), row(2)]) + '\r\n');
    const bad = new Uint8Array([...good, ...bytes('Tech 3,T3,'), 0xff, 0xfe, ...bytes(',x')]);
    expect(readTechnicianFile(bad, options())).toEqual({ ok: false, refusal: { problem: 'encoding', line: 4 } });
    expect(readTechnicianFile(new Uint8Array([0xff, 0xfe, 0x4e, 0x00]), options())).toEqual({ ok: false, refusal: { problem: 'encoding', line: 1 } });
    expect(read('  \r\n ')).toEqual({ ok: false, refusal: { problem: 'empty', line: 1 } });
    expect(read('hello world\nthis is a letter')).toEqual({ ok: false, refusal: { problem: 'not-csv-or-json', line: 1 } });
    expect(read('ab\u0001cd')).toEqual({ ok: false, refusal: { problem: 'not-csv-or-json', line: 1 } });
    expect(read(HEADERS.join(','))).toEqual({ ok: false, refusal: { problem: 'no-rows', line: 2 } });
  });

  it('refuses a file over the size limit unread (from its base64 length alone)', () => {
    const fifty = 'A'.repeat(Math.ceil((50 * 1024 * 1024 * 4) / 3));
    expect(readTechnicianFileBase64(fifty, options())).toEqual({ ok: false, refusal: { problem: 'too-large', line: null } });
  });
});

describe('properties', () => {
  const refusalNamesItsReason = (reading: FileReading) => {
    if (reading.ok) {
      expect(reading.rows.length).toBeLessThanOrEqual(MAX_TECHNICIANS_PER_FILE);
      for (const r of reading.rows) expect(r.candidate === null).toBe(r.problem !== null);
    } else {
      expect(FILE_PROBLEMS).toContain(reading.refusal.problem);
      if (reading.refusal.line !== null) expect(reading.refusal.line).toBeGreaterThanOrEqual(1);
    }
  };

  it('never crashes on random bytes, and every refusal names its reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (data, delimiter) => {
        refusalNamesItsReason(readTechnicianFile(data, options({ delimiter })));
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on mutated valid files (CSV and JSON)', () => {
    const csvText = csv([row(1), row(2, { Description: 'a;b,"c"\nd' }), row(3)], ';');
    const jsonText = JSON.stringify([{ ...Object.fromEntries(HEADERS.map((h, i) => [h, row(1)[i]])) }]);
    fc.assert(
      fc.property(
        fc.constantFrom(csvText, jsonText),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.string({ maxLength: 3 })), { maxLength: 6 }),
        (base, edits) => {
          let text = base;
          for (const [at, kind, insert] of edits) {
            const i = at % (text.length + 1);
            text = kind === 0 ? text.slice(0, i) + insert + text.slice(i) : kind === 1 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i + insert.length);
          }
          refusalNamesItsReason(read(text, { delimiter: ';' }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any permutation of the headers other than the original order is refused as a header problem', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(HEADERS, { minLength: 1 }), (headers) => {
        const reading = read(csv([row(1).slice(0, headers.length)], ',', '\r\n', headers));
        const same = headers.length === HEADERS.length && headers.every((h, i) => h === HEADERS[i]);
        if (same) expect(reading.ok).toBe(true);
        else expect(reading).toMatchObject({ ok: false, refusal: { problem: expect.stringMatching(/^headers-(missing|order)$/), line: 1 } });
      }),
      { numRuns: 200 },
    );
  });

  it('reads any cell text back as written, whatever the delimiter and line ending', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom<CsvDelimiter>(',', ';', '\t'), fc.constantFrom('\r\n', '\n'), (description, delimiter, newline) => {
        const clean = description.replace(/[\u0000-\u001F\u007F]/g, ' ');
        const reading = ok(read(csv([row(1, { Description: clean })], delimiter, newline), { delimiter }));
        expect(reading.rows[0]?.problem ?? (clean.trim().length > 1000 ? 'field-too-long' : null)).toBeNull();
        expect(reading.rows[0]?.candidate?.description).toBe(clean.trim());
      }),
      { numRuns: 200 },
    );
  });
});

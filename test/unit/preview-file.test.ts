/**
 * `.msp-preview` files: saved and opened again unchanged, saved atomically, and every bad file refused with the
 * problem that names it (never another exception).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_ITEMS } from '../../electron/main/preview/preview-container';
import { PreviewFileError } from '../../electron/main/preview/preview-file-error';
import { readPreviewFile, wholePreviewDocument, writePreviewFile, type ReadPreviewOptions } from '../../electron/main/preview/preview-file';
import { openPreviewJob } from '../../electron/main/preview/preview-open-job';
import { previewThread } from '../../electron/main/preview/preview-thread';
import { en } from '../../shared/i18n/locales/en';
import { nl } from '../../shared/i18n/locales/nl';
import { MAX_PREVIEW_COMPANIES, MAX_PREVIEW_CONTACTS, MAX_PREVIEW_FILE_BYTES, PREVIEW_PROBLEMS, type PreviewDocument, type PreviewProblem } from '../../shared/preview/preview-document';
import { buildPreviewDocument } from '../support/preview-documents';
import { previewBytes, splitContent, inCompanyOrder, wholeDocument, withBody } from '../support/preview-files';

let dir: string;
let file: string;
const document = buildPreviewDocument({ companies: 40, contacts: 300 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msp-roster-preview-'));
  file = join(dir, 'contoso.msp-preview');
  await writePreviewFile(file, document);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes `bytes` to a file of its own and opens it. */
async function open(bytes: Buffer, options?: ReadPreviewOptions) {
  const path = join(dir, `case-${counter++}.msp-preview`);
  writeFileSync(path, bytes);
  return readPreviewFile(path, options);
}

async function refusal(attempt: Promise<unknown>): Promise<PreviewFileError> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PreviewFileError);
  return error as PreviewFileError;
}

async function expectProblem(attempt: Promise<unknown>, problem: PreviewProblem): Promise<PreviewFileError> {
  const error = await refusal(attempt);
  expect(error.problem, error.detail).toBe(problem);
  return error;
}

/** A copy of the document with `change` applied to it (a JSON copy, so the original stays as it is). */
function edited(change: (copy: PreviewDocument) => void): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(document)) as PreviewDocument;
  change(copy);
  return copy as unknown as Record<string, unknown>;
}

const entries = () => readdirSync(dir).filter((name) => name.includes('contoso') || name.endsWith('.tmp'));

describe('saving and opening', () => {
  it('opens what was saved, unchanged, with its schema version and sizes', async () => {
    const opened = await readPreviewFile(file);
    expect(await wholeDocument(opened)).toEqual(inCompanyOrder(document));
    expect(opened.contacts.count).toBe(document.snapshot.contacts.length);
    const companyId = document.snapshot.companies[5]!.psaId;
    expect(opened.contacts.forCompany(companyId)).toEqual(document.snapshot.contacts.filter((contact) => contact.companyPsaId === companyId));
    expect(opened.contacts.forCompany('not-a-company')).toEqual([]);
    expect(opened.schemaVersion).toBe(1);
    expect(opened.fileBytes).toBe(readFileSync(file).length);
    expect(opened.jsonBytes).toBeGreaterThan(opened.fileBytes);
  });

  it('is read in the preview worker, which hands the contacts over packed, a company’s parsed only when asked for', async () => {
    const opened = await readPreviewFile(file);
    expect(previewThread.mode).toBe('worker');
    expect(opened.document.snapshot).not.toHaveProperty('contacts');
    expect(opened.document.reconciliation).not.toHaveProperty('contactMatches');
    // A company's contacts as "Manage users" shows them, with how they matched when saved.
    const mapped = document.reconciliation.inPsa.find((row) => row.status === 'mapped' && row.contacts > 2)!.psaCompanyId;
    const rows = opened.contacts.rowsForCompany(mapped);
    const saved = new Map(document.reconciliation.contactMatches.map((match) => [match.psaContactId, match]));
    expect(rows.map((row) => row.psaContactId)).toEqual(document.snapshot.contacts.filter((contact) => contact.companyPsaId === mapped).map((contact) => contact.psaId));
    for (const row of rows) expect(row.match).toBe(saved.get(row.psaContactId)?.match ?? 'new');
    expect(rows.some((row) => row.match !== 'new')).toBe(true);
    expect(opened.contacts.matchesForCompany(mapped)).toEqual(document.reconciliation.contactMatches.filter((match) => rows.some((row) => row.psaContactId === match.psaContactId)));
    // Asked twice, parsed twice: each call gives its own records (nothing kept parsed on main).
    const id = document.snapshot.companies[3]!.psaId;
    expect(opened.contacts.forCompany(id)).not.toBe(opened.contacts.forCompany(id));
    expect(opened.contacts.forCompany(id)).toEqual(opened.contacts.forCompany(id));
  });

  it('a file laid out otherwise than this build writes it (spaces, keys in another order, non-ASCII names) opens the same', async () => {
    const odd = edited((copy) => {
      copy.snapshot.contacts[7] = { ...copy.snapshot.contacts[7]!, firstName: 'Çelik {"psaId":"x"}', lastName: 'Ærø' };
    });
    const { header, body } = splitContent(previewBytes(odd));
    const spaced = body.toString('utf8').replace(/\[\["snapshot","contacts"\],\[\{"psaId":/g, '[["snapshot","contacts"],[ {"psaId":');
    expect(spaced).not.toBe(body.toString('utf8'));
    const path = join(dir, 'spaced.msp-preview');
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from(`${header}\n`), withBody(Buffer.from(spaced)).subarray(header.length + 1)])));
    const opened = await readPreviewFile(path);
    expect(await wholeDocument(opened)).toEqual(inCompanyOrder(odd as unknown as PreviewDocument));
    const plain = join(dir, 'plain.msp-preview');
    writeFileSync(plain, previewBytes(odd));
    const asWritten = await readPreviewFile(plain);
    expect(await wholeDocument(asWritten)).toEqual(inCompanyOrder(odd as unknown as PreviewDocument));
    const company = document.snapshot.contacts[7]!.companyPsaId;
    expect(asWritten.contacts.forCompany(company).find((contact) => contact.lastName === 'Ærø')?.firstName).toBe('Çelik {"psaId":"x"}');
  });

  it('opens the same on the main thread, should the worker not start (the fallback runs the same job)', async () => {
    const packed = await openPreviewJob({ path: file }, 4);
    expect(packed.contacts.order.length).toBe(document.snapshot.contacts.length);
    expect(packed.contacts.companyStarts.length).toBe(document.snapshot.companies.length + 1);
    expect(packed.matches.order.length).toBe(document.reconciliation.contactMatches.length);
  });

  it('writes gzip with a header, the body and a trailer holding the SHA-256 of exactly the body', async () => {
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const { header, body, trailer } = splitContent(bytes);
    expect(JSON.parse(header)).toEqual({ format: 'msp-preview', schemaVersion: 1 });
    const { createHash } = await import('node:crypto');
    expect(JSON.parse(trailer)).toEqual({ sha256: createHash('sha256').update(body).digest('hex'), bodyBytes: body.length });
  });

  it('replaces an existing file whole, and leaves no temporary file', async () => {
    const path = join(dir, 'contoso-again.msp-preview');
    await writePreviewFile(path, document);
    const changed = { ...document, decisions: document.decisions.map((decision, i) => (i === 0 ? { ...decision, note: 'Call Femke first.' } : decision)) };
    await writePreviewFile(path, changed);
    expect((await readPreviewFile(path)).document.decisions[0]?.note).toBe('Call Femke first.');
    expect(entries().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a preview opened, its decisions changed and saved back (Save of a review) opens with the change and nothing else lost', async () => {
    const opened = await readPreviewFile(file);
    const whole = await wholePreviewDocument(opened);
    const changed = { ...whole, decisions: whole.decisions.map((decision, i) => (i === 1 ? { ...decision, selected: !decision.selected, note: 'Na overleg: niet importeren.' } : decision)) };
    const path = join(dir, 'contoso-reviewed.msp-preview');
    await writePreviewFile(path, changed);
    const again = await readPreviewFile(path);
    expect(await wholeDocument(again)).toEqual(changed);
    expect(again.document.decisions[1]).toMatchObject({ selected: !document.decisions[1]!.selected, note: 'Na overleg: niet importeren.' });
  });

  it('opens an empty preview (no companies yet)', async () => {
    const path = join(dir, 'contoso-empty.msp-preview');
    const empty = buildPreviewDocument({ companies: 0, contacts: 0 });
    await writePreviewFile(path, empty);
    expect(await wholeDocument(await readPreviewFile(path))).toEqual(empty);
  });
});

describe('a save that fails leaves nothing behind', () => {
  it('a folder that does not exist: write-failed, no file', async () => {
    const path = join(dir, 'gone', 'contoso.msp-preview');
    await expectProblem(writePreviewFile(path, document), 'write-failed');
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });

  it('a failure after the temporary file was written (the target is a folder): write-failed, no temporary file, the folder untouched', async () => {
    const target = join(dir, 'contoso-folder.msp-preview');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'keep');
    await expectProblem(writePreviewFile(target, document), 'write-failed');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('a read-only folder: write-failed, no file (unless this runs as root, which may write anywhere)', async () => {
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o500);
    try {
      const attempt = writePreviewFile(join(folder, 'contoso.msp-preview'), document);
      if (process.getuid?.() === 0) await attempt;
      else await expectProblem(attempt, 'write-failed');
      expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(folder, 0o700);
    }
  });

  it('a document that could not be opened again is refused, and nothing is left behind', async () => {
    const path = join(dir, 'contoso-invalid.msp-preview');
    const bad = { ...document, decisions: [...document.decisions, { psaCompanyId: 'nope', selected: true, choice: null, users: 'all' as const }] };
    await expectProblem(writePreviewFile(path, bad), 'unknown-id');
    for (const apiBaseUrl of ['https://api-user:hunter2@webservices14.autotask.net/ATServicesRest', 'https://webservices14.autotask.net/ATServicesRest?secret=hunter2', 'https://x.example/#hunter2', 'ftp://x.example']) {
      const secret = { ...document, integration: { ...document.integration, apiBaseUrl } };
      const error = await expectProblem(writePreviewFile(path, secret), 'invalid');
      expect(error.path).toEqual(['integration', 'apiBaseUrl']);
    }
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('bad files are refused with the problem that names them', () => {
  it('not-found and unreadable', async () => {
    await expectProblem(readPreviewFile(join(dir, 'missing.msp-preview')), 'not-found');
    await expectProblem(readPreviewFile(dir), 'unreadable');
  });

  it('too-large: the file (unread), its decompressed content (a zip bomb), a line', async () => {
    const bytes = readFileSync(file);
    await expectProblem(open(bytes, { limits: { fileBytes: bytes.length - 1 } }), 'too-large');
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"format":"msp-preview","schemaVersion":1}\n'), Buffer.alloc(5_000_000, 0x20)]));
    expect(bomb.length).toBeLessThan(10_000);
    await expectProblem(open(bomb, { limits: { jsonBytes: 1_000_000 } }), 'too-large');
    await expectProblem(open(bytes, { limits: { lineBytes: 1000 } }), 'too-large');
  });

  it('too-large: a small file that unpacks into millions of tiny records is refused as it is read, not once memory is full', async () => {
    const { body } = splitContent(readFileSync(file));
    const documentLine = body.subarray(0, body.indexOf(0x0a) + 1);
    const line = Buffer.from(`${JSON.stringify([['snapshot', 'companies'], Array<number>(500_000).fill(0)])}\n`);
    const flood = gzipSync(withBody(Buffer.concat([documentLine, ...Array<Buffer>(Math.ceil(MAX_BODY_ITEMS / 500_000) + 1).fill(line)])));
    expect(flood.length).toBeLessThan(200_000);
    const refused = await expectProblem(open(flood), 'too-large');
    expect(refused.message).toContain('records in the body');
  });

  it('not-gzip, corrupt, truncated', async () => {
    await expectProblem(open(Buffer.from('{"format":"msp-preview"}\n')), 'not-gzip');
    await expectProblem(open(Buffer.alloc(0)), 'not-gzip');
    const bytes = readFileSync(file);
    const badCrc = Buffer.from(bytes);
    badCrc[badCrc.length - 8] = badCrc[badCrc.length - 8]! ^ 0xff;
    await expectProblem(open(badCrc), 'corrupt');
    await expectProblem(open(bytes.subarray(0, Math.floor(bytes.length / 2))), 'truncated');
    await expectProblem(open(bytes.subarray(0, 20)), 'truncated');
    // Complete gzip, but the content was cut before its checksum (or in a line).
    const { header, body } = splitContent(bytes);
    await expectProblem(open(gzipSync(Buffer.concat([Buffer.from(`${header}\n`), body]))), 'truncated');
    await expectProblem(open(gzipSync(Buffer.concat([Buffer.from(`${header}\n`), body.subarray(0, 500)]))), 'truncated');
    await expectProblem(open(gzipSync(`${header}\n`)), 'truncated');
  });

  it('not-json and not-a-preview', async () => {
    await expectProblem(open(gzipSync('Dear colleague, here are the companies.\n')), 'not-json');
    await expectProblem(open(gzipSync(Buffer.from([0xff, 0xfe, 0x00, 0x41]))), 'not-json');
    await expectProblem(open(gzipSync(JSON.stringify(document, null, 2))), 'not-a-preview');
    await expectProblem(open(gzipSync('{"format":"msp-roster-backup","schemaVersion":1}\n{}\n')), 'not-a-preview');
    await expectProblem(open(gzipSync('')), 'not-a-preview');
    await expectProblem(open(previewBytes(edited(() => undefined), { version: -1 })), 'not-a-preview');
    // A body line that is not JSON (with a checksum that matches it).
    const { header, body } = splitContent(readFileSync(file));
    const broken = Buffer.concat([body.subarray(0, 200), Buffer.from('\u0000garbage'), body.subarray(200)]);
    await expectProblem(open(gzipSync(Buffer.concat([Buffer.from(`${header}\n`), withBody(broken).subarray(header.length + 1)]))), 'not-json');
  });

  it('newer-version, with the version', async () => {
    const error = await expectProblem(open(previewBytes(edited(() => undefined), { version: 7 })), 'newer-version');
    expect(error.version).toBe(7);
  });

  it('checksum-mismatch: one byte of the body edited and re-compressed; or the saved checksum wrong', async () => {
    const { header, body, trailer } = splitContent(readFileSync(file));
    const at = body.indexOf('Femke');
    const tampered = Buffer.from(body);
    tampered[at] = 'G'.charCodeAt(0);
    await expectProblem(open(gzipSync(Buffer.concat([Buffer.from(`${header}\n`), tampered, Buffer.from(trailer)]))), 'checksum-mismatch');
    await expectProblem(open(previewBytes(edited(() => undefined), { checksum: 'wrong' })), 'checksum-mismatch');
    // Damage that also breaks the JSON still says the file was changed.
    const cut = Buffer.concat([body.subarray(0, 300), body.subarray(310)]);
    await expectProblem(open(gzipSync(Buffer.concat([Buffer.from(`${header}\n`), cut, Buffer.from(trailer)]))), 'checksum-mismatch');
  });

  it('invalid: wrong types, unknown keys, a note too long, with the path', async () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [edited((copy) => Object.assign(copy.snapshot.companies[3]!, { active: 'yes' })), ['snapshot', 'companies', 3, 'active']],
      [edited((copy) => Object.assign(copy.snapshot.contacts[250]!, { email: 42 })), ['snapshot', 'contacts', 250, 'email']],
      [edited((copy) => Object.assign(copy.snapshot.contacts[5]!, { password: 'x' })), ['snapshot', 'contacts', 5]],
      [edited((copy) => Object.assign(copy.reconciliation.inPsa[7]!, { status: 'maybe' })), ['reconciliation', 'inPsa', 7, 'status']],
      [edited((copy) => Object.assign(copy.decisions[9]!, { note: 'x'.repeat(2001) })), ['decisions', 9, 'note']],
      [edited((copy) => Object.assign(copy.decisions[2]!, { choice: { kind: 'delete' } })), ['decisions', 2, 'choice', 'kind']],
      [edited((copy) => Object.assign(copy.decisions[4]!, { selected: 'yes' })), ['decisions', 4, 'selected']],
      [edited((copy) => Object.assign(copy.decisions[4]!, { users: { [copy.snapshot.contacts[0]!.psaId]: { kind: 'map', userId: 'u1' } } })), ['decisions', 4, 'users', document.snapshot.contacts[0]!.psaId, 'userLabel']],
      [edited((copy) => Object.assign(copy.reconciliation.contactMatches[1]!, { match: 'new' })), ['reconciliation', 'contactMatches', 1, 'match']],
      [edited((copy) => Object.assign(copy.reconciliation.contactMatches[2]!.user, { passwordHash: 'x' })), ['reconciliation', 'contactMatches', 2, 'user']],
      [edited((copy) => Object.assign(copy, { createdAt: 'yesterday' })), ['createdAt']],
      [edited((copy) => Object.assign(copy.integration, { token: 'abc' })), ['integration']],
    ];
    for (const [value, path] of cases) {
      const error = await expectProblem(open(previewBytes(value)), 'invalid');
      expect(error.path).toEqual(path);
    }
    // A body line that appends to something that is no list.
    await expectProblem(open(previewBytes(edited(() => undefined), { bigArrays: [['snapshot', 'companies'], ['createdBy']] })), 'invalid');
  });

  it('duplicate-id', async () => {
    const cases = [
      edited((copy) => copy.snapshot.companies.push({ ...copy.snapshot.companies[4]!, name: 'Twice' })),
      edited((copy) => copy.snapshot.contacts.push({ ...copy.snapshot.contacts[4]! })),
      edited((copy) => copy.reconciliation.inPsa.push({ ...copy.reconciliation.inPsa[1]! })),
      edited((copy) => copy.decisions.push({ ...copy.decisions[1]! })),
      edited((copy) => copy.reconciliation.contactMatches.push({ ...copy.reconciliation.contactMatches[3]! })),
      edited((copy) => copy.reconciliation.notInPsa.push({ ...copy.reconciliation.notInPsa[0]!, psaCompanyId: copy.snapshot.companies[0]!.psaId })),
    ];
    for (const value of cases) await expectProblem(open(previewBytes(value)), 'duplicate-id');
  });

  it('unknown-id: a contact, a row or a decision naming what is not in the snapshot', async () => {
    const other = (copy: PreviewDocument, companyId: string) => copy.snapshot.contacts.find((contact) => contact.companyPsaId !== companyId)!.psaId;
    const cases = [
      edited((copy) => Object.assign(copy.snapshot.contacts[0]!, { companyPsaId: '99999999' })),
      edited((copy) => Object.assign(copy.reconciliation.inPsa[0]!, { psaCompanyId: '99999999' })),
      edited((copy) => Object.assign(copy.decisions[1]!, { psaCompanyId: '99999999' })),
      edited((copy) => Object.assign(copy.decisions[1]!, { users: { '1': { kind: 'create' } } })),
      edited((copy) => Object.assign(copy.decisions[1]!, { users: { [other(copy, copy.decisions[1]!.psaCompanyId)]: { kind: 'create' } } })),
      edited((copy) => Object.assign(copy.reconciliation.contactMatches[0]!, { psaContactId: '99999999' })),
    ];
    for (const value of cases) await expectProblem(open(previewBytes(value)), 'unknown-id');
  });

  it('too-large: more companies than the limit, as counted', async () => {
    const many = edited((copy) => {
      copy.snapshot.companies = Array.from({ length: 100_001 }, (_, i) => ({ psaId: String(i), name: 'x', typeLabel: null, active: true, lastModifiedAt: null }));
      copy.snapshot.contacts = [];
      copy.reconciliation.inPsa = [];
      copy.reconciliation.contactMatches = [];
      copy.decisions = [];
    });
    const error = await expectProblem(open(previewBytes(many)), 'too-large');
    expect(error.path).toEqual(['snapshot', 'companies']);
  });
});

describe('messages', () => {
  it('every problem has a message in English and Dutch that differ, and the size limits in the message are the real ones', () => {
    for (const problem of PREVIEW_PROBLEMS) {
      expect(en.preview.problem[problem].length, problem).toBeGreaterThan(30);
      expect(nl.preview.problem[problem], problem).not.toBe(en.preview.problem[problem]);
    }
    expect(en.preview.problem['newer-version']).toContain('{{version}}');
    const limits = `${MAX_PREVIEW_COMPANIES.toLocaleString('en-GB')} companies and ${MAX_PREVIEW_CONTACTS.toLocaleString('en-GB')} contacts (${MAX_PREVIEW_FILE_BYTES / 1024 / 1024} MB`;
    expect(en.preview.problem['too-large']).toContain(limits);
  });
});

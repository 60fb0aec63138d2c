/**
 * Hand-made preview files for tests: any value in the container (electron/main/preview/preview-container.ts), with a
 * right or wrong checksum and any schema version — what a tampered, old or newer file looks like.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bodyLines, headerLine, trailerLine, type ArrayPath } from '../../electron/main/preview/preview-container';
import { wholePreviewDocument, type PreviewOpened } from '../../electron/main/preview/preview-file';
import { PREVIEW_BIG_ARRAYS, PREVIEW_SCHEMA_VERSION, type PreviewDocument } from '../../shared/preview/preview-document';

export interface EncodeOptions {
  readonly version?: number;
  /** The arrays written in slices (default: version 1's). */
  readonly bigArrays?: readonly ArrayPath[];
  /** 'wrong': the trailer's SHA-256 is of other bytes. */
  readonly checksum?: 'right' | 'wrong';
}

/** The decompressed content of a preview file holding `value`. */
export function previewContent(value: Record<string, unknown>, options: EncodeOptions = {}): Buffer {
  const body = Buffer.from([...bodyLines(value, options.bigArrays ?? PREVIEW_BIG_ARRAYS)].map((line) => `${line}\n`).join(''));
  return withBody(body, options);
}

/** The content with `body` (its lines, each ending in "\n") between a header and a trailer. */
export function withBody(body: Buffer, options: EncodeOptions = {}): Buffer {
  const hashed = options.checksum === 'wrong' ? Buffer.concat([body, Buffer.from(' ')]) : body;
  const sha256 = createHash('sha256').update(hashed).digest('hex');
  return Buffer.concat([Buffer.from(`${headerLine(options.version ?? PREVIEW_SCHEMA_VERSION)}\n`), body, Buffer.from(`${trailerLine({ sha256, bodyBytes: body.length })}\n`)]);
}

export function previewBytes(value: Record<string, unknown>, options: EncodeOptions = {}): Buffer {
  return gzipSync(previewContent(value, options));
}

/** A file's content split into header, body and trailer (the file must be well-formed). */
export function splitContent(file: Buffer): { readonly header: string; readonly body: Buffer; readonly trailer: string } {
  const content = gunzipSync(file);
  const first = content.indexOf(0x0a);
  const last = content.lastIndexOf(0x0a, content.length - 2);
  return { header: content.subarray(0, first).toString(), body: content.subarray(first + 1, last + 1), trailer: content.subarray(last + 1).toString() };
}

/** An opened preview as the whole document again (its contacts and matches read from the store). */
export const wholeDocument = (opened: PreviewOpened): Promise<PreviewDocument> => wholePreviewDocument(opened);

/** The document with its contacts and their matches in the order an opened preview gives them: company by company, in the snapshot's order. */
export function inCompanyOrder(document: PreviewDocument): PreviewDocument {
  const at = new Map(document.snapshot.companies.map((company, index) => [company.psaId, index]));
  const contacts = document.snapshot.contacts.map((contact, index) => ({ contact, index })).sort((a, b) => at.get(a.contact.companyPsaId)! - at.get(b.contact.companyPsaId)! || a.index - b.index);
  const companyOf = new Map(document.snapshot.contacts.map((contact) => [contact.psaId, at.get(contact.companyPsaId)!]));
  const matches = document.reconciliation.contactMatches.map((match, index) => ({ match, index })).sort((a, b) => companyOf.get(a.match.psaContactId)! - companyOf.get(b.match.psaContactId)! || a.index - b.index);
  return {
    ...document,
    snapshot: { ...document.snapshot, contacts: contacts.map(({ contact }) => contact) },
    reconciliation: { ...document.reconciliation, contactMatches: matches.map(({ match }) => match) },
  };
}

/** Byte-level damage to a file, for property tests: a few bytes flipped, the file cut short, or bytes inserted. */
export const byteDamage = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    for (const [at, xor] of flips) copy[at % copy.length] = copy[at % copy.length]! ^ xor;
    return copy;
  }),
  fc.nat().map((at) => (bytes: Buffer) => bytes.subarray(0, at % bytes.length)),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, inserted]) => (bytes: Buffer) => {
    const cut = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, cut), inserted, bytes.subarray(cut)]);
  }),
);

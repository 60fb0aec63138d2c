/**
 * The container of a `.msp-preview` file, the same for every schema version. Decompressed, it is UTF-8 lines:
 *
 *   {"format":"msp-preview","schemaVersion":1}                      the header
 *   {"createdBy":{…},…,"snapshot":{"companies":[],"contacts":[]},…}  body line 1: the document, big arrays empty
 *   [["snapshot","companies"],[{…},{…},…]]                           body lines 2…: items appended to one of them
 *   …
 *   {"sha256":"<hex>","bodyBytes":N}                                 the trailer
 *
 * and the whole is gzip-compressed. The SHA-256 covers exactly the body's bytes (every body line with its "\n"),
 * so verifying needs no re-serialisation. Why this layout rather than one JSON body after a header that carries the
 * checksum: with the checksum in a trailer the writer computes it as it goes, and with the big arrays in lines of
 * about 128 KiB both sides work in slices — the writer serialises a line while zlib compresses the previous ones on
 * libuv's pool, the reader parses a line while the next is decompressed — so neither holds the main process's event
 * loop for longer than a line, and neither waits for the other (bench:preview). Each line is plain JSON, so
 * `zcat file | sed 1d | jq` still reads one; the header comes first, so a newer version is refused before the rest is
 * read.
 */
import { createHash, type Hash } from 'node:crypto';
import { MAX_PREVIEW_COMPANIES, MAX_PREVIEW_CONTACTS, MAX_PREVIEW_NOT_IN_PSA, PREVIEW_FORMAT } from '../../../shared/preview/preview-document';
import { PreviewFileError } from './preview-file-error';

export interface PreviewHeader {
  readonly format: typeof PREVIEW_FORMAT;
  readonly schemaVersion: number;
}

export interface PreviewTrailer {
  readonly sha256: string;
  readonly bodyBytes: number;
}

/** Paths of arrays written in slices (body lines 2…), e.g. ['snapshot', 'contacts']. */
export type ArrayPath = readonly string[];

/** A body line's target length (characters) when the writer slices a big array. */
const LINE_TARGET = 128 * 1024;
/** The header is short: a first line longer than this is no header. */
const MAX_HEADER_BYTES = 4096;
const NEWLINE = 0x0a;
/** Keys no path may name (they reach an object's prototype, not data). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document with each of `paths` replaced by an empty array (copying only the objects on the way). */
function withEmptyArrays(document: Record<string, unknown>, paths: readonly ArrayPath[]): Record<string, unknown> {
  const copy = (node: Record<string, unknown>, path: ArrayPath): Record<string, unknown> => {
    const [key, ...rest] = path;
    if (key === undefined) return node;
    const inner = node[key];
    return { ...node, [key]: rest.length === 0 ? [] : isRecord(inner) ? copy(inner, rest) : inner };
  };
  return paths.reduce(copy, document);
}

function arrayAt(document: Record<string, unknown>, path: ArrayPath): readonly unknown[] {
  let node: unknown = document;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return Array.isArray(node) ? node : [];
}

/**
 * The body's lines (without their "\n"): the document with `bigArrays` emptied, then each big array in slices of
 * about LINE_TARGET characters (the slice's size adapts to its items').
 */
export function* bodyLines(document: Record<string, unknown>, bigArrays: readonly ArrayPath[]): Generator<string> {
  yield JSON.stringify(withEmptyArrays(document, bigArrays));
  for (const path of bigArrays) {
    const items = arrayAt(document, path);
    let count = 500;
    for (let start = 0; start < items.length; ) {
      const slice = items.slice(start, start + count);
      const line = JSON.stringify([path, slice]);
      if (line.length > 4 * LINE_TARGET && slice.length > 1) {
        count = Math.max(1, slice.length >> 2);
        continue;
      }
      yield line;
      start += slice.length;
      count = Math.max(1, Math.min(20_000, Math.round((slice.length * LINE_TARGET) / line.length)));
    }
  }
}

export function headerLine(schemaVersion: number): string {
  return JSON.stringify({ format: PREVIEW_FORMAT, schemaVersion } satisfies PreviewHeader);
}

export function trailerLine(trailer: PreviewTrailer): string {
  return JSON.stringify(trailer);
}

export interface DecoderLimits {
  /** Decompressed bytes in all. */
  readonly jsonBytes: number;
  /** Bytes of one line. */
  readonly lineBytes: number;
  /** The newest schema version this build reads: a newer header is refused at once, before the rest is read. */
  readonly newestVersion: number;
}

/**
 * Told each body line as it is assembled (before the checksum is verified): its bytes (without the "\n"), and for
 * lines 2… the path it appends to and how many items. The bytes are the decoder's own: kept, they stay as they are.
 */
export type BodyLineListener = (line: Buffer, appended: { readonly path: readonly string[]; readonly items: number } | null) => void;

const refuse = (problem: PreviewFileError['problem'], detail: string, extra: { version?: number; path?: readonly (string | number)[] } = {}) =>
  new PreviewFileError({ problem, detail, ...extra });

/**
 * Reads the decompressed content as it arrives (`push`), hashing the body and assembling the document line by line;
 * `end` verifies the trailer and hands back the schema version and the assembled (unchecked) document. Problems throw
 * PreviewFileError. A body problem found before the trailer is held back: the rest is still hashed, so a file whose
 * checksum does not match says so rather than naming the damage it caused.
 */
/**
 * The most records the body's lists can hold together: companies, reconciliation rows and decisions (one per company
 * each), contacts and their matches, and the rows not in the PSA. The document's checks hold each list to its own limit.
 */
export const MAX_BODY_ITEMS = 3 * MAX_PREVIEW_COMPANIES + 2 * MAX_PREVIEW_CONTACTS + MAX_PREVIEW_NOT_IN_PSA;

export class PreviewDecoder {
  private header: PreviewHeader | undefined;
  /** Records in the body so far. */
  private items = 0;
  private readonly parts: Buffer[] = [];
  private partBytes = 0;
  private total = 0;
  /** The last complete line: a body line, or (once the content ends) the trailer. */
  private held: Buffer | undefined;
  private readonly hash: Hash = createHash('sha256');
  private bodyBytes = 0;
  private bodyLine = 0;
  private document: Record<string, unknown> | undefined;
  private problem: PreviewFileError | undefined;

  constructor(
    private readonly limits: DecoderLimits,
    private readonly onLine?: BodyLineListener,
  ) {}

  /** Decompressed bytes so far. */
  get bytes(): number {
    return this.total;
  }

  /** The schema version, once the header is read. */
  get version(): number | undefined {
    return this.header?.schemaVersion;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.total > this.limits.jsonBytes) throw refuse('too-large', `more than ${this.limits.jsonBytes} bytes once decompressed`);
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(NEWLINE, from);
      if (at < 0) break;
      const piece = chunk.subarray(from, at);
      if (this.partBytes + piece.length > this.limits.lineBytes) throw refuse('too-large', `a line longer than ${this.limits.lineBytes} bytes`);
      const line = this.parts.length === 0 ? piece : Buffer.concat([...this.parts, piece]);
      this.parts.length = 0;
      this.partBytes = 0;
      this.line(line);
      from = at + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from);
      this.partBytes += rest.length;
      this.parts.push(rest);
      if (!this.header && this.partBytes > MAX_HEADER_BYTES) this.noHeader(Buffer.concat(this.parts));
      if (this.partBytes > this.limits.lineBytes) throw refuse('too-large', `a line longer than ${this.limits.lineBytes} bytes`);
    }
  }

  /** The content has ended: verifies it and returns the schema version and the document as assembled. */
  end(): { readonly version: number; readonly document: unknown } {
    if (!this.header) {
      if (this.total === 0) throw refuse('not-a-preview', 'the file is empty once decompressed');
      this.noHeader(Buffer.concat(this.parts));
    }
    if (this.partBytes > 0) throw refuse('truncated', 'the content ends in the middle of a line');
    const trailer = this.held === undefined ? undefined : parseTrailer(this.held);
    if (!trailer) throw refuse('truncated', 'the content ends before its checksum');
    const sha256 = this.hash.digest('hex');
    if (trailer.bodyBytes !== this.bodyBytes) throw refuse('checksum-mismatch', `the body has ${this.bodyBytes} bytes; ${trailer.bodyBytes} were saved`);
    if (trailer.sha256 !== sha256) throw refuse('checksum-mismatch', 'the body’s SHA-256 differs from the one saved');
    if (this.problem) throw this.problem;
    if (!this.document) throw refuse('truncated', 'the content has no document');
    return { version: this.header.schemaVersion, document: this.document };
  }

  private line(line: Buffer): void {
    if (!this.header) {
      this.header = parseHeader(line);
      const version = this.header.schemaVersion;
      if (version > this.limits.newestVersion) throw refuse('newer-version', `schema version ${version} is newer than ${this.limits.newestVersion}`, { version });
      return;
    }
    if (this.held) this.body(this.held);
    this.held = line;
  }

  private noHeader(start: Buffer): never {
    // JSON (an object or array) that is not a preview, or not JSON at all.
    const first = start.toString('utf8', 0, Math.min(start.length, 64)).trimStart()[0];
    if (first === '{' || first === '[') throw refuse('not-a-preview', 'the content does not start with a preview header');
    throw refuse('not-json', 'the content is not JSON');
  }

  private body(line: Buffer): void {
    this.hash.update(line);
    this.hash.update('\n');
    this.bodyBytes += line.length + 1;
    this.bodyLine++;
    if (this.problem) return;
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch (error) {
      this.problem = refuse('not-json', `body line ${this.bodyLine} is not JSON (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (this.bodyLine === 1) {
      if (isRecord(value)) {
        this.document = value;
        this.onLine?.(line, null);
      } else this.problem = refuse('invalid', 'the document is not an object', { path: [] });
      return;
    }
    // Counted before they are kept: a small file can unpack into a hundred million tiny items, which the checks after
    // parsing would refuse only once they had filled the memory.
    this.items += Array.isArray(value) && Array.isArray(value[1]) ? value[1].length : 0;
    if (this.items > MAX_BODY_ITEMS) {
      this.problem = refuse('too-large', `more than ${MAX_BODY_ITEMS} records in the body`);
      return;
    }
    const flaw = this.document ? append(this.document, value) : 'no document';
    if (flaw) this.problem = refuse('invalid', `body line ${this.bodyLine}: ${flaw}`, { path: [] });
    else if (this.onLine) {
      const [path, items] = value as [string[], unknown[]];
      this.onLine(line, { path, items: items.length });
    }
  }
}

function parseHeader(line: Buffer): PreviewHeader {
  if (line.length > MAX_HEADER_BYTES) throw refuse('not-a-preview', 'the first line is no preview header');
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    const first = line.toString('utf8', 0, Math.min(line.length, 64)).trimStart()[0];
    if (first === '{' || first === '[') throw refuse('not-a-preview', 'the content does not start with a preview header');
    throw refuse('not-json', 'the content is not JSON');
  }
  if (!isRecord(value) || value['format'] !== PREVIEW_FORMAT) throw refuse('not-a-preview', 'the content does not start with a preview header');
  const version = value['schemaVersion'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw refuse('not-a-preview', 'the header has no schema version');
  return { format: PREVIEW_FORMAT, schemaVersion: version };
}

function parseTrailer(line: Buffer): PreviewTrailer | undefined {
  if (line.length > MAX_HEADER_BYTES) return undefined;
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    if (!isRecord(value)) return undefined;
    const { sha256, bodyBytes } = value;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || typeof bodyBytes !== 'number' || !Number.isSafeInteger(bodyBytes)) return undefined;
    return { sha256, bodyBytes };
  } catch {
    return undefined;
  }
}

/** Appends a body line's items (`[path, items]`) to the array at path in the document; what is wrong, if anything. */
function append(document: Record<string, unknown>, value: unknown): string | null {
  if (!Array.isArray(value) || value.length !== 2) return 'expected [path, items]';
  const [path, items] = value as [unknown, unknown];
  if (!Array.isArray(path) || path.length < 1 || path.length > 4 || !path.every((key) => typeof key === 'string' && !UNSAFE_KEYS.has(key))) return 'expected a path of names';
  if (!Array.isArray(items)) return 'expected a list of items';
  let node: unknown = document;
  for (const key of path as string[]) node = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  if (!Array.isArray(node)) return `no list at ${(path as string[]).join('.')}`;
  for (const item of items) node.push(item);
  return null;
}

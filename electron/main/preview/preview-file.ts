/**
 * Saving and opening `.msp-preview` files (the layout: preview-container.ts; the document: shared/preview/).
 *
 * Off the event loop: compression, decompression and the file's reads and writes run on libuv's pool (zlib's and
 * fs's streams); what must run on the main thread — serialising, parsing, hashing and checking the JSON — runs in
 * slices of a few milliseconds with a turn of the event loop between them, and overlaps with the pool's work.
 * No worker thread: the parsed document is needed on the main thread, and bringing 450,000 records back from a
 * worker costs the main thread about what parsing them here does (bench:preview measures the event loop's delay).
 * What still holds the event loop while a big preview opens is V8's young-generation collector copying the records
 * just parsed (each scavenge copies up to a semi-space of live objects: 10–40 ms on a busy 2-core machine). A
 * smaller semi-space makes each pause shorter for the same total (in isolation, parsing 75 MB of records:
 * `--max-semi-space-size=2` took the longest pause from 80 to 12 ms); it is a startup flag of the main process.
 *
 * Saving is atomic: a temporary file beside the target, flushed to disk, then renamed over it; a failure leaves
 * neither a partial file nor the temporary one. Both functions reject only with PreviewFileError.
 */
import { randomBytes, createHash } from 'node:crypto';
import { constants, type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { checkPreviewDocument } from '../../../shared/preview/preview-check';
import {
  MAX_PREVIEW_FILE_BYTES,
  MAX_PREVIEW_JSON_BYTES,
  MAX_PREVIEW_LINE_BYTES,
  PREVIEW_BIG_ARRAYS,
  PREVIEW_SCHEMA_VERSION,
  type PreviewContact,
  type PreviewDocument,
  type PreviewOpenedDocument,
  type PreviewProblemInfo,
} from '../../../shared/preview/preview-document';
import { migratePreviewDocument } from '../../../shared/preview/preview-migrations';
import { bodyLines, headerLine, PreviewDecoder, trailerLine } from './preview-container';
import { PreviewFileError } from './preview-file-error';

/** gzip's level for saving: 6, zlib's default (bench:preview compares the same level). */
export const PREVIEW_GZIP_LEVEL = 6;
/** The longest the main thread works before it gives the event loop a turn. */
const SLICE_MS = 4;
/** zlib's and the file streams' chunks. */
const ZLIB_CHUNK = 256 * 1024;
/** Decompressed chunks handed to the decoder: about half a body line, so one chunk's parsing is short. */
const INFLATED_CHUNK = 64 * 1024;

export interface PreviewLimits {
  readonly fileBytes: number;
  readonly jsonBytes: number;
  readonly lineBytes: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { fileBytes: MAX_PREVIEW_FILE_BYTES, jsonBytes: MAX_PREVIEW_JSON_BYTES, lineBytes: MAX_PREVIEW_LINE_BYTES };

export interface WritePreviewOptions {
  /** gzip level (default PREVIEW_GZIP_LEVEL). */
  readonly level?: number;
}

export interface PreviewWritten {
  /** The file's size on disk (compressed). */
  readonly fileBytes: number;
  /** The decompressed content's size (header, body, trailer). */
  readonly jsonBytes: number;
  /** The body's SHA-256 (hex), as the trailer holds it. */
  readonly sha256: string;
}

export interface ReadPreviewOptions {
  /** Lower limits (tests); the defaults are the documented ones (shared/preview/preview-document.ts). */
  readonly limits?: Partial<PreviewLimits>;
}

/** An opened preview's contacts (the bulk of a big one), kept out of the document main holds. */
export interface PreviewContactsStore {
  readonly count: number;
  /** One company's contacts, parsed on demand (small). */
  forCompany(psaCompanyId: string): readonly PreviewContact[];
  /** Every contact (apply, export, save back): parsed in slices, yielding the event loop. */
  all(): Promise<PreviewContact[]>;
}

export interface PreviewOpened {
  /** The document without the snapshot's contacts (those are `contacts`). */
  readonly document: PreviewOpenedDocument;
  readonly contacts: PreviewContactsStore;
  /** The schema version the file was saved with (older ones were migrated). */
  readonly schemaVersion: number;
  readonly fileBytes: number;
  readonly jsonBytes: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs a generator of work to its end, giving the event loop a turn whenever a slice has run SLICE_MS. */
async function runSliced<T>(steps: Generator<void, T>): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= SLICE_MS) {
      await yieldToLoop();
      since = performance.now();
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes `document` to `path` (conventionally ending in .msp-preview), replacing any file there only once the new
 * one is complete on disk. The document is checked (the same checks as opening) before the file is renamed into
 * place: what could not be opened is not saved. The document must not change until the promise settles. Rejects
 * with PreviewFileError: the check's problem, or 'write-failed'.
 */
export async function writePreviewFile(path: string, document: PreviewDocument, options: WritePreviewOptions = {}): Promise<PreviewWritten> {
  // Checked while it is written: a step of the checks after each line, so the checks run while zlib compresses on
  // the pool rather than before it starts; a problem stops the writing (and removes the temporary file).
  const checks = checkPreviewDocument(document);
  let checked: ReturnType<typeof checks.next> | undefined;
  const checkStep = () => {
    if (checked?.done) return;
    checked = checks.next();
    if (checked.done && !checked.value.ok) throw new PreviewFileError(checked.value.problem);
  };

  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    const hash = createHash('sha256');
    let sha256 = '';
    let jsonBytes = 0;
    async function* content(): AsyncGenerator<Buffer> {
      const header = Buffer.from(`${headerLine(PREVIEW_SCHEMA_VERSION)}\n`);
      jsonBytes += header.length;
      yield header;
      let bodyBytes = 0;
      let since = performance.now();
      for (const line of bodyLines(document, PREVIEW_BIG_ARRAYS)) {
        const bytes = Buffer.from(`${line}\n`);
        hash.update(bytes);
        bodyBytes += bytes.length;
        if (bodyBytes > MAX_PREVIEW_JSON_BYTES) throw new PreviewFileError({ problem: 'too-large', detail: `more than ${MAX_PREVIEW_JSON_BYTES} bytes of JSON` });
        yield bytes;
        checkStep();
        if (performance.now() - since >= SLICE_MS) {
          await yieldToLoop();
          since = performance.now();
        }
      }
      while (!checked?.done) {
        checkStep();
        if (performance.now() - since >= SLICE_MS) {
          await yieldToLoop();
          since = performance.now();
        }
      }
      sha256 = hash.digest('hex');
      const trailer = Buffer.from(`${trailerLine({ sha256, bodyBytes })}\n`);
      jsonBytes += bodyBytes + trailer.length;
      yield trailer;
    }
    // The stream flushes the file to disk (fsync) before it closes it, and pipeline waits for that.
    const sink = handle.createWriteStream({ flush: true, highWaterMark: ZLIB_CHUNK });
    handle = undefined;
    await pipeline(
      Readable.from(content(), { highWaterMark: 8 }),
      createGzip({ level: options.level ?? PREVIEW_GZIP_LEVEL, chunkSize: ZLIB_CHUNK }),
      sink,
    );
    const fileBytes = sink.bytesWritten;
    if (fileBytes > MAX_PREVIEW_FILE_BYTES) throw new PreviewFileError({ problem: 'too-large', detail: `${fileBytes} bytes compressed; the limit is ${MAX_PREVIEW_FILE_BYTES}` });
    await rename(temporary, path);
    await syncFolder(dirname(path));
    return { fileBytes, jsonBytes, sha256 };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    if (error instanceof PreviewFileError) throw error;
    throw new PreviewFileError({ problem: 'write-failed', detail: message(error) });
  }
}

/** Makes the rename itself durable (POSIX); where a folder cannot be opened for that (Windows), the rename stands as it is. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported here: nothing more to do.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Opens the preview file at `path`: refuses it unread when over the size limit, decompresses it (stopping at the
 * decompressed limit), verifies its checksum, parses, migrates an older schema version, and checks the shape and
 * integrity. Rejects only with PreviewFileError naming the problem; reads nothing but the file.
 */
export async function readPreviewFile(path: string, options: ReadPreviewOptions = {}): Promise<PreviewOpened> {
  const limits = { ...PREVIEW_LIMITS, ...options.limits };
  let handle: FileHandle | undefined;
  /** What stopped the reading from inside (pipeline reports the streams' abort instead). */
  let stopped: unknown;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) throw new PreviewFileError({ problem: 'unreadable', detail: 'not a file' });
    if (stat.size > limits.fileBytes) throw new PreviewFileError({ problem: 'too-large', detail: `${stat.size} bytes; the limit is ${limits.fileBytes}` });
    const magic = Buffer.alloc(3);
    const { bytesRead } = await handle.read(magic, 0, 3, 0);
    if (bytesRead < 3 || magic[0] !== 0x1f || magic[1] !== 0x8b || magic[2] !== 0x08) throw new PreviewFileError({ problem: 'not-gzip', detail: 'the file is not gzip-compressed' });

    const decoder = new PreviewDecoder({ jsonBytes: limits.jsonBytes, lineBytes: limits.lineBytes, newestVersion: PREVIEW_SCHEMA_VERSION });
    // A stream has no maxOutputLength: the decoder counts what comes out and stops at limits.jsonBytes instead.
    // The stream closes the file when it ends or fails.
    const input = handle.createReadStream({ start: 0, highWaterMark: ZLIB_CHUNK });
    handle = undefined;
    await pipeline(input, createGunzip({ chunkSize: INFLATED_CHUNK }), async (source: AsyncIterable<Buffer>) => {
      let since = performance.now();
      for await (const chunk of source) {
        try {
          decoder.push(chunk);
        } catch (error) {
          stopped = error;
          throw error;
        }
        if (performance.now() - since >= SLICE_MS) {
          await yieldToLoop();
          since = performance.now();
        }
      }
    });
    const { version, document } = decoder.end();
    const jsonBytes = decoder.bytes;

    const migrated = guarded(() => migratePreviewDocument(document, version));
    if (!migrated.ok) throw new PreviewFileError(migrated.problem);
    const checked = await runSliced(guardedSteps(checkPreviewDocument(migrated.value)));
    if (!checked.ok) throw new PreviewFileError(checked.problem);
    const { snapshot, ...rest } = checked.document;
    return { document: { ...rest, snapshot: { companies: snapshot.companies } }, contacts: contactsStore(snapshot.contacts), schemaVersion: version, fileBytes: stat.size, jsonBytes };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw asPreviewError(stopped ?? error);
  }
}

function contactsStore(contacts: readonly PreviewContact[]): PreviewContactsStore {
  const byCompany = new Map<string, PreviewContact[]>();
  for (const contact of contacts) {
    const list = byCompany.get(contact.companyPsaId);
    if (list) list.push(contact);
    else byCompany.set(contact.companyPsaId, [contact]);
  }
  return { count: contacts.length, forCompany: (id) => byCompany.get(id) ?? [], all: () => Promise.resolve([...contacts]) };
}

type Failed = { readonly ok: false; readonly problem: PreviewProblemInfo };

/** A migration that throws (it should not) is the file's problem, not a crash. */
function guarded<T extends { readonly ok: boolean }>(work: () => T): T | Failed {
  try {
    return work();
  } catch (error) {
    return { ok: false, problem: { problem: 'invalid', detail: message(error) } };
  }
}

function* guardedSteps<T>(steps: Generator<void, T>): Generator<void, T | Failed> {
  try {
    return yield* steps;
  } catch (error) {
    return { ok: false, problem: { problem: 'invalid', detail: message(error) } };
  }
}

/** What any failure while opening is, as a PreviewFileError. */
function asPreviewError(error: unknown): PreviewFileError {
  if (error instanceof PreviewFileError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  // zlib: "unexpected end of file" is a file cut short; bad data, distances or checksums are damage.
  if (code === 'Z_BUF_ERROR') return new PreviewFileError({ problem: 'truncated', detail: message(error) });
  if (code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT' || code === 'Z_STREAM_ERROR') return new PreviewFileError({ problem: 'corrupt', detail: message(error) });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new PreviewFileError({ problem: 'not-found', detail: message(error) });
  if (error instanceof RangeError) return new PreviewFileError({ problem: 'too-large', detail: message(error) });
  return new PreviewFileError({ problem: 'unreadable', detail: message(error) });
}

/**
 * Saving and opening `.msp-preview` files (the layout: preview-container.ts; the document: shared/preview/).
 *
 * Off the event loop. Saving: compression and the file's writes run on libuv's pool (zlib's and fs's streams);
 * serialising, hashing and checking run here in slices of a few milliseconds with a turn of the event loop between
 * them, overlapping with the pool's work. Opening: a worker thread reads, parses and checks the whole file
 * (preview-thread.ts) and hands back its content packed as bytes that move without a copy; here only the document
 * without its contacts is parsed (in slices), and a company's contacts when asked for. 400,000 contacts parsed here
 * held the event loop (V8's young-generation collector copying the records just parsed: 26.7 ms p99), and a
 * worker's structured clone of them would allocate the same objects here in one blocking go.
 *
 * Saving is atomic: a temporary file beside the target, flushed to disk, then renamed over it; a failure leaves
 * neither a partial file nor the temporary one. Both functions reject only with PreviewFileError.
 */
import { randomBytes, createHash } from 'node:crypto';
import { constants, type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { checkPreviewDocument } from '../../../shared/preview/preview-check';
import {
  MAX_PREVIEW_FILE_BYTES,
  MAX_PREVIEW_JSON_BYTES,
  PREVIEW_BIG_ARRAYS,
  PREVIEW_SCHEMA_VERSION,
  type PreviewCompany,
  type PreviewContact,
  type PreviewContactMatch,
  type PreviewDocument,
  type PreviewOpenedDocument,
} from '../../../shared/preview/preview-document';
import type { ImportContactRow } from '../../../shared/import/session';
import { contactMatchMap, contactRowsOf } from '../../../shared/preview/preview-contacts';
import { bodyLines, headerLine, trailerLine } from './preview-container';
import { PreviewFileError } from './preview-file-error';
import type { PackedRecords } from './preview-open-job';
import { errorMessage as message, type PreviewLimits, yieldToLoop, ZLIB_CHUNK } from './preview-read';
import { previewThread } from './preview-thread';

export { PREVIEW_LIMITS, type PreviewLimits } from './preview-read';

/** gzip's level for saving: 6, zlib's default (bench:preview compares the same level). */
export const PREVIEW_GZIP_LEVEL = 6;
/** The longest the main thread works before it gives the event loop a turn. */
const SLICE_MS = 4;

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

/**
 * An opened preview's contacts and how they matched when saved (the bulk of a big one), kept packed out of the
 * document main holds. "All" lists come company by company, in the snapshot's order.
 */
export interface PreviewContactsStore {
  readonly count: number;
  /** One company's contacts, parsed on demand (small). */
  forCompany(psaCompanyId: string): readonly PreviewContact[];
  /** How one company's contacts matched the workspace's users when saved (only those not new). */
  matchesForCompany(psaCompanyId: string): readonly PreviewContactMatch[];
  /** One company's contacts as the wizard's rows, as saved ("Manage users" of a preview under review). */
  rowsForCompany(psaCompanyId: string): ImportContactRow[];
  /** Every contact (apply, export, save back): parsed in slices, yielding the event loop. */
  all(): Promise<PreviewContact[]>;
  /** Every contact match (export, save back): parsed in slices, yielding the event loop. */
  allMatches(): Promise<PreviewContactMatch[]>;
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
 * Opens the preview file at `path`: the preview worker reads it whole — refused unread when over the size limit,
 * decompressed (stopping at the decompressed limit), its checksum verified, parsed, an older schema version migrated,
 * its shape and integrity checked (preview-read.ts) — and hands back its content packed as bytes (preview-open-job.ts).
 * Here the document without its contacts is parsed in slices; the contacts stay packed, one company's parsed when
 * asked for. Rejects only with PreviewFileError naming the problem; reads nothing but the file.
 */
export async function readPreviewFile(path: string, options: ReadPreviewOptions = {}): Promise<PreviewOpened> {
  const packed = await previewThread.open({ path, ...(options.limits ? { limits: options.limits } : {}) });
  const document = await unpackHead(packed.head);
  return { document, contacts: new PackedContacts(document.snapshot.companies, packed.contacts, packed.matches), schemaVersion: packed.schemaVersion, fileBytes: packed.fileBytes, jsonBytes: packed.jsonBytes };
}

/**
 * An opened preview as a whole document again (Save of a review, apply later): its contacts and their matches parsed
 * in slices, company by company. What writePreviewFile takes.
 */
export async function wholePreviewDocument(opened: Pick<PreviewOpened, 'document' | 'contacts'>): Promise<PreviewDocument> {
  const { snapshot, reconciliation } = opened.document;
  const contacts = await opened.contacts.all();
  const contactMatches = await opened.contacts.allMatches();
  return { ...opened.document, snapshot: { companies: snapshot.companies, contacts }, reconciliation: { ...reconciliation, contactMatches } };
}

/** The head's lines (checked in the worker) parsed back into the document, a few milliseconds at a time. */
async function unpackHead(head: readonly Uint8Array[]): Promise<PreviewOpenedDocument> {
  const decoder = new TextDecoder();
  let document: Record<string, unknown> | undefined;
  let since = performance.now();
  for (const line of head) {
    const value: unknown = JSON.parse(decoder.decode(line));
    if (!document) document = value as Record<string, unknown>;
    else {
      const [path, items] = value as [string[], unknown[]];
      let node: unknown = document;
      for (const key of path) node = (node as Record<string, unknown>)[key];
      const list = node as unknown[];
      for (const item of items) list.push(item);
    }
    if (performance.now() - since >= SLICE_MS) {
      await yieldToLoop();
      since = performance.now();
    }
  }
  if (!document) throw new PreviewFileError({ problem: 'unreadable', detail: 'the preview worker handed back no document' });
  // The contacts and their matches stay packed (PackedContacts): the head's empty lists go.
  delete (document['snapshot'] as Record<string, unknown>)['contacts'];
  delete (document['reconciliation'] as Record<string, unknown>)['contactMatches'];
  return document as unknown as PreviewOpenedDocument;
}

/** The contacts and matches as the worker packed them: each record's JSON, parsed a company at a time when asked for. */
class PackedContacts implements PreviewContactsStore {
  private index: Map<string, number> | undefined;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly companies: readonly PreviewCompany[],
    private readonly contacts: PackedRecords,
    private readonly matches: PackedRecords,
  ) {}

  get count(): number {
    return this.contacts.order.length;
  }

  forCompany(psaCompanyId: string): readonly PreviewContact[] {
    const at = this.companyAt(psaCompanyId);
    return at === undefined ? [] : this.parse<PreviewContact>(this.contacts, at);
  }

  matchesForCompany(psaCompanyId: string): readonly PreviewContactMatch[] {
    const at = this.companyAt(psaCompanyId);
    return at === undefined ? [] : this.parse<PreviewContactMatch>(this.matches, at);
  }

  rowsForCompany(psaCompanyId: string): ImportContactRow[] {
    return contactRowsOf(this.forCompany(psaCompanyId), contactMatchMap(this.matchesForCompany(psaCompanyId)));
  }

  all(): Promise<PreviewContact[]> {
    return this.parseAll<PreviewContact>(this.contacts);
  }

  allMatches(): Promise<PreviewContactMatch[]> {
    return this.parseAll<PreviewContactMatch>(this.matches);
  }

  private companyAt(psaCompanyId: string): number | undefined {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.companies.length; i++) this.index.set(this.companies[i]!.psaId, i);
    }
    return this.index.get(psaCompanyId);
  }

  private async parseAll<T>(records: PackedRecords): Promise<T[]> {
    const out: T[] = [];
    let since = performance.now();
    for (let i = 0; i < this.companies.length; i++) {
      for (const record of this.parse<T>(records, i)) out.push(record);
      if (performance.now() - since >= SLICE_MS) {
        await yieldToLoop();
        since = performance.now();
      }
    }
    return out;
  }

  private parse<T>(records: PackedRecords, company: number): T[] {
    const { lines, lineOf, starts, ends, order, companyStarts } = records;
    const from = companyStarts[company]!;
    const to = companyStarts[company + 1]!;
    if (from === to) return [];
    const parts: string[] = [];
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      parts.push(this.decoder.decode(lines[lineOf[i]!]!.subarray(starts[i]!, ends[i]!)));
    }
    return JSON.parse(`[${parts.join(',')}]`) as T[];
  }
}

/**
 * Reading a `.msp-preview` file into its whole, checked document: refused unread when over the size limit,
 * decompressed (stopping at the decompressed limit), its checksum verified, parsed line by line, an older schema
 * version migrated, and the shape and integrity checked. It runs in the preview worker (preview-thread.ts), or on
 * the main thread should that worker not start: `sliceMs` then gives the event loop a turn between slices.
 * Rejects only with PreviewFileError naming the problem; reads nothing but the file.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { checkPreviewDocument } from '../../../shared/preview/preview-check';
import {
  MAX_PREVIEW_FILE_BYTES,
  MAX_PREVIEW_JSON_BYTES,
  MAX_PREVIEW_LINE_BYTES,
  PREVIEW_SCHEMA_VERSION,
  type PreviewDocument,
  type PreviewProblemInfo,
} from '../../../shared/preview/preview-document';
import { migratePreviewDocument } from '../../../shared/preview/preview-migrations';
import { PreviewDecoder, type BodyLineListener } from './preview-container';
import { PreviewFileError } from './preview-file-error';

export interface PreviewLimits {
  readonly fileBytes: number;
  readonly jsonBytes: number;
  readonly lineBytes: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { fileBytes: MAX_PREVIEW_FILE_BYTES, jsonBytes: MAX_PREVIEW_JSON_BYTES, lineBytes: MAX_PREVIEW_LINE_BYTES };

/** zlib's and the file streams' chunks. */
export const ZLIB_CHUNK = 256 * 1024;
/** Decompressed chunks handed to the decoder: about half a body line, so one chunk's parsing is short. */
const INFLATED_CHUNK = 64 * 1024;

export interface PreviewRead {
  readonly document: PreviewDocument;
  /** The schema version the file was saved with (older ones were migrated). */
  readonly schemaVersion: number;
  readonly fileBytes: number;
  readonly jsonBytes: number;
}

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs a generator of work to its end, giving the event loop a turn whenever a slice has run `sliceMs`. */
export async function runSliced<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await yieldToLoop();
      since = performance.now();
    }
  }
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads and checks the whole document at `path`; `sliceMs`: the longest stretch of work between two turns of the event loop. */
export async function readPreviewDocument(path: string, limitsGiven: Partial<PreviewLimits> = {}, sliceMs = Number.POSITIVE_INFINITY, onLine?: BodyLineListener): Promise<PreviewRead> {
  const limits = { ...PREVIEW_LIMITS, ...limitsGiven };
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

    const decoder = new PreviewDecoder({ jsonBytes: limits.jsonBytes, lineBytes: limits.lineBytes, newestVersion: PREVIEW_SCHEMA_VERSION }, onLine);
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
        if (performance.now() - since >= sliceMs) {
          await yieldToLoop();
          since = performance.now();
        }
      }
    });
    const { version, document } = decoder.end();
    const jsonBytes = decoder.bytes;

    const migrated = guarded(() => migratePreviewDocument(document, version));
    if (!migrated.ok) throw new PreviewFileError(migrated.problem);
    const checked = await runSliced(guardedSteps(checkPreviewDocument(migrated.value)), sliceMs);
    if (!checked.ok) throw new PreviewFileError(checked.problem);
    return { document: checked.document, schemaVersion: version, fileBytes: stat.size, jsonBytes };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw asPreviewError(stopped ?? error);
  }
}

type Failed = { readonly ok: false; readonly problem: PreviewProblemInfo };

/** A migration that throws (it should not) is the file's problem, not a crash. */
function guarded<T extends { readonly ok: boolean }>(work: () => T): T | Failed {
  try {
    return work();
  } catch (error) {
    return { ok: false, problem: { problem: 'invalid', detail: errorMessage(error) } };
  }
}

function* guardedSteps<T>(steps: Generator<void, T>): Generator<void, T | Failed> {
  try {
    return yield* steps;
  } catch (error) {
    return { ok: false, problem: { problem: 'invalid', detail: errorMessage(error) } };
  }
}

/** What any failure while opening is, as a PreviewFileError. */
export function asPreviewError(error: unknown): PreviewFileError {
  if (error instanceof PreviewFileError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  // zlib: "unexpected end of file" is a file cut short; bad data, distances or checksums are damage.
  if (code === 'Z_BUF_ERROR') return new PreviewFileError({ problem: 'truncated', detail: errorMessage(error) });
  if (code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT' || code === 'Z_STREAM_ERROR') return new PreviewFileError({ problem: 'corrupt', detail: errorMessage(error) });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new PreviewFileError({ problem: 'not-found', detail: errorMessage(error) });
  if (error instanceof RangeError) return new PreviewFileError({ problem: 'too-large', detail: errorMessage(error) });
  return new PreviewFileError({ problem: 'unreadable', detail: errorMessage(error) });
}

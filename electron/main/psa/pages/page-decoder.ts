/**
 * Where a page's body becomes data. Small answers (lookups, counts) are
 * parsed on the spot; the fetch's large pages go to the page worker, so
 * decoding UTF-8, JSON.parse, zod and mapping — most of a fetch's CPU — never
 * hold the main event loop (bench:fetch: its p99 delay while 90,000 records
 * arrive). Only the plain records come back. Should the worker not start (or
 * die), pages are decoded here instead, by the same code: slower for the
 * event loop, never a failed fetch.
 */
import type { z } from 'zod';
import { FallbackWorker, type FallbackWorkerMode } from '../../base/fallback-worker';
import { parseBody } from '../http/parse-body';
import type { PageDecoder } from '../http/psa-http';
import { requestRedactor } from '../http/request-redactor';
import { PsaCancelled, PsaError } from '../psa-error';
import { runCodec, type CodecContext, type CodecName, type CodecOutput, type PageJob } from './page-codecs';
import type { PageReply } from './page-protocol';

/** Parses and validates on the main thread: for answers too small to be worth a trip to the worker. */
export function onMainThread<S extends z.ZodType>(schema: S): PageDecoder<z.output<S>> {
  return async (response, request) => parseBody({ status: response.status, body: response.bytes.toString('utf8') }, schema, request);
}

/**
 * Decodes, validates and maps with `codec` in the page worker. `context` may still be on its way (a lookup
 * list): it is awaited only once a page is there to map, so the first requests need not wait for it.
 */
export function offMainThread<K extends CodecName>(codec: K, context: CodecContext<K> | PromiseLike<CodecContext<K>>): PageDecoder<CodecOutput<K>> {
  return async (response, request) => {
    const job: PageJob<K> = { codec, bytes: response.bytes, status: response.status, method: request.method, url: request.url, context: await context };
    try {
      // Cancelled: settles at once as PsaCancelled; the worker's late answer is dropped.
      return (await pageWorkers.run(job, request.signal)) as CodecOutput<K>;
    } catch (error) {
      // The worker never sees the credentials; zod may quote a value that repeats one, so scrub here.
      if (error instanceof PsaError) throw new PsaError(error.kind, requestRedactor(request.headers).scrub(error.message), error.status);
      if (error instanceof PsaCancelled) throw error;
      // Anything else (a mapping that threw, decoded here when the worker is gone) ends as the worker's would: unknown, scrubbed.
      throw new PsaError('unknown', requestRedactor(request.headers).scrub(error instanceof Error ? error.message : String(error)));
    }
  };
}

/**
 * One worker for the whole process, started on the first page (../../base/fallback-worker.ts). Should it not
 * start or die, everything after is decoded here; pages it never got are decoded here too, while those it had
 * took their bytes with them, so their fetch fails as "try again" (which then decodes here).
 */
const pageWorkers = new FallbackWorker<PageJob, PageReply>({
  // Bundled, page-worker.mjs beside out/main/index.mjs (scripts/bundle-options.mjs).
  entry: { bundled: 'page-worker.mjs', source: new URL('./page-worker.ts', import.meta.url) },
  runHere: runCodec,
  failure: (reply) => new PsaError(reply.kind, reply.detail, reply.status),
  // A body that owns its whole buffer moves to the worker without a copy; a slice of a shared one is copied.
  transfer: ({ bytes }) => (bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : []),
  lost: () => new PsaError('unknown', 'The page decoder stopped while decoding a page.'),
  cancelled: () => new PsaCancelled(),
});

/** Where pages are decoded: 'main thread' once the worker could not start or died (tests check the bundle's). */
export function pageDecodingMode(): FallbackWorkerMode {
  return pageWorkers.mode;
}

/**
 * Where a page's body becomes data. Small answers (lookups, counts) are
 * parsed on the spot; the fetch's large pages go to the page worker, so
 * decoding UTF-8, JSON.parse, zod and mapping — most of a fetch's CPU — never
 * hold the main event loop (bench:fetch: its p99 delay while 90,000 records
 * arrive). Only the plain records come back. Should the worker not start (or
 * die), pages are decoded here instead, by the same code: slower for the
 * event loop, never a failed fetch.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
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
      return await pageWorkers.decode(job, request.signal);
    } catch (error) {
      // The worker never sees the credentials; zod may quote a value that repeats one, so scrub here.
      if (error instanceof PsaError) throw new PsaError(error.kind, requestRedactor(request.headers).scrub(error.message), error.status);
      if (error instanceof PsaCancelled) throw error;
      // Anything else (a mapping that threw, decoded here when the worker is gone) ends as the worker's would: unknown, scrubbed.
      throw new PsaError('unknown', requestRedactor(request.headers).scrub(error instanceof Error ? error.message : String(error)));
    }
  };
}

interface Pending {
  readonly job: PageJob;
  /** Handed to the worker: its bytes went with it (transferred, not copied). */
  posted: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly done: () => void;
}

/**
 * One worker for the whole process, started on the first page; it keeps the process alive only while it has
 * work. Jobs wait here until the worker says it is ready, so a worker that cannot start loses no page: they
 * are decoded here instead.
 */
class PageWorkers {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  get mode(): 'not started' | 'worker' | 'main thread' {
    return this.failed ? 'main thread' : this.ready ? 'worker' : 'not started';
  }

  decode<K extends CodecName>(job: PageJob<K>, signal: AbortSignal | undefined): Promise<CodecOutput<K>> {
    if (signal?.aborted) return Promise.reject(new PsaCancelled());
    const worker = this.start();
    if (!worker) return new Promise((resolve) => resolve(runCodec(job)));
    return new Promise<CodecOutput<K>>((resolve, reject) => {
      const id = this.nextId++;
      // Cancelled: settle at once; the worker's late answer is dropped.
      const abort = () => {
        this.take(id);
        reject(new PsaCancelled());
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, { job, posted: false, resolve: (value) => resolve(value as CodecOutput<K>), reject, done: () => signal?.removeEventListener('abort', abort) });
      if (this.pending.size === 1) worker.ref();
      if (this.ready) this.post(worker, id);
    });
  }

  private post(worker: Worker, id: number): void {
    const entry = this.pending.get(id);
    if (!entry || entry.posted) return;
    entry.posted = true;
    const { bytes } = entry.job;
    // A body that owns its whole buffer moves to the worker without a copy; a slice of a shared one is copied.
    const own = bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength;
    worker.postMessage({ id, job: entry.job }, own ? [bytes.buffer] : []);
  }

  private take(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    entry.done();
    if (this.pending.size === 0) this.worker?.unref();
    return entry;
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = startWorker();
      worker.unref();
      worker.on('message', (reply: PageReply) => {
        if (reply.type === 'ready') {
          this.ready = true;
          for (const id of [...this.pending.keys()]) this.post(worker, id);
          return;
        }
        const entry = this.take(reply.id);
        if (!entry) return;
        if (reply.ok) entry.resolve(reply.value);
        else entry.reject(new PsaError(reply.kind, reply.detail, reply.status));
      });
      worker.on('error', () => this.fail(worker));
      // A reply that cannot be read would leave its page waiting for ever: give the worker up (its pages are decoded here).
      worker.on('messageerror', () => {
        this.fail(worker);
        worker.terminate().catch(() => undefined);
      });
      worker.on('exit', () => this.fail(worker));
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /**
   * The worker is gone: everything after is decoded here. Pages it never got are decoded here too; those it
   * had took their bytes with them, so their fetch fails as "try again" (which then decodes here).
   */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failed = true;
    for (const id of [...this.pending.keys()]) {
      const entry = this.take(id);
      if (!entry) continue;
      if (entry.posted) {
        entry.reject(new PsaError('unknown', 'The page decoder stopped while decoding a page.'));
        continue;
      }
      try {
        entry.resolve(runCodec(entry.job));
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}

const pageWorkers = new PageWorkers();

/** Where pages are decoded: 'main thread' once the worker could not start or died (tests check the bundle's). */
export function pageDecodingMode(): PageWorkers['mode'] {
  return pageWorkers.mode;
}

/**
 * The worker's entry. Bundled (out/main/index.mjs), it is page-worker.mjs beside the bundle
 * (scripts/build-electron.mjs); run from source (tsx, vitest, the dev bridge), it is page-worker.ts
 * here, loaded after registering tsx in the worker (loader flags do not reach a worker thread).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./page-worker.mjs', here));
  // tsx's ESM API (the "import" condition: its CommonJS build cannot register from an eval'd worker).
  const tsxApi = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./page-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

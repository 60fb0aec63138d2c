/**
 * A worker thread for pure CPU work, with the main thread as its fallback: the page decoder
 * (psa/pages/page-decoder.ts) and the technician import (org/technician-import-thread.ts) each keep one.
 * One worker for the process, started on first use (or `warm()`); it keeps the process alive only while it has
 * work. Jobs wait here until the worker says it is ready, so a worker that cannot start loses no job: should it
 * not start, or die, every job it had not begun and every later one runs here with the same pure function:
 * slower for the event loop, never a failed job.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';

/**
 * What a worker says: that it is ready, or its answer to the job it was posted as `{ id, job }`
 * (`type` names the answer, e.g. 'page').
 */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: string; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: string; readonly id: number; readonly ok: false };

type Answer<R extends WorkerReply> = Exclude<R, { readonly type: 'ready' }>;
type Failure<R extends WorkerReply> = Extract<Answer<R>, { readonly ok: false }>;

export interface FallbackWorkerOptions<J, R extends WorkerReply> {
  /**
   * The worker's entry. Bundled (out/main/index.mjs), it is `bundled` (e.g. 'page-worker.mjs') beside the bundle
   * (scripts/bundle-options.mjs); run from source (tsx, vitest, the dev bridge), it is `source` (the .ts file),
   * loaded after registering tsx in the worker (loader flags do not reach a worker thread).
   */
  readonly entry: { readonly bundled: string; readonly source: URL };
  /** The job on the main thread: the very function the worker runs. */
  readonly runHere: (job: J) => unknown;
  /** What a failed answer rejects with. */
  readonly failure: (reply: Failure<R>) => unknown;
  /** What moves to the worker with a job instead of being copied (its data is then gone from here). */
  readonly transfer?: (job: J) => readonly Transferable[];
  /**
   * When given, a job the worker already had when it died rejects with this instead of running here again (for
   * jobs whose data went with them). Without it, such a job runs here too (the jobs are pure: running one twice
   * is harmless).
   */
  readonly lost?: (job: J) => unknown;
  /** What a job whose signal aborts rejects with (default: the signal's reason). */
  readonly cancelled?: (signal: AbortSignal) => unknown;
}

export type FallbackWorkerMode = 'not started' | 'worker' | 'main thread';

interface Pending<J> {
  readonly job: J;
  /** Handed to the worker. */
  posted: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly done: () => void;
}

export class FallbackWorker<J, R extends WorkerReply> {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<J>>();
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: FallbackWorkerOptions<J, R>) {}

  get mode(): FallbackWorkerMode {
    return this.failed ? 'main thread' : this.ready ? 'worker' : 'not started';
  }

  /** Starts the worker ahead of the first job, so that job does not wait for it; settles once it is ready (or gone). */
  warm(): Promise<void> {
    const worker = this.start();
    if (!worker || this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Runs `job` in the worker (or here); `signal` aborting settles it at once, and the worker's late answer is dropped. */
  run(job: J, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(this.cancelled(signal));
    const worker = this.start();
    if (!worker) return new Promise((resolve) => resolve(this.options.runHere(job)));
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      const abort = () => {
        this.take(id);
        reject(this.cancelled(signal as AbortSignal));
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, { job, posted: false, resolve, reject, done: () => signal?.removeEventListener('abort', abort) });
      if (this.pending.size === 1) worker.ref();
      if (this.ready) this.post(worker, id);
    });
  }

  private cancelled(signal: AbortSignal): unknown {
    return this.options.cancelled ? this.options.cancelled(signal) : signal.reason;
  }

  private post(worker: Worker, id: number): void {
    const entry = this.pending.get(id);
    if (!entry || entry.posted) return;
    entry.posted = true;
    worker.postMessage({ id, job: entry.job }, this.options.transfer?.(entry.job) ?? []);
  }

  private take(id: number): Pending<J> | undefined {
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
      const worker = startWorker(this.options.entry);
      worker.unref();
      worker.on('message', (reply: R) => {
        if (reply.type === 'ready') {
          this.ready = true;
          for (const id of [...this.pending.keys()]) this.post(worker, id);
          for (const resolve of this.readyWaiters.splice(0)) resolve();
          return;
        }
        const answer = reply as Answer<R>;
        const entry = this.take(answer.id);
        if (!entry) return;
        if (answer.ok) entry.resolve(answer.value);
        else entry.reject(this.options.failure(answer as Failure<R>));
      });
      worker.on('error', () => this.fail(worker));
      // A reply that cannot be read would leave its job waiting for ever: give the worker up (its jobs run here).
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

  /** The worker is gone: every job it had (unless `lost` says otherwise), and every later one, runs here. */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failed = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const id of [...this.pending.keys()]) {
      const entry = this.take(id);
      if (!entry) continue;
      if (entry.posted && this.options.lost) {
        entry.reject(this.options.lost(entry.job));
        continue;
      }
      try {
        entry.resolve(this.options.runHere(entry.job));
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}

function startWorker(entry: FallbackWorkerOptions<unknown, WorkerReply>['entry']): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${entry.bundled}`, here));
  // tsx's ESM API (the "import" condition: its CommonJS build cannot register from an eval'd worker).
  const tsxApi = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.source.href)}); });`, {
    eval: true,
  });
}

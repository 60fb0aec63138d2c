/**
 * Runs the technician import's file reading and password scoring in a worker thread, so the main process's
 * event loop stays free (bench:tech-import measures its delay). One worker for the process, started on first
 * use and kept (unreferenced) so the next import does not pay the start again; should it not start or die,
 * the same code runs here instead: slower for the event loop, never a failed import.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runImportJob, type ImportJob, type ImportJobOutput, type ImportReply } from './technician-import-jobs';

interface Pending {
  readonly job: ImportJob;
  posted: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

class ImportThread {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  get mode(): 'not started' | 'worker' | 'main thread' {
    return this.failed ? 'main thread' : this.ready ? 'worker' : 'not started';
  }

  private readyWaiters: (() => void)[] = [];

  /** Starts the worker ahead of the first job (the page opening), so the import does not wait for it; settles once it is ready (or gone). */
  warm(): Promise<void> {
    const worker = this.start();
    if (!worker || this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  run<J extends ImportJob>(job: J): Promise<ImportJobOutput<J>> {
    const worker = this.start();
    if (!worker) return new Promise((resolve) => resolve(runImportJob(job) as ImportJobOutput<J>));
    return new Promise<ImportJobOutput<J>>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { job, posted: false, resolve: (value) => resolve(value as ImportJobOutput<J>), reject });
      if (this.pending.size === 1) worker.ref();
      if (this.ready) this.post(worker, id);
    });
  }

  private post(worker: Worker, id: number): void {
    const entry = this.pending.get(id);
    if (!entry || entry.posted) return;
    entry.posted = true;
    worker.postMessage({ id, job: entry.job });
  }

  private take(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    return entry;
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = startWorker();
      worker.unref();
      worker.on('message', (reply: ImportReply) => {
        if (reply.type === 'ready') {
          this.ready = true;
          for (const id of [...this.pending.keys()]) this.post(worker, id);
          for (const resolve of this.readyWaiters.splice(0)) resolve();
          return;
        }
        const entry = this.take(reply.id);
        if (!entry) return;
        if (reply.ok) entry.resolve(reply.value);
        else entry.reject(new Error(reply.detail));
      });
      worker.on('error', () => this.fail(worker));
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

  /** The worker is gone: every job it had, and every later one, runs here (the jobs are pure: running one twice is harmless). */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failed = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const id of [...this.pending.keys()]) {
      const entry = this.take(id);
      if (!entry) continue;
      try {
        entry.resolve(runImportJob(entry.job));
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}

export const importThread = new ImportThread();

/**
 * Bundled (out/main/index.mjs), the worker is technician-import-worker.mjs beside the bundle
 * (scripts/bundle-options.mjs); from source (tsx, vitest, the dev bridge) it is the .ts here, loaded after
 * registering tsx in the worker (loader flags do not reach a worker thread).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./technician-import-worker.mjs', here));
  const tsxApi = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./technician-import-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/**
 * Runs the technician import's file reading and password scoring in a worker thread, so the main process's
 * event loop stays free (bench:tech-import measures its delay). One worker for the process, started on first
 * use and kept (unreferenced) so the next import does not pay the start again; should it not start or die,
 * the same code runs here instead: slower for the event loop, never a failed import (../base/fallback-worker.ts).
 */
import { FallbackWorker, type FallbackWorkerMode } from '../base/fallback-worker';
import { runImportJob, type ImportJob, type ImportJobOutput, type ImportReply } from './technician-import-jobs';

const thread = new FallbackWorker<ImportJob, ImportReply>({
  // Bundled, technician-import-worker.mjs beside out/main/index.mjs (scripts/bundle-options.mjs).
  entry: { bundled: 'technician-import-worker.mjs', source: new URL('./technician-import-worker.ts', import.meta.url) },
  runHere: runImportJob,
  failure: (reply) => new Error(reply.detail),
});

export const importThread = {
  get mode(): FallbackWorkerMode {
    return thread.mode;
  },
  /** Starts the worker ahead of the first job (the page opening), so the import does not wait for it; settles once it is ready (or gone). */
  warm(): Promise<void> {
    return thread.warm();
  },
  run<J extends ImportJob>(job: J): Promise<ImportJobOutput<J>> {
    return thread.run(job) as Promise<ImportJobOutput<J>>;
  },
};

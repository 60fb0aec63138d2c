/**
 * The thread that opens preview files (preview-worker.ts): one worker for the process, started on first use and
 * kept (unreferenced). Should it not start or die, the same job runs here instead, in slices with turns of the
 * event loop between them: slower for the event loop, never a failed open (../base/fallback-worker.ts).
 */
import { FallbackWorker, type FallbackWorkerMode } from '../base/fallback-worker';
import { PreviewFileError } from './preview-file-error';
import { openPreviewJob, type PreviewOpenJob, type PreviewPacked, type PreviewReply } from './preview-open-job';

/** On the main thread (the fallback): the longest stretch of work before the event loop gets a turn. */
const SLICE_MS = 4;

const thread = new FallbackWorker<PreviewOpenJob, PreviewReply>({
  // Bundled, preview-worker.mjs beside out/main/index.mjs (scripts/bundle-options.mjs).
  entry: { bundled: 'preview-worker.mjs', source: new URL('./preview-worker.ts', import.meta.url) },
  runHere: (job) => openPreviewJob(job, SLICE_MS),
  failure: (reply) => new PreviewFileError(reply.problem),
});

export const previewThread = {
  get mode(): FallbackWorkerMode {
    return thread.mode;
  },
  /** Starts the worker ahead of the first open (the start page showing, say); settles once it is ready (or gone). */
  warm(): Promise<void> {
    return thread.warm();
  },
  open(job: PreviewOpenJob): Promise<PreviewPacked> {
    return thread.run(job) as Promise<PreviewPacked>;
  },
};

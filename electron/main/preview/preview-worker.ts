/**
 * The preview worker (a worker_threads entry; bundled as out/main/preview-worker.mjs): opens a preview file —
 * decompresses, verifies, parses and checks it whole — and hands the main thread its content packed as bytes
 * that move without a copy (preview-open-job.ts), so a big preview does not hold the main process's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { openPreviewJob, packedBuffers, type PreviewOpenJob, type PreviewReply } from './preview-open-job';
import { asPreviewError } from './preview-read';

const port = parentPort;
if (!port) throw new Error('preview-worker.ts runs only as a worker thread');

port.on('message', (message: { readonly id: number; readonly job: PreviewOpenJob }) => {
  openPreviewJob(message.job).then(
    (value) => port.postMessage({ type: 'preview', id: message.id, ok: true, value } satisfies PreviewReply, packedBuffers(value)),
    (error: unknown) => port.postMessage({ type: 'preview', id: message.id, ok: false, problem: asPreviewError(error).info } satisfies PreviewReply),
  );
});
port.postMessage({ type: 'ready' } satisfies PreviewReply);

/**
 * The technician import's worker (a worker_threads entry; bundled as out/main/technician-import-worker.mjs):
 * decodes and reads the uploaded file, and scores passwords against the policy (zxcvbn: a tenth of a second
 * or more each), so neither holds the main process's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { runImportJob, type ImportJob, type ImportReply } from './technician-import-jobs';

const port = parentPort;
if (!port) throw new Error('technician-import-worker.ts runs only as a worker thread');

port.on('message', (message: { readonly id: number; readonly job: ImportJob }) => {
  let reply: ImportReply;
  try {
    reply = { type: 'answer', id: message.id, ok: true, value: runImportJob(message.job) };
  } catch (error) {
    reply = { type: 'answer', id: message.id, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies ImportReply);

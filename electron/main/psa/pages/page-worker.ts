/**
 * The page worker (a worker_threads entry; bundled as out/main/page-worker.mjs):
 * decodes, validates and maps the fetch's large pages so the main process's
 * event loop stays free for IPC, the lock heartbeat and progress. It gets a
 * page's bytes and hands back plain records or the failure to report.
 */
import { parentPort } from 'node:worker_threads';
import { PsaError } from '../psa-error';
import { runCodec, type PageJob } from './page-codecs';
import type { PageReply } from './page-protocol';

const port = parentPort;
if (!port) throw new Error('page-worker.ts runs only as a worker thread');

port.on('message', (message: { readonly id: number; readonly job: PageJob }) => {
  let reply: PageReply;
  try {
    reply = { type: 'page', id: message.id, ok: true, value: runCodec(message.job) };
  } catch (error) {
    reply =
      error instanceof PsaError
        ? { type: 'page', id: message.id, ok: false, kind: error.kind, detail: error.message, status: error.status }
        : { type: 'page', id: message.id, ok: false, kind: 'unknown', detail: error instanceof Error ? error.message : String(error), status: undefined };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies PageReply);

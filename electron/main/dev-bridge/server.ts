/**
 * The development browser bridge: the real core, and the production renderer
 * served to a local browser, with `window.api` carried over loopback HTTP
 * through the same registrar as Electron IPC. Used by `npm run dev:browser` and
 * by the e2e harness; never part of the packaged app.
 *
 * Guarded like a local Jupyter server: bound to 127.0.0.1 only, a random token
 * in the first URL is traded once for an HttpOnly SameSite=Strict cookie (the
 * token is then spent: a URL copied from a terminal, a shell history or a
 * screen share opens nothing), the Host header must be ours (DNS rebinding),
 * and calls must carry our Origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { IpcResult } from '../../../shared/ipc/result';
import { RENDERER_CSP_HEADER } from '../../../shared/security/csp';
import type { ScryptCost } from '../auth/password-hash';
import { createCore, type Core } from '../core/create-core';
import type { SenderInfo } from '../ipc/sender-check';
import { createConfStore } from '../preferences/conf-preferences';
import { ScriptedFileDialogs } from '../preview/scripted-file-dialogs';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import { resolveAssetPath, rendererHeaders } from '../protocol/assets';
import type { SecretCipher } from '../vault/cipher';
import { EphemeralCipher } from '../vault/ephemeral-cipher';

export interface BridgeOptions {
  readonly dataDir: string;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  /** The built bridge client (`out/bridge/client.js`), the bridge's stand-in for the preload. */
  readonly bridgeClientFile: string;
  readonly port?: number;
  readonly appVersion?: string;
  readonly cipher?: SecretCipher;
  readonly signInFailureDelayMs?: number;
  /** What new password hashes cost (the e2e harness lowers it; absent, the production cost). */
  readonly passwordHashCost?: ScryptCost;
  readonly echoLog?: boolean;
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
  readonly psaHttp?: PsaHttpOptions;
  readonly lockLeaseMs?: number;
}

export interface RunningBridge {
  /** Open this URL (it carries a one-time token) to use the app; it works once. */
  readonly url: string;
  /** Another one-time URL, for another browser or profile (the e2e harness takes one per page it opens). */
  newUrl(): string;
  readonly origin: string;
  readonly core: Core;
  /**
   * The bridge's file dialogs (a browser shows no native one): tests script the next answers, e.g.
   * `dialogs.answerNext('save', path)`, `answerNext('open', path)`, `answerNext('folder', null)` (cancelled);
   * unscripted, they answer in `<dataDir>/previews`.
   */
  readonly dialogs: ScriptedFileDialogs;
  close(): Promise<void>;
}

const COOKIE = 'msp_bridge';
const MAX_BODY = 1024 * 1024;
/** After a 413, how long the rest of an oversized body is discarded before the socket closes (lingering close, as nginx does). */
const LINGER_MS = 2_000;
const WINDOW_ID = /^[A-Za-z0-9-]{8,64}$/;

export async function startBrowserBridge(options: BridgeOptions): Promise<RunningBridge> {
  // Without these the page loads blank (no window.api): say what to build instead.
  const missing = [join(options.rendererDir, 'index.html'), options.bridgeClientFile].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`The browser bridge needs the built app, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: run \`npm run build\` first (\`npm run dev:browser\` does).`);
  /** Tokens not yet traded for the cookie; each works once. */
  const unspent = new Set<string>();
  const issueToken = (): string => {
    const token = randomBytes(24).toString('base64url');
    unspent.add(token);
    return token;
  };
  const firstToken = issueToken();
  /** What the cookie carries: never a token, so a spent token is no key either. */
  const cookieSecret = randomBytes(32).toString('base64url');
  const streams = new Map<string, Set<ServerResponse>>();
  // Requests can arrive before the core exists: the core needs the port the server got.
  const started: { core?: Core } = {};

  const server = createServer((request, response) => {
    const active = started.core;
    if (!active) return send(response, 503, 'Starting…');
    handle(active, request, response).catch((error: unknown) => {
      active.log.error('Bridge request failed', { error });
      if (!response.headersSent) send(response, 500, 'Bridge error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const dialogs = new ScriptedFileDialogs(options.dataDir);
  const core = await createCore({
    dialogs,
    dataDir: options.dataDir,
    host: 'browser-bridge',
    appVersion: options.appVersion ?? '0.0.0-dev',
    cipher: options.cipher ?? new EphemeralCipher(),
    settings: createConfStore(options.dataDir),
    ...(options.psaHttp ? { psaHttp: options.psaHttp } : {}),
    ...(options.lockLeaseMs ? { lockLeaseMs: options.lockLeaseMs } : {}),
    allowedOrigins: [origin],
    ...(options.signInFailureDelayMs !== undefined ? { signInFailureDelayMs: options.signInFailureDelayMs } : {}),
    ...(options.passwordHashCost ? { passwordHashCost: options.passwordHashCost } : {}),
    ...(options.echoLog !== undefined ? { echoLog: options.echoLog } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
  started.core = core;
  const unsubscribe = core.subscribeWindows((windowId, eventChannel, payload) => {
    const targets = windowId === null ? [...streams.values()].flatMap((set) => [...set]) : [...(streams.get(windowId) ?? [])];
    for (const stream of targets) stream.write(`event: ${eventChannel}\ndata: ${JSON.stringify(payload)}\n\n`);
  });

  async function handle(active: Core, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`) return send(response, 421, 'Wrong host');
    const url = new URL(request.url ?? '/', origin);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      const match = [...unspent].find((candidate) => sameSecret(offered, candidate));
      if (match === undefined) {
        return send(
          response,
          401,
          `This link is not valid: its token has already been used (each link works once) or was never issued. In the browser that opened it, go to ${origin}/; elsewhere, restart npm run dev:browser for a new link.`,
        );
      }
      unspent.delete(match);
      url.searchParams.delete('token');
      response.writeHead(303, { location: url.pathname + url.search, 'set-cookie': `${COOKIE}=${cookieSecret}; HttpOnly; SameSite=Strict; Path=/`, 'cache-control': 'no-store' });
      return void response.end();
    }
    if (!sameSecret(cookieValue(request, COOKIE) ?? '', cookieSecret)) return send(response, 401, 'Not authorised. Open the URL that npm run dev:browser printed.');

    if (url.pathname === '/__bridge/invoke') return invoke(active, request, response);
    if (url.pathname === '/__bridge/events') return openEvents(url, response);
    if (url.pathname === '/__bridge/client.js') return serveFile(response, options.bridgeClientFile);
    if (request.method !== 'GET') return send(response, 405, 'Method not allowed');
    const file = resolveAssetPath(options.rendererDir, url.pathname);
    if (!file) return send(response, 404, 'Not found');
    if (file.endsWith('index.html')) return serveIndex(response, file);
    return serveFile(response, file);
  }

  async function invoke(active: Core, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || !request.headers['content-type']?.startsWith('application/json')) return send(response, 415, 'POST application/json only');
    const body = await readBody(request);
    if (body === null) return tooLarge(request, response);
    let parsed: { channel?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(body) as { channel?: unknown; payload?: unknown };
    } catch {
      return send(response, 400, 'Invalid JSON');
    }
    const result = await active.registrar.invoke(typeof parsed.channel === 'string' ? parsed.channel : '', parsed.payload, senderOf(request));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify(result));
  }

  function senderOf(request: IncomingMessage): SenderInfo | null {
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin') return null;
    const windowId = header(request, 'x-msp-window');
    return {
      windowId: windowId && WINDOW_ID.test(windowId) ? windowId : null,
      frameUrl: header(request, 'x-msp-frame-url') ?? '',
      // The browser sets Origin; page scripts cannot forge it.
      origin: header(request, 'origin') ?? '',
      isTopFrame: header(request, 'x-msp-top-frame') === '1',
    };
  }

  function openEvents(url: URL, response: ServerResponse): void {
    const windowId = url.searchParams.get('window') ?? '';
    if (!WINDOW_ID.test(windowId)) return send(response, 400, 'Bad window id');
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    const set = streams.get(windowId) ?? new Set();
    set.add(response);
    streams.set(windowId, set);
    response.on('close', () => set.delete(response));
  }

  async function serveIndex(response: ServerResponse, file: string): Promise<void> {
    // The bridge client plays the preload's part: a classic script that runs before the app's module script.
    const html = (await readFile(file, 'utf8')).replace('<head>', '<head><script src="/__bridge/client.js"></script>');
    response.writeHead(200, rendererHeaders(file, RENDERER_CSP_HEADER));
    response.end(html);
  }

  async function serveFile(response: ServerResponse, file: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(response, 404, 'Not found');
    }
    response.writeHead(200, rendererHeaders(file, RENDERER_CSP_HEADER));
    response.end(body);
  }

  return {
    url: `${origin}/?token=${firstToken}`,
    newUrl: () => `${origin}/?token=${issueToken()}`,
    origin,
    core,
    dialogs,
    close: async () => {
      unsubscribe();
      for (const set of streams.values()) for (const stream of set) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The body, or null once it passes MAX_BODY: then nothing more is kept (a declared
 * Content-Length over the limit is refused before a byte is read).
 */
function readBody(request: IncomingMessage): Promise<string | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      chunks.length = 0;
      resolve(null);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * 413 with a JSON error in the IPC envelope, then the connection closes. Closing a socket
 * with unread data makes the kernel send a reset, which can destroy the 413 before the
 * client reads it; so the rest of the body is discarded unread (never buffered) for a
 * short while first, and the socket is destroyed if the client keeps sending.
 */
function tooLarge(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({ ok: false, error: { code: 'VALIDATION_FAILED', message: `The request body is larger than ${MAX_BODY / (1024 * 1024)} MB; it was not read.` } });
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  response.end(body);
  const socket = request.socket;
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
  request.resume();
}

/** The development bridge over real loopback HTTP: one-time tokens, the cookie, and the 1 MB body limit. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserBridge, type RunningBridge } from '../../electron/main/dev-bridge/server';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let bridge: RunningBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function start(): Promise<RunningBridge> {
  const root = tempDir();
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'client.js'), '// bridge client');
  mkdirSync(join(root, 'data'));
  bridge = await startBrowserBridge({ dataDir: join(root, 'data'), rendererDir: join(root, 'renderer'), bridgeClientFile: join(root, 'client.js'), signInFailureDelayMs: 0 });
  return bridge;
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request; `body` may be a string or a generator of chunks (sent chunked, as a browser streams). */
function call(url: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | (() => Iterable<Buffer>) } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    // Writing on after the server answered may fail with EPIPE/ECONNRESET: the answer is what counts.
    req.on('error', reject);
    const body = options.body;
    if (typeof body === 'function') {
      const chunks = body()[Symbol.iterator]();
      const pump = () => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) if (!req.write(next.value)) return void req.once('drain', pump);
        req.end();
      };
      pump();
    } else req.end(body);
  });
}

function cookieOf(reply: Reply): string {
  const set = reply.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  expect(first).toMatch(/^msp_bridge=[^;]+; HttpOnly; SameSite=Strict/);
  return first!.split(';')[0]!;
}

describe('the development bridge', () => {
  it('trades each token for the cookie once; the spent link is refused with a clear message; the cookie goes on working', async () => {
    const running = await start();
    const first = await call(running.url);
    expect(first.status).toBe(303);
    const cookie = cookieOf(first);
    expect(cookie).not.toContain(new URL(running.url).searchParams.get('token'));

    const again = await call(running.url);
    expect(again.status).toBe(401);
    expect(again.body).toContain('already been used');
    expect(again.headers['set-cookie']).toBeUndefined();
    // Not even with the cookie: the link itself is spent.
    expect((await call(running.url, { headers: { cookie } })).status).toBe(401);

    const page = await call(`${running.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('/__bridge/client.js');

    // Another browser gets its own link, which is also one-time.
    const other = running.newUrl();
    expect(other).not.toBe(running.url);
    expect((await call(other)).status).toBe(303);
    expect((await call(other)).status).toBe(401);
    expect((await call(`${running.origin}/?token=never-issued`)).status).toBe(401);
  });

  it('answers a body over 1 MB with 413 and a JSON error, declared or streamed, and keeps serving', async () => {
    const running = await start();
    const cookie = cookieOf(await call(running.url));
    const headers = { cookie, origin: running.origin, 'content-type': 'application/json', 'x-msp-window': 'window-test-1', 'x-msp-frame-url': `${running.origin}/`, 'x-msp-top-frame': '1' };
    const invoke = `${running.origin}/__bridge/invoke`;
    const big = JSON.stringify({ channel: 'auth:status', payload: 'x'.repeat(1024 * 1024 + 10) });

    const declared = await call(invoke, { method: 'POST', headers, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('1 MB') } });

    // 64 MB, chunked: refused once past 1 MB, without reading (or waiting for) the rest.
    const started = Date.now();
    const streamed = await call(invoke, {
      method: 'POST',
      headers,
      body: function* () {
        for (let i = 0; i < 1024; i++) yield Buffer.alloc(64 * 1024, 0x20);
      },
    });
    expect(streamed.status).toBe(413);
    expect(streamed.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(streamed.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(Date.now() - started).toBeLessThan(5_000);

    const small = await call(invoke, { method: 'POST', headers, body: JSON.stringify({ channel: 'auth:status' }) });
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body)).toMatchObject({ ok: true });
  });
});

describe('starting without the built app', () => {
  it('refuses with a message naming what is missing and the command that builds it, instead of serving a blank page', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'renderer'));
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><html></html>');
    mkdirSync(join(root, 'data'));
    const missing = join(root, 'bridge', 'client.js');
    await expect(startBrowserBridge({ dataDir: join(root, 'data'), rendererDir: join(root, 'renderer'), bridgeClientFile: missing })).rejects.toThrow(
      `${missing} is missing: run \`npm run build\` first`,
    );
  });
});

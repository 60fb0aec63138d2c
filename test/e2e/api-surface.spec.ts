import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describeApiShape } from '../../shared/ipc/api';
import { listChannels } from '../../shared/ipc/contract';
import { RENDERER_CSP } from '../../shared/security/csp';
import { expect, ROOT, test } from '../support/app-fixture';
import { loadBuiltPreload } from '../support/load-preload';

test('the page gets the same window.api as the Electron preload, and nothing of Node or Electron', async ({ app, page }) => {
  await app.open();
  const pageShape = await page.evaluate(() => {
    const api = window.api as unknown as Record<string, unknown>;
    return Object.entries(api).flatMap(([key, value]) => (typeof value === 'function' ? [key] : Object.keys(value as object).map((inner) => `${key}.${inner}`)));
  });
  const preload = loadBuiltPreload(ROOT);
  expect(Object.keys(preload)).toEqual(['api']);
  const preloadShape = describeApiShape(preload['api'] as object);
  expect(pageShape.sort()).toEqual(preloadShape);
  expect(preloadShape).toEqual([...listChannels().map((entry) => `${entry.domain}.${entry.method}`), 'on'].sort());

  const globals = await page.evaluate(() => {
    const scope = globalThis as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].map((name) => `${name}:${typeof scope[name]}`);
  });
  expect(globals).toEqual(['require:undefined', 'process:undefined', 'module:undefined', 'Buffer:undefined', 'ipcRenderer:undefined', 'electron:undefined']);
  // window.api cannot be replaced by page script.
  const replaced = await page.evaluate(() => {
    try {
      (window as unknown as Record<string, unknown>)['api'] = {};
    } catch {
      /* strict-mode assignment to a read-only property throws; either way it must not change */
    }
    return typeof window.api.auth.signIn;
  });
  expect(replaced).toBe('function');
});

test('the CSP is strict and enforced: an injected inline script does not run', async ({ app, page }) => {
  const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8');
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const scriptSrc = RENDERER_CSP.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:/);
  expect(RENDERER_CSP).toContain("object-src 'none'");
  expect(RENDERER_CSP).toContain("default-src 'none'");

  app.allowConsoleError(/Content Security Policy/);
  await app.open();
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violation: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve({ ran: Boolean((window as unknown as Record<string, unknown>)['injected']), violation: event.violatedDirective }), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
      }),
  );
  expect(outcome).toEqual({ ran: false, violation: 'script-src-elem' });
});

test('the page talks only to its own origin', async ({ app, page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(app.bridge.origin)) foreign.push(request.url());
  });
  await app.open();
  await expect(page.getByRole('heading', { name: 'Welcome to MSP Roster' })).toBeVisible();
  expect(foreign).toEqual([]);
});

test('the bridge refuses callers without the token, from another origin, or under another Host', async ({ app, page, context }) => {
  await app.open();
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const port = Number(new URL(app.bridge.origin).port);
  const call = (headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ channel: 'auth:status' });
      const req = httpRequest({ host: '127.0.0.1', port, path: '/__bridge/invoke', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const own = { cookie, origin: app.bridge.origin, 'x-msp-window': 'window-test-1', 'x-msp-frame-url': `${app.bridge.origin}/`, 'x-msp-top-frame': '1' };

  expect((await call(own)).body).toContain('"ok":true');
  expect((await call({ ...own, cookie: 'msp_bridge=guess' })).status).toBe(401);
  expect((await call({ ...own, host: `evil.example:${port}` })).status).toBe(421);
  expect(JSON.parse((await call({ ...own, origin: 'http://127.0.0.1:1' })).body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  expect(JSON.parse((await call({ ...own, 'x-msp-top-frame': '0' })).body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  expect(JSON.parse((await call({ ...own, 'sec-fetch-site': 'cross-site' })).body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  await expect(page.getByRole('heading', { name: 'Welcome to MSP Roster' })).toBeVisible();
});

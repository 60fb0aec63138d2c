/** Serves the renderer bundle as `app://bundle/…`, with the CSP as a real header. */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME, RENDERER_CSP_HEADER } from '../../../shared/security/csp';
import { rendererHeaders, resolveAssetPath } from '../protocol/assets';

/** Before `ready`: a standard, secure scheme so the renderer gets a real origin. No `bypassCSP`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveAssetPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: rendererHeaders(file, RENDERER_CSP_HEADER) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/**
 * The development bridge's stand-in for the preload: the same `buildApi`, over
 * loopback HTTP to the bridge (`electron/main/dev-bridge/server.ts`). Served only
 * by the bridge; never part of the packaged app.
 */
import { buildApi, type ApiTransport } from '../../shared/ipc/api';
import type { IpcResult } from '../../shared/ipc/result';

const windowId = crypto.randomUUID();
let source: EventSource | undefined;

const transport: ApiTransport = {
  async invoke(channel, payload): Promise<IpcResult<unknown>> {
    const response = await fetch('/__bridge/invoke', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-msp-window': windowId,
        'x-msp-frame-url': location.href,
        'x-msp-top-frame': window.top === window ? '1' : '0',
      },
      body: JSON.stringify({ channel, payload }),
    });
    // The bridge's own refusals (413) come as an IPC envelope; anything else non-2xx is a bridge fault.
    if (!response.ok && !response.headers.get('content-type')?.startsWith('application/json')) {
      return { ok: false, error: { code: 'INTERNAL', message: `The development bridge answered HTTP ${response.status}.` } };
    }
    return (await response.json()) as IpcResult<unknown>;
  },
  subscribe(eventChannel, listener) {
    source ??= new EventSource(`/__bridge/events?window=${encodeURIComponent(windowId)}`);
    const forward = (event: MessageEvent<string>) => listener(JSON.parse(event.data));
    source.addEventListener(eventChannel, forward);
    return () => source?.removeEventListener(eventChannel, forward);
  },
};

Object.defineProperty(window, 'api', { value: buildApi(transport), enumerable: true, configurable: false, writable: false });

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApi, describeApiShape } from '../../shared/ipc/api';
import { listChannels, listEventNames } from '../../shared/ipc/contract';

// The preload, loaded with the `electron` module replaced by recorders.
const exposed: Array<[string, unknown]> = [];
const invoked: Array<[string, unknown]> = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push([channel, payload]);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

beforeEach(async () => {
  exposed.length = 0;
  invoked.length = 0;
  vi.resetModules();
  await import('../../electron/preload/index');
});

describe('preload', () => {
  it('exposes exactly one global, `api`, shaped like the contract', () => {
    expect(exposed.map(([key]) => key)).toEqual(['api']);
    const api = exposed[0]![1] as object;
    const expected = [...listChannels().map((entry) => `${entry.domain}.${entry.method}`), 'on'].sort();
    expect(describeApiShape(api)).toEqual(expected);
    // Same surface as the browser bridge: both come from buildApi.
    expect(describeApiShape(api)).toEqual(describeApiShape(buildApi({ invoke: async () => null, subscribe: () => () => undefined })));
  });

  it('maps each method to its own channel, passing the payload as is', async () => {
    const api = exposed[0]![1] as { auth: { signIn(input: unknown): Promise<unknown> }; app: { info(): Promise<unknown> } };
    await api.auth.signIn({ email: 'a@b.c', password: 'x' });
    await api.app.info();
    expect(invoked).toEqual([
      ['auth:signIn', { email: 'a@b.c', password: 'x' }],
      ['app:info', undefined],
    ]);
  });

  it('hands listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const api = exposed[0]![1] as { on(event: string, listener: (...args: unknown[]) => void): () => void };
    const received: unknown[][] = [];
    const off = api.on('sessionChanged', (...args) => received.push(args));
    const fakeEvent = { sender: { send() {} } };
    listeners.get('event:sessionChanged')!(fakeEvent, { initialized: true, session: null });
    expect(received).toEqual([[{ initialized: true, session: null }]]);
    off();
    expect(listeners.has('event:sessionChanged')).toBe(false);
    expect(() => api.on('notAnEvent', () => undefined)).toThrow('Unknown event');
    expect(listEventNames()).toEqual(['sessionChanged', 'fetchProgress', 'fetchFinished', 'importProgress', 'lockChanged', 'directoryChanged', 'orgChanged', 'technicianImportProgress', 'directorySyncProgress', 'directorySyncChanged', 'lockReleased', 'workspaceChanged', 'previewOpenRequested', 'backgroundError']);
  });

  it('puts no ipcRenderer or function-returning-ipcRenderer on the page', () => {
    const api = exposed[0]![1] as Record<string, unknown>;
    const values = Object.values(api).flatMap((value) => (value && typeof value === 'object' ? Object.values(value) : [value]));
    for (const value of values) {
      expect(typeof value).toBe('function');
      expect(String(value)).not.toMatch(/ipcRenderer\b(?!\.invoke)/);
    }
  });
});

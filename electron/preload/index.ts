/**
 * The preload: `window.api`, built from the contract, over `ipcRenderer.invoke`.
 * No raw ipcRenderer reaches the page, and listeners receive only the payload
 * (never the IpcRendererEvent, whose `sender` leads back to ipcRenderer).
 * Bundled into one CommonJS file because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../../shared/ipc/api';

contextBridge.exposeInMainWorld(
  'api',
  buildApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe: (eventChannel, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel, forward);
      return () => {
        ipcRenderer.removeListener(eventChannel, forward);
      };
    },
  }),
);

/** The only user of ipcMain: every contract channel goes to the registrar with a SenderInfo read from Electron's event. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/create-core';
import type { SenderInfo } from '../ipc/sender-check';

export function registerIpc(core: Core, isAppWindow: (webContentsId: number) => boolean): () => void {
  for (const channel of core.registrar.channels()) {
    ipcMain.handle(channel, (event, payload: unknown) => core.registrar.invoke(channel, payload, senderOf(event, isAppWindow)));
  }
  const unsubscribe = core.subscribeWindows((windowId, eventChannel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const id = window.webContents.id;
      if (isAppWindow(id) && (windowId === null || String(id) === windowId)) window.webContents.send(eventChannel, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of core.registrar.channels()) ipcMain.removeHandler(channel);
  };
}

function senderOf(event: IpcMainInvokeEvent, isAppWindow: (webContentsId: number) => boolean): SenderInfo | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return null;
  return {
    windowId: isAppWindow(event.sender.id) ? String(event.sender.id) : null,
    frameUrl: frame.url,
    origin: frame.origin,
    isTopFrame: frame.parent === null,
  };
}

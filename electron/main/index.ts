/**
 * The Electron entry: lifecycle and wiring only. Everything the app does lives
 * in the core (`core/create-core.ts`), which knows nothing about Electron.
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from '../../shared/security/csp';
import { createCore, type Core } from './core/create-core';
import { UnhandledErrors } from './guard/unhandled-errors';
import { registerAppScheme, serveRenderer } from './platform/app-protocol';
import { createElectronStore } from './platform/electron-preferences';
import { denyAllPermissions, guardWebContents } from './platform/hardening';
import { registerIpc } from './platform/ipc-transport';
import { ElectronFileDialogs } from './platform/electron-file-dialogs';
import { createMainWindow } from './platform/main-window';
import { PreviewHandOff } from './platform/preview-hand-off';
import { translatorFor } from './preview/main-translator';
import { previewPathFromArgv } from './preview/preview-argv';
import { developmentNativeBinding } from './platform/native-binding';
import { SafeStorageCipher } from './platform/safe-storage-cipher';
import { startUpdater } from './platform/updater';

// First of all: a rejection or exception nobody handled is logged and reported, never the end of the app.
const unhandled = new UnhandledErrors();
unhandled.install(process);

const outDir = join(import.meta.dirname, '..');
const appWindows = new Set<number>();
let core: Core | undefined;
// A preview file the OS opened the app with goes to the window, once its renderer is ready.
const previews = new PreviewHandOff((path, window) => core?.handOffPreview(path, String(window.webContents.id)));

// Tests and support staff can point an unpackaged app at another data folder.
const dataDirOverride = process.env['MSP_ROSTER_DATA_DIR'];
if (dataDirOverride && !app.isPackaged) app.setPath('userData', dataDirOverride);

app.enableSandbox();
registerAppScheme();
guardWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
    previews.received(previewPathFromArgv(argv, workingDirectory));
  });
  // macOS hands files over by event (before the app is ready, too), never on the command line.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    previews.received(path);
  });
  previews.received(previewPathFromArgv(process.argv));
  void app.whenReady().then(start).catch((error: unknown) => {
    console.error('MSP Roster failed to start', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveRenderer(join(outDir, 'renderer'));
  const nativeBinding = developmentNativeBinding();
  core = await createCore({
    dataDir: app.getPath('userData'),
    host: 'electron',
    appVersion: app.getVersion(),
    cipher: new SafeStorageCipher(),
    settings: createElectronStore(),
    allowedOrigins: [APP_ORIGIN],
    dialogs: new ElectronFileDialogs(
      (caller) => core?.workspaces.windows.windowOf(caller.sessionKey),
      async () => (await translatorFor(core?.preferences.get().language ?? 'system', app.getPreferredSystemLanguages())).t,
    ),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  unhandled.attach({ log: core.log, events: core.events });
  registerIpc(core, (id) => appWindows.has(id));
  openWindow();
  startUpdater(core.log);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function openWindow(): void {
  const window = createMainWindow(join(outDir, 'preload', 'index.cjs'));
  const id = window.webContents.id;
  appWindows.add(id);
  window.webContents.on('did-finish-load', () => previews.windowReady(window));
  window.on('closed', () => {
    previews.windowClosed(window);
    appWindows.delete(id);
    core?.forgetWindow(String(id));
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closing
    .close()
    .catch((error: unknown) => closing.log.error('Closing the core failed', { error }))
    .finally(() => app.quit());
});

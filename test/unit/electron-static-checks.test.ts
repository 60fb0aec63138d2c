/** Source checks for the Electron glue, for what only a real Electron run could otherwise show (see electron-security.md §13). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const all = [...sources('electron'), ...sources('shared'), ...sources('renderer')];
/** Source without comments, so prose that names an API does not count as using it. */
const read = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
const filesUsing = (pattern: RegExp) => all.filter((file) => pattern.test(read(file)));

describe('Electron hardening (static)', () => {
  it('creates every window in one factory with the hardened preferences spelled out', () => {
    expect(filesUsing(/new BrowserWindow\(/)).toEqual(['electron/main/platform/main-window.ts']);
    const factory = read('electron/main/platform/main-window.ts');
    for (const pref of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'experimentalFeatures: false',
      'webviewTag: false',
      'devTools: !app.isPackaged',
    ]) {
      expect(factory).toContain(pref);
    }
    expect(filesUsing(/enableBlinkFeatures|nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false/)).toEqual([]);
  });

  it('enables the sandbox and registers the app scheme before ready', () => {
    const entry = read('electron/main/index.ts');
    expect(entry.indexOf('app.enableSandbox()')).toBeGreaterThan(-1);
    expect(entry.indexOf('app.enableSandbox()')).toBeLessThan(entry.indexOf('app.whenReady()'));
    expect(entry.indexOf('registerAppScheme()')).toBeLessThan(entry.indexOf('app.whenReady()'));
  });

  it('keeps ipcMain, safeStorage and protocol handling in the glue only', () => {
    expect(filesUsing(/\bipcMain\b/)).toEqual(['electron/main/platform/ipc-transport.ts']);
    expect(filesUsing(/\bsafeStorage\b/)).toEqual(['electron/main/platform/safe-storage-cipher.ts']);
    expect(filesUsing(/setUsePlainTextEncryption/)).toEqual([]);
    expect(filesUsing(/bypassCSP/)).toEqual([]);
    expect(filesUsing(/Store\.initRenderer|initRenderer\(/)).toEqual([]);
  });

  it('loads only the app origin into windows', () => {
    const loads = all.flatMap((file) => [...read(file).matchAll(/\.loadURL\(([^)]*)\)/g)].map((match) => `${file}: ${match[1]}`));
    expect(loads).toEqual(['electron/main/platform/main-window.ts: `${APP_ORIGIN}/index.html`']);
    expect(filesUsing(/\.loadFile\(/)).toEqual([]);
  });

  it('guards navigation, new windows, webviews and permissions on every web contents', () => {
    const hardening = read('electron/main/platform/hardening.ts');
    for (const hook of ["'will-navigate'", "'will-frame-navigate'", "'will-attach-webview'", 'setWindowOpenHandler', "action: 'deny'", 'setPermissionRequestHandler', 'setPermissionCheckHandler']) {
      expect(hardening).toContain(hook);
    }
  });
});

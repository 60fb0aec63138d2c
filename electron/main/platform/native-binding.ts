/**
 * In development, `npm start` runs Electron against a better-sqlite3 binary
 * built for Electron's ABI in `.native/` (scripts/build-electron-native.mjs),
 * leaving node_modules built for Node so `npm test` keeps working. Packaged
 * builds get node_modules rebuilt for Electron by electron-builder.
 */
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function developmentNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

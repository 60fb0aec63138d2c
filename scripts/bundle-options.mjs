// How the Electron main process is bundled, shared by build-electron.mjs and
// test/unit/main-bundle.test.ts (which bundles the core the same way and runs it).
export const MAIN_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Native and self-locating modules stay in node_modules, where electron-builder unpacks and rebuilds them.
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  // ESM bundles of CommonJS dependencies need a real `require`.
  banner: { js: "import { createRequire as __msp_createRequire } from 'node:module'; const require = __msp_createRequire(import.meta.url);" },
};

/**
 * Worker threads the main process starts, each bundled beside out/main/index.mjs with the options above
 * (electron/main/base/fallback-worker.ts starts them from next to the bundle: page-worker.mjs, technician-import-worker.mjs,
 * preview-worker.mjs).
 */
export const MAIN_WORKER_ENTRIES = {
  'page-worker': 'electron/main/psa/pages/page-worker.ts',
  'technician-import-worker': 'electron/main/org/technician-import-worker.ts',
  'preview-worker': 'electron/main/preview/preview-worker.ts',
};

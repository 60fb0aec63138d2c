// Bundles the Electron main process (ESM), the sandboxed preload (one CommonJS
// file, as sandboxed preloads require) and the development bridge client.
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.mjs',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Native and self-locating modules stay in node_modules, where electron-builder unpacks and rebuilds them.
    external: ['electron', 'better-sqlite3', 'electron-updater'],
    // ESM bundles of CommonJS dependencies need a real `require`.
    banner: { js: "import { createRequire as __msp_createRequire } from 'node:module'; const require = __msp_createRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/bridge-client.ts'],
    outfile: 'out/bridge/client.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome130',
  }),
]);

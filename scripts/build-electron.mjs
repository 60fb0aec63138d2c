// Bundles the Electron main process (ESM), the headless CLI, the sandboxed preload (one CommonJS
// file, as sandboxed preloads require) and the development bridge client.
import { build } from 'esbuild';
import { MAIN_BUNDLE_OPTIONS, MAIN_WORKER_ENTRIES } from './bundle-options.mjs';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({ ...common, ...MAIN_BUNDLE_OPTIONS, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.mjs' }),
  // The headless CLI (bin/msp-roster.mjs runs it): the same services, no Electron.
  build({ ...common, ...MAIN_BUNDLE_OPTIONS, entryPoints: ['electron/main/cli/main.ts'], outfile: 'out/main/cli.mjs' }),
  ...Object.entries(MAIN_WORKER_ENTRIES).map(([name, entry]) => build({ ...common, ...MAIN_BUNDLE_OPTIONS, entryPoints: [entry], outfile: `out/main/${name}.mjs` })),
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

// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/better_sqlite3.node,
// leaving node_modules/better-sqlite3 built for Node so `npm test` keeps working. The Electron
// main process loads this copy through better-sqlite3's `nativeBinding` option in development
// (electron/main/platform/native-binding.ts). Packaged builds need none of this: electron-builder
// rebuilds node_modules for Electron (npmRebuild).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join('.native', `electron-${electronVersion}`);
const binary = join(target, 'better_sqlite3.node');

if (existsSync(binary)) process.exit(0);

const electronPath = join(dirname(require.resolve('electron/package.json')), 'path.txt');
if (!existsSync(electronPath)) {
  console.error(
    'The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set during npm install?).\n' +
      'Run `npm rebuild electron` with internet access, then `npm start` again.',
  );
  process.exit(1);
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join('.native', `build-${electronVersion}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });

const run = (command, args) => execFileSync(command, args, { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion } });
console.log(`Building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
try {
  // A published prebuild for this Electron, when there is one…
  run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
} catch {
  // …otherwise compile against Electron's headers (needs a C++ toolchain, as node-gyp always does).
  const nodeGyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
  run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`]);
}
mkdirSync(target, { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binary);
rmSync(work, { recursive: true, force: true });
console.log(`Electron's better-sqlite3 is in ${binary}`);

/**
 * `npm run dev:browser [-- --data <folder>] [--port <n>] [--built <folder>]`: the app in a local
 * browser, for trying it where Electron cannot run. A development tool only. `--built` is where
 * `npm run build` left the renderer and the bridge client (default: `out/`).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UnhandledErrors } from '../guard/unhandled-errors';
import { startBrowserBridge } from './server';

// As in the app: a rejection or exception nobody handled is logged and reported, not the end of the bridge.
const unhandled = new UnhandledErrors();
unhandled.install(process);

const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' }, built: { type: 'string' } } });
const root = resolve(import.meta.dirname, '../../..');
const built = values.built ? resolve(values.built) : join(root, 'out');
const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'msp-roster-'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const bridge = await startBrowserBridge({
  dataDir,
  rendererDir: join(built, 'renderer'),
  bridgeClientFile: join(built, 'bridge/client.js'),
  port: values.port ? Number(values.port) : 0,
  appVersion: version,
  echoLog: false,
});

unhandled.attach({ log: bridge.core.log, events: bridge.core.events });

process.stdout.write(
  [
    'MSP Roster — browser mode (development only)',
    `  data folder: ${dataDir}`,
    `  open:        ${bridge.url}`,
    '  Secrets are encrypted with a key that lives only in this process: PSA credentials do not survive a restart.',
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = async () => {
  await bridge.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

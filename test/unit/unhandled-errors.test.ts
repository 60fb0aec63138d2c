/** The main process's guard: a rejection or exception nobody handled is logged (scrubbed), counted and reported, and the process lives on. */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/main/base/event-hub';
import { UnhandledErrors, type ProcessEvents } from '../../electron/main/guard/unhandled-errors';
import { createFileLogger, logFilePath, Redactor, type Logger } from '../../electron/main/logging/logger';
import { PsaError } from '../../electron/main/psa/psa-error';
import { en } from '../../shared/i18n/locales/en';
import { nl } from '../../shared/i18n/locales/nl';
import { CHILD_SECRET } from '../support/reject-on-signal';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const SECRET = 'sim-Autotask-Secret-1';

type Delivered = { windowId: string | null; channel: string; payload: unknown };

function setUp(now: () => number = Date.now) {
  const dataDir = tempDir();
  const redactor = new Redactor();
  redactor.add(SECRET);
  const log = createFileLogger({ dataDir, redactor });
  const events = new EventHub();
  const delivered: Delivered[] = [];
  events.subscribe((sessionKey, channel, payload) => delivered.push({ windowId: sessionKey, channel, payload }));
  const guard = new UnhandledErrors({ now, reportIntervalMs: 1_000 });
  guard.attach({ log, events });
  // A stand-in for `process`: the guard only listens to its two events.
  const target = new EventEmitter();
  const uninstall = guard.install(target as unknown as ProcessEvents);
  const lines = () => (existsSync(logFilePath(dataDir)) ? readFileSync(logFilePath(dataDir), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : []);
  return { guard, target, uninstall, delivered, lines, dataDir };
}

describe('unhandled errors in the main process', () => {
  it('logs a rejection scrubbed of secrets, counts it, and tells every window without details', () => {
    const { guard, target, delivered, lines, dataDir } = setUp();
    target.emit('unhandledRejection', new PsaError('authentication-error', `HTTP 401: the secret ${SECRET} was refused`));
    expect(guard.count()).toBe(1);
    expect(guard.count('unhandled-rejection')).toBe(1);
    const [entry] = lines();
    expect(entry).toMatchObject({ level: 'error', message: 'Unhandled promise rejection in the main process', kind: 'unhandled-rejection', count: 1 });
    expect(JSON.stringify(entry)).toContain('HTTP 401: the secret [redacted] was refused');
    expect(readFileSync(logFilePath(dataDir), 'utf8')).not.toContain(SECRET);
    // To every window (null), with the kind and count only: what went wrong stays in the log.
    expect(delivered).toEqual([{ windowId: null, channel: 'event:backgroundError', payload: { kind: 'unhandled-rejection', count: 1 } }]);
  });

  it('handles uncaught exceptions and odd rejection reasons the same way', () => {
    const { guard, target, lines } = setUp();
    target.emit('uncaughtException', new TypeError('Cannot read properties of undefined'));
    target.emit('unhandledRejection', undefined);
    target.emit('unhandledRejection', { status: 500, privateKey: 'never-in-the-log' });
    expect(guard.count('uncaught-exception')).toBe(1);
    expect(guard.count('unhandled-rejection')).toBe(2);
    const entries = lines();
    expect(entries.map((entry) => entry['message'])).toEqual([
      'Uncaught exception in the main process',
      'Unhandled promise rejection in the main process',
      'Unhandled promise rejection in the main process',
    ]);
    expect(entries[0]).toMatchObject({ error: { name: 'TypeError', message: 'Cannot read properties of undefined' } });
    expect(entries[1]).toMatchObject({ error: { value: 'undefined' } });
    expect(entries[2]).toMatchObject({ error: { value: { status: 500, privateKey: '[redacted]' } } });
  });

  it('a burst is one report per interval, each with the running count; every failure is still logged', () => {
    let now = 10_000;
    const { target, delivered, lines } = setUp(() => now);
    for (let index = 0; index < 50; index++) target.emit('unhandledRejection', new Error(`page ${index}`));
    now += 999;
    target.emit('unhandledRejection', new Error('still the burst'));
    now += 1;
    target.emit('uncaughtException', new Error('later'));
    expect(lines()).toHaveLength(52);
    expect(delivered.map((event) => event.payload)).toEqual([
      { kind: 'unhandled-rejection', count: 1 },
      { kind: 'uncaught-exception', count: 52 },
    ]);
  });

  it('never throws itself, even when the log and the windows fail', () => {
    const broken: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const events = new EventHub();
    events.subscribe(() => {
      throw new Error('window destroyed');
    });
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const guard = new UnhandledErrors({ sinks: { log: broken, events } });
      expect(() => guard.handle('unhandled-rejection', new Error(`with ${SECRET}`))).not.toThrow();
      expect(guard.count()).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    // One line saying what happened, without the reason (it could hold a secret the stderr logger does not know).
    expect(stderr.join('')).toContain('unhandled-rejection in the main process (1 so far)');
    expect(stderr.join('')).not.toContain(SECRET);
  });

  it('stops listening when uninstalled', () => {
    const { guard, target, uninstall } = setUp();
    uninstall();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
    expect(guard.count()).toBe(0);
  });

  it('the window says it in English and Dutch, with what to do', () => {
    expect(en.backgroundError.message).toMatch(/try it again/);
    expect(nl.backgroundError.message).toMatch(/probeer het opnieuw/);
  });

  it('the Electron entry installs the guard before anything else runs, and reports to the core once it exists', () => {
    const entry = readFileSync('electron/main/index.ts', 'utf8');
    const installedAt = entry.indexOf('unhandled.install(process)');
    expect(installedAt).toBeGreaterThan(0);
    expect(installedAt).toBeLessThan(entry.indexOf('app.enableSandbox()'));
    expect(entry.indexOf('unhandled.attach({ log: core.log, events: core.events })')).toBeGreaterThan(entry.indexOf('core = await createCore('));
  });
});

describe.skipIf(process.platform === 'win32')('the development bridge process', () => {
  /** Starts `dev:browser`'s CLI, makes a rejection nobody handles once it is up, then stops it. */
  async function runBridge(dataDir: string): Promise<{ code: number | null; stdout: string }> {
    // Unit tests run before the build: a stand-in for what `npm run build` leaves, which the bridge needs to start.
    const built = tempDir();
    mkdirSync(join(built, 'renderer'));
    mkdirSync(join(built, 'bridge'));
    writeFileSync(join(built, 'renderer', 'index.html'), '<!doctype html><html></html>');
    writeFileSync(join(built, 'bridge', 'client.js'), '// bridge client');
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/reject-on-signal.ts', 'electron/main/dev-bridge/cli.ts', '--data', dataDir, '--port', '0', '--built', built], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('Press Ctrl+C')) {
        signalled = true;
        child.kill('SIGUSR2');
        // Long enough for a rejection to kill an unguarded process first.
        setTimeout(() => child.kill('SIGTERM'), 400);
      }
    });
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    return { code, stdout };
  }

  it('survives an unhandled rejection, logs it scrubbed, and stops cleanly when asked', async () => {
    const dataDir = tempDir();
    const { code, stdout } = await runBridge(dataDir);
    expect(stdout).toContain('browser mode');
    expect(code).toBe(0);
    const log = readFileSync(logFilePath(dataDir), 'utf8');
    expect(log).toContain('Unhandled promise rejection in the main process');
    expect(log).toContain('company/companies/statuses');
    expect(log).not.toContain(CHILD_SECRET);
  }, 30_000);
});

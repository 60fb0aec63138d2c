/**
 * The e2e fixture: a fresh data folder, the real core behind the development
 * bridge (same registrar, sender check and validation as Electron IPC), and a
 * Chromium page on the production renderer bundle. Any console error, page
 * error or unhandled rejection fails the test. `shot()` saves a screenshot of
 * each screen visited under test-results/screens/. Every IPC response, every
 * event pushed to the page and everything written to stderr while the app
 * runs (the log's echo, with `bridgeOptions: { echoLog: true }`) is recorded.
 */
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBrowserBridge, type BridgeOptions, type RunningBridge } from '../../electron/main/dev-bridge/server';
import type { IpcResult } from '../../shared/ipc/result';
import { startPsaSimulator, type PsaSimulatorOptions, type RunningPsaSimulator } from '../fakes/psa-sim/server';
import { TEST_PASSWORD_HASH_COST } from './password-cost';
import { FAST_RETRIES } from './psa-sim';

export const ROOT = resolve(import.meta.dirname, '../..');

/** axe-core, minified: the same rules as `axe.source` (axe.js), in less than half the text to inject. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface RecordedResponse {
  readonly channel: string;
  readonly body: string;
}

export interface RecordedEvent {
  readonly channel: string;
  readonly payload: string;
}

export interface AppHarness {
  readonly bridge: RunningBridge;
  readonly dataDir: string;
  readonly responses: RecordedResponse[];
  /** Events the core pushed to the page, in order. */
  readonly events: RecordedEvent[];
  /** Everything written to this process's stderr while the app ran. */
  readonly stderr: string[];
  readonly consoleLines: string[];
  /** Opens the app in `page` (or a new page) and waits for the first screen. */
  open(page?: Page): Promise<Page>;
  /** Saves a screenshot of the screen and scans it with axe-core (serious or critical violations fail the test). */
  shot(page: Page, name: string): Promise<void>;
  /** Scans the screen with axe-core without a screenshot. */
  scan(page: Page, name: string): Promise<void>;
  /** Console errors matching `pattern` are expected by this test (e.g. a CSP violation it provokes). */
  allowConsoleError(pattern: RegExp): void;
}

interface Fixtures {
  app: AppHarness;
  bridgeOptions: Partial<BridgeOptions>;
  /** A PSA simulator on a random loopback port, for tests that connect a PSA. */
  sim: RunningPsaSimulator;
  simOptions: PsaSimulatorOptions;
}

export const test = base.extend<Fixtures>({
  bridgeOptions: [{}, { option: true }],
  simOptions: [{ seed: 11, companies: 240, contactsPerCompany: 3 }, { option: true }],
  sim: async ({ simOptions }, use) => {
    const sim = await startPsaSimulator(simOptions);
    await use(sim);
    await sim.close();
  },
  app: async ({ page, bridgeOptions }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'msp-roster-e2e-'));
    const responses: RecordedResponse[] = [];
    const events: RecordedEvent[] = [];
    const stderr: string[] = [];
    // The core runs in this process, so its log echo goes through this stream.
    const writeStderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stderr.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return writeStderr(chunk, ...rest);
    }) as typeof process.stderr.write;
    const consoleLines: string[] = [];
    const problems: string[] = [];
    const allowed: RegExp[] = [];
    const bridge = await startBrowserBridge({
      dataDir,
      rendererDir: join(ROOT, 'out/renderer'),
      bridgeClientFile: join(ROOT, 'out/bridge/client.js'),
      signInFailureDelayMs: 300,
      passwordHashCost: TEST_PASSWORD_HASH_COST,
      psaHttp: FAST_RETRIES,
      onResult: (channel: string, result: IpcResult<unknown>) => responses.push({ channel, body: JSON.stringify(result) }),
      ...bridgeOptions,
    });
    const unsubscribe = bridge.core.subscribeWindows((_windowId, channel, payload) => events.push({ channel, payload: JSON.stringify(payload) }));
    const watch = (target: Page) => {
      target.on('console', (message: ConsoleMessage) => {
        consoleLines.push(`${message.type()}: ${message.text()}`);
        if (message.type() === 'error' && !allowed.some((pattern) => pattern.test(message.text()))) problems.push(`console error: ${message.text()}`);
      });
      target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    };
    watch(page);
    page.context().on('page', watch);
    // Every screen a test shows (each shot, and each page as the test leaves it) is scanned; serious or
    // critical violations fail the test, named with the screen and the offending elements.
    const scan = async (target: Page, name: string) => {
      if (target.isClosed()) return;
      // axe-core runs in the page itself (`axe.run`, as @axe-core/playwright's legacy mode does: the app has no
      // frames to reach), injected once per document rather than on every scan, and without the blank page the
      // default mode finishes in: a scan takes ~0.2 s instead of ~2 s. Where focus was is the user's state: if
      // the scan moved it, it is put back.
      const before = await target.evaluateHandle(() => document.activeElement);
      if (!(await target.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'))) await target.evaluate(AXE_SOURCE);
      const result = await target.evaluate(() => (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe.run(document));
      await before.evaluate((element) => {
        if (element instanceof HTMLElement && element.isConnected && document.activeElement !== element) element.focus({ preventScroll: true });
      });
      await before.dispose();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
        problems.push(`axe ${violation.impact} on "${name}": ${violation.id} (${violation.help}) at ${where}`);
      }
    };
    const shotDir = join(ROOT, 'test-results/screens', testInfo.titlePath.slice(1).join(' - ').replace(/[^\w.-]+/g, '_'));
    const harness: AppHarness = {
      bridge,
      dataDir,
      responses,
      events,
      stderr,
      consoleLines,
      open: async (target = page) => {
        // Each open trades a fresh one-time token for the cookie (a spent token is refused).
        await target.goto(bridge.newUrl());
        await expect(target.locator('#root > *').first()).toBeVisible();
        return target;
      },
      allowConsoleError: (pattern) => allowed.push(pattern),
      scan,
      shot: async (target, name) => {
        await scan(target, name);
        mkdirSync(shotDir, { recursive: true });
        const file = join(shotDir, `${name}.png`);
        await target.screenshot({ path: file, fullPage: true });
        const published = process.env['SCREENSHOT_DIR'];
        if (published) {
          mkdirSync(join(ROOT, published), { recursive: true });
          copyFileSync(file, join(ROOT, published, `${name}.png`));
        }
      },
    };
    try {
      await use(harness);
      for (const open of page.context().pages()) {
        if (open.url().startsWith(new URL(bridge.url).origin)) await scan(open, 'last screen');
      }
    } finally {
      // Whatever happened, the next test in this worker starts clean: stderr restored, the data folder gone.
      try {
        unsubscribe();
        await bridge.close();
      } finally {
        process.stderr.write = writeStderr;
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    expect(problems, 'console errors, page errors or unhandled rejections').toEqual([]);
  },
});

export { expect };

/** A password zxcvbn rates 4/4 and the default policy accepts. */
export const STRONG_PASSWORD = 'Harbour-Lantern-Quiet-49!';

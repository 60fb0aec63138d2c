import { defineConfig } from '@playwright/test';
import { findChromium } from './test/support/deps/chromium';

const executablePath = findChromium();
// `npm test` finds or installs one first; a direct `playwright test` gets the same one line instead of a stack.
if (!executablePath) throw new Error('No Chromium to run the e2e tests in: run `npm run test:deps`, which finds or installs one.');

/** E2E: the production renderer bundle in Chromium, the real core in the test process (see test/support/app-fixture.ts). */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      // The machine's network is closed: stop Chromium's background calls home.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
    },
    // A failed test keeps its trace (actions, DOM snapshots, network, console); the trace's screencast
    // filmstrip, recorded for every test and thrown away for each that passes, cost about as much CPU as
    // tracing itself and is left out.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
});

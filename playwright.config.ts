import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './test/support/chromium';

const executablePath = chromiumExecutable();

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
      ...(executablePath ? { executablePath } : {}),
      // The machine's network is closed: stop Chromium's background calls home.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
    },
    trace: 'retain-on-failure',
  },
});

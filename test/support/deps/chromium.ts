/**
 * The Chromium the e2e tests and bench:table drive. Playwright's own browser download is unreachable on some
 * machines (ours among them), so any Chromium or Chrome on the machine will do.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { aptInstaller } from './os-packages';
import { runCommand, runs, type Requirement } from './requirement';

const PROGRAMS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Places to look, best first: the override, the PATH, well-known install folders, then Playwright's cache. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean).flatMap((folder) => PROGRAMS.map((program) => join(folder, platform === 'win32' ? `${program}.exe` : program)));
  const wellKnown =
    platform === 'darwin'
      ? ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
      : platform === 'win32'
        ? [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => !!root).map((root) => join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'))
        : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'];
  return [...new Set([env['CHROMIUM_PATH'] ?? '', ...onPath, ...wellKnown, playwrightChromium()].filter(Boolean))];
}

function playwrightChromium(): string {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
}

/** The first candidate that exists and runs; CHROMIUM_PATH, when set, is the only candidate (a typo must not fall back silently). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['CHROMIUM_PATH'];
  const candidates = override ? [override] : chromiumCandidates(env);
  // `--version` costs ~100 ms, and only for the first candidate that exists.
  return candidates.find((path) => existsSync(path) && runs(path));
}

export const chromiumRequirement: Requirement = {
  name: 'Chromium',
  find: () => findChromium(),
  misconfigured: () => {
    const override = process.env['CHROMIUM_PATH'];
    return override ? `CHROMIUM_PATH=${override} is not a Chromium or Chrome that runs: correct it, or unset it to use one found on this machine.` : undefined;
  },
  installers: [
    {
      label: "Playwright's Chromium download",
      applies: () => true,
      run: () => runCommand(process.execPath, [createRequire(import.meta.url).resolve('@playwright/test/cli'), 'install', 'chromium'], 300_000),
    },
    aptInstaller({ debian: ['chromium', 'fonts-dejavu-core'], ubuntu: ['chromium-browser', 'fonts-dejavu-core'] }),
  ],
  manualInstall: process.platform === 'linux' ? 'sudo apt-get install chromium' : 'npx playwright install chromium',
  alternative: 'or set CHROMIUM_PATH to a Chromium or Chrome',
};


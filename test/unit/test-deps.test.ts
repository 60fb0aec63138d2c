import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium } from '../support/deps/chromium';
import { aptDistro } from '../support/deps/os-packages';
import { findPostgresBin } from '../support/deps/postgres';
import { ensure, runCommand, type Installer, type Requirement } from '../support/deps/requirement';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** A requirement whose presence a test switches, with installers that record their runs. */
function fakeRequirement(present: { path?: string }, installers: Installer[], misconfigured?: string): Requirement {
  return { name: 'Thing', find: () => present.path, installers, manualInstall: 'apt-get install thing', ...(misconfigured ? { misconfigured: () => misconfigured } : {}) };
}

function installer(label: string, applies: boolean, effect: () => void, ok = true): Installer & { runs: number } {
  const made = {
    label,
    runs: 0,
    applies: () => applies,
    run: () => {
      made.runs++;
      effect();
      return ok ? ({ ok: true } as const) : ({ ok: false, why: `${label} said no` } as const);
    },
  };
  return made;
}

describe('ensure: find, else install, else one line naming the command', () => {
  it('uses what is there without installing anything', () => {
    const install = installer('download', true, () => undefined);
    expect(ensure(fakeRequirement({ path: '/usr/bin/thing' }, [install]))).toEqual({ ok: true, path: '/usr/bin/thing' });
    expect(install.runs).toBe(0);
  });

  it('skips installers that do not apply here and keeps going after one that fails', () => {
    const present: { path?: string } = {};
    const skipped = installer('sudo-less apt', false, () => (present.path = '/wrong'));
    const failing = installer('download', true, () => undefined, false);
    const working = installer('apt-get', true, () => (present.path = '/usr/bin/thing'));
    const lines: string[] = [];
    expect(ensure(fakeRequirement(present, [skipped, failing, working]), (line) => lines.push(line))).toEqual({ ok: true, path: '/usr/bin/thing', installedBy: 'apt-get' });
    expect([skipped.runs, failing.runs, working.runs]).toEqual([0, 1, 1]);
    expect(lines).toContain('download failed: download said no');
  });

  it('names the command to run when nothing could install it', () => {
    const result = ensure(fakeRequirement({}, [installer('download', true, () => undefined, false)]));
    expect(result).toEqual({ ok: false, message: 'Thing is missing and could not be installed here: run `apt-get install thing`, then try again.' });
  });

  it('says what is misconfigured instead of installing over it', () => {
    const install = installer('download', true, () => undefined);
    expect(ensure(fakeRequirement({}, [install], 'THING_PATH=/nope does not run.'))).toEqual({ ok: false, message: 'THING_PATH=/nope does not run.' });
    expect(install.runs).toBe(0);
  });
});

describe('runCommand', () => {
  it('gives the error line a failing command printed', () => {
    const result = runCommand(process.execPath, ['-e', 'console.log("working…"); console.error("Error: download failed"); console.error("  at somewhere"); process.exit(3)'], 10_000);
    expect(result).toEqual({ ok: false, why: 'Error: download failed' });
  });
});

describe('aptDistro', () => {
  const osRelease = (text: string) => {
    const path = join(tempDir(), 'os-release');
    writeFileSync(path, text);
    return path;
  };
  it('knows Debian, Ubuntu and their derivatives, and nothing else', () => {
    expect(aptDistro(osRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'))).toBe('debian');
    expect(aptDistro(osRelease('ID=ubuntu\nID_LIKE=debian\n'))).toBe('ubuntu');
    expect(aptDistro(osRelease('ID=linuxmint\nID_LIKE="ubuntu debian"\n'))).toBe('ubuntu');
    expect(aptDistro(osRelease('ID="fedora"\n'))).toBeUndefined();
    expect(aptDistro('/no/such/os-release')).toBeUndefined();
  });
});

describe('finding Chromium', () => {
  const script = (folder: string, name: string, exitCode: number) => {
    const path = join(folder, name);
    writeFileSync(path, `#!/bin/sh\nexit ${exitCode}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('looks on the PATH before the well-known folders', () => {
    const candidates = chromiumCandidates({ PATH: '/opt/a:/opt/b' }, 'linux');
    expect(candidates.indexOf('/opt/a/chromium')).toBeLessThan(candidates.indexOf('/usr/bin/chromium'));
    expect(candidates).toContain('/opt/b/google-chrome');
  });

  it('takes the first candidate that runs, not one that only exists', () => {
    const folder = tempDir();
    script(folder, 'chromium', 1);
    const good = script(folder, 'google-chrome', 0);
    // The PATH comes before the well-known folders, so a Chromium installed on this machine does not interfere.
    expect(findChromium({ PATH: folder })).toBe(good);
  });

  it('uses CHROMIUM_PATH alone when it is set, and nothing when it does not run', () => {
    const folder = tempDir();
    expect(findChromium({ CHROMIUM_PATH: script(folder, 'mine', 0) })).toBe(join(folder, 'mine'));
    expect(findChromium({ CHROMIUM_PATH: script(folder, 'broken', 1) })).toBeUndefined();
  });
});

describe('finding PostgreSQL', () => {
  const programs = (names: string[], exitCode = 0) => {
    const folder = tempDir();
    for (const name of names) {
      writeFileSync(join(folder, name), `#!/bin/sh\nexit ${exitCode}\n`);
      chmodSync(join(folder, name), 0o755);
    }
    return folder;
  };

  it('takes the first folder with initdb, pg_ctl and postgres that run', () => {
    const partial = programs(['initdb', 'pg_ctl']);
    const whole = programs(['initdb', 'pg_ctl', 'postgres']);
    expect(findPostgresBin({ PATH: `${partial}:${whole}` })).toBe(whole);
    expect(findPostgresBin({ PATH: `${partial}:${whole}` })).not.toBe(partial);
  });

  it('uses POSTGRES_BIN alone when it is set, and nothing when its programs do not run', () => {
    expect(findPostgresBin({ POSTGRES_BIN: programs(['initdb', 'pg_ctl', 'postgres']) })).toBeDefined();
    expect(findPostgresBin({ POSTGRES_BIN: programs(['initdb', 'pg_ctl', 'postgres'], 1) })).toBeUndefined();
    expect(findPostgresBin({ POSTGRES_BIN: programs(['initdb']) })).toBeUndefined();
  });
});

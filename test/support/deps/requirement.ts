/**
 * What the tests need beyond npm (a browser today; PostgreSQL and OpenLDAP later), found on the machine or
 * installed where we can: the README's `npm install && npm test` must work on a bare machine, and where it
 * cannot, stop at once with one line that names the command to run — never minutes later, mid-suite.
 */
import { spawnSync } from 'node:child_process';

export interface Installer {
  /** Shown before it runs: "Playwright's Chromium download". */
  readonly label: string;
  /** Whether it can run here at all (root, the package manager present, …). */
  applies(): boolean;
  /** Runs it; on failure, one line saying why (the requirement is looked for again either way). */
  run(): CommandResult;
}

export interface Requirement {
  /** What it is, for messages: "Chromium". */
  readonly name: string;
  /** A working executable (or install), else undefined. Must be cheap: it runs at every test start. */
  find(): string | undefined;
  /** A setting that points somewhere wrong (an override naming nothing runnable): said instead of installing. */
  misconfigured?(): string | undefined;
  /** Tried in order until `find` succeeds. */
  readonly installers: readonly Installer[];
  /** The one command a person runs when nothing here could install it. */
  readonly manualInstall: string;
  /** Another way out, said after the command: "or set CHROMIUM_PATH to a Chromium or Chrome". */
  readonly alternative?: string;
}

export type CommandResult = { readonly ok: true } | { readonly ok: false; readonly why: string };

export type Ensured = { readonly ok: true; readonly path: string; readonly installedBy?: string } | { readonly ok: false; readonly message: string };

/** Finds `requirement`, else installs it with the first installer that works, else says what to run. */
export function ensure(requirement: Requirement, log: (line: string) => void = () => undefined): Ensured {
  const found = requirement.find();
  if (found) return { ok: true, path: found };
  const wrong = requirement.misconfigured?.();
  if (wrong) return { ok: false, message: wrong };
  for (const installer of requirement.installers) {
    if (!installer.applies()) continue;
    log(`${requirement.name} not found: trying ${installer.label} …`);
    const ran = installer.run();
    if (!ran.ok) log(`${installer.label} failed: ${ran.why}`);
    const path = requirement.find();
    if (path) return { ok: true, path, installedBy: installer.label };
  }
  const alternative = requirement.alternative ? ` (${requirement.alternative})` : '';
  return { ok: false, message: `${requirement.name} is missing and could not be installed here: run \`${requirement.manualInstall}\`${alternative}, then try again.` };
}

/** Runs a command quietly; on failure, the last line it printed (or how it ended) is the reason. */
export function runCommand(command: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): CommandResult {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return { ok: true };
  const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').map((line) => line.trim()).filter(Boolean);
  const ended = result.error ? result.error.message : result.signal ? `ended by ${result.signal}` : `exit code ${result.status}`;
  return { ok: false, why: lines.find((line) => /^error\b|^E:/i.test(line)) ?? lines.at(-1) ?? ended };
}

/** Whether `path --version` (or the given arguments) runs and exits 0 within a few seconds: a stub or broken install does not. */
export function runs(path: string, args: readonly string[] = ['--version']): boolean {
  const result = spawnSync(path, args, { stdio: 'ignore', timeout: 20_000 });
  return result.status === 0;
}

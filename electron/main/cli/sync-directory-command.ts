/**
 * `msp-roster sync-directory`: the headless directory sync service (the seed's ADService), on a local workspace
 * file or a team workspace, once or every N minutes until stopped (SIGTERM from systemd or the Windows service
 * manager lets the run in progress finish). It acts for the workspace with the service token a Master Administrator
 * generated (checked before every run, so a revoked token stops the service at its next turn), and binds to the
 * directory with a password of its own environment: the workspace never holds it.
 */
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import type { SyncOutcome } from '../directory-sync/sync-report';
import { DomainError } from '../base/domain-error';
import { checkToken } from '../directory-sync/sync-settings';
import { CliError } from './cli-error';
import { openHeadless, type CliTarget, type Headless } from './headless-services';

export interface SyncDirectoryOptions {
  readonly target: CliTarget;
  readonly token: string;
  readonly bindPassword: string;
  readonly dryRun: boolean;
  /** Run again this long after each run ends; null: once. */
  readonly everyMs: number | null;
  readonly json: boolean;
  /** Aborted: stop after the run in progress (a signal, or a test). */
  readonly stop: AbortSignal;
}

/** `15m`, `1h`, `90s`, or a bare number of minutes; at least 10 seconds, at most a day. */
export function parseInterval(text: string): number {
  const match = /^(\d+)\s*(s|m|h)?$/i.exec(text.trim());
  if (!match) throw new CliError(`--every takes a duration such as 15m, 1h or 90s, not "${text}".`, 2);
  const unit = (match[2] ?? 'm').toLowerCase();
  const ms = Number(match[1]) * (unit === 's' ? 1_000 : unit === 'h' ? 3_600_000 : 60_000);
  if (ms < 10_000 || ms > 86_400_000) throw new CliError('--every must be between 10s and 24h.', 2);
  return ms;
}

/** A secret from a file (its first line) or the environment; never from the command line, which `ps` shows. */
export function readSecret(file: string | undefined, env: string | undefined, what: string, hint: string): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read the ${what} from ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const line = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (line === '') throw new CliError(`${file} holds no ${what}.`, 2);
    return line;
  }
  if (env !== undefined && env.trim() !== '') return env.trim();
  throw new CliError(`No ${what}: ${hint}`, 2);
}

const number = new Intl.NumberFormat('en');

export function formatSyncLine(report: SyncOutcome): string {
  const { run } = report;
  const { counts } = run;
  const head = `${run.finishedAt} ${run.dryRun ? 'Dry run' : 'Sync'}`;
  const parts = [`${number.format(counts.created)} created`, `${number.format(counts.updated)} updated`, `${number.format(counts.disabled)} disabled`, `${number.format(counts.unchanged)} unchanged`, `${number.format(counts.problems)} problems`];
  const unchanged = report.directoryUnchangedSince ? `; directory unchanged since its read at ${report.directoryUnchangedSince}` : '';
  const lines = [`${head}: ${parts.join(', ')} (${number.format(counts.users)} users in the source groups${unchanged})`];
  if (run.dryRun) for (const change of report.changes) lines.push(`  would ${change.action}: ${change.name} <${change.email}> → ${change.groupName}${change.reason ? ` (${change.reason})` : ''}`);
  for (const problem of report.problems) lines.push(`  problem ${problem.code}: ${problem.name} <${problem.email}> ${problem.userDn}${problem.detail ? ` (${problem.detail})` : ''}`);
  return lines.join('\n');
}

function failureLine(error: unknown): string {
  const when = new Date().toISOString();
  if (error instanceof DomainError) return `${when} Failed (${error.code}): ${error.message}${error.fields && Object.keys(error.fields).length ? ` ${JSON.stringify(error.fields)}` : ''}`;
  return `${when} Failed: ${error instanceof Error ? error.message : String(error)}`;
}

async function oneRun(headless: Headless, options: SyncDirectoryOptions): Promise<SyncOutcome> {
  const { workspace, syncRunner } = headless.services;
  const valid = await workspace.transaction((tx) => checkToken(tx, options.token, new Date().toISOString()));
  if (!valid) throw new DomainError('SERVICE_TOKEN_INVALID', 'The service token is missing, wrong or revoked: generate one in Settings → Directory sync.');
  const host = hostname();
  return syncRunner.run({ trigger: 'service', byName: `service on ${host}`, actorId: null, session: `service:${host}:${process.pid}`, dryRun: options.dryRun, bindPassword: options.bindPassword });
}

/**
 * Runs once (exit code 0, or 1 when the run failed or the token was refused), or — with `everyMs` — until `stop`
 * aborts (exit code 0; each failed run is printed and the next one tried; a refused token ends the service, 1).
 */
export async function syncDirectory(options: SyncDirectoryOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const headless = await openHeadless(options.target, { migrate: false });
  const print = (report: SyncOutcome) => out(options.json ? JSON.stringify(report) : formatSyncLine(report));
  try {
    for (;;) {
      try {
        print(await oneRun(headless, options));
        if (options.everyMs === null) return 0;
      } catch (error) {
        err(failureLine(error));
        if (options.everyMs === null || (error instanceof DomainError && error.code === 'SERVICE_TOKEN_INVALID')) return 1;
      }
      if (options.stop.aborted || !(await pause(options.everyMs, options.stop))) return 0;
    }
  } finally {
    await headless.close();
  }
}

/** Waits `ms`; false when `stop` aborted first. */
function pause(ms: number, stop: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stop.addEventListener('abort', onAbort, { once: true });
  });
}

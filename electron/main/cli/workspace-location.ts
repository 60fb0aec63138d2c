/**
 * Which workspace a command works on. `--workspace` takes a SQLite file or a
 * PostgreSQL URL; without it, this workstation's local workspace — the file the
 * app opens, in the folder Electron gives the app for its data on each OS.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TeamConnection } from '../../../shared/workspace/connection';
import { WORKSPACE_FILE } from '../db/workspace-files';
import { CliError } from './cli-error';
import { parseTeamUrl } from './team-url';

const PRODUCT_NAME = 'MSP Roster';

export type WorkspaceLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  /** No password here: reports print the location, and the password comes from PGPASSWORD or stdin. */
  | { readonly kind: 'postgres'; readonly connection: TeamConnection; readonly connectTimeoutMs: number | null };

export const isTeamUrl = (option: string | undefined): option is string => option !== undefined && /^postgres(ql)?:\/\//i.test(option);

/** Electron's `app.getPath('userData')` for this app, without Electron. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), PRODUCT_NAME);
}

export function resolveWorkspace(option: string | undefined): WorkspaceLocation {
  if (isTeamUrl(option)) return { kind: 'postgres', ...parseTeamUrl(option) };
  const given = option ? resolve(option) : join(defaultDataDir(), WORKSPACE_FILE);
  // A folder stands for the workspace file in it (the app's data folder).
  const file = existsSync(given) && statSync(given).isDirectory() ? join(given, WORKSPACE_FILE) : given;
  if (!existsSync(file)) {
    throw new CliError(
      option
        ? `No workspace at ${file}. Give the path of a workspace.sqlite file (or its folder), or a postgres:// URL.`
        : `No local workspace at ${file}: start MSP Roster once to create it, or pass --workspace <file or postgres:// URL>.`,
    );
  }
  return { kind: 'sqlite', file };
}

/**
 * The services as the CLI runs them: on the workspace it was pointed at, with
 * no window, no machine preferences and no PSA secrets (the vault lives in a
 * throwaway folder with a key that dies with the process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '../base/caller';
import { newId } from '../base/ids';
import { SqliteWorkspace } from '../db/sqlite-workspace';
import type { MigrationReport, Workspace } from '../db/workspace';
import { createFileLogger, Redactor } from '../logging/logger';
import { createMemoryStore } from '../preferences/memory-store';
import { createServices, type Services } from '../services/create-services';
import { EphemeralCipher } from '../vault/ephemeral-cipher';
import { CliError } from './cli-error';
import type { WorkspaceLocation } from './workspace-location';

export interface Headless {
  readonly services: Services;
  readonly migrations: MigrationReport;
  /** This run's session: what a headless command acts as. */
  readonly caller: Caller;
  close(): Promise<void>;
}

export async function openWorkspace(location: WorkspaceLocation, options: { migrate: boolean }): Promise<{ workspace: Workspace; migrations: MigrationReport }> {
  if (location.kind === 'postgres') {
    throw new CliError('This build opens local SQLite workspaces only; team workspaces on PostgreSQL are not available yet.');
  }
  try {
    return await SqliteWorkspace.open({ file: location.file, migrate: options.migrate });
  } catch (error) {
    throw new CliError(`Cannot open ${location.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function openHeadless(location: WorkspaceLocation, options: { migrate: boolean }): Promise<Headless> {
  const scratch = mkdtempSync(join(tmpdir(), 'msp-roster-cli-'));
  const redactor = new Redactor();
  const log = createFileLogger({ dataDir: scratch, redactor, echo: false });
  const { workspace, migrations } = await openWorkspace(location, options);
  const services = createServices({ workspace, cipher: new EphemeralCipher(), settings: createMemoryStore(), log, redactor, dataDir: scratch });
  return {
    services,
    migrations,
    caller: { sessionKey: `cli:${newId()}` },
    close: async () => {
      await services.close();
      await workspace.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The services as the CLI runs them: on the workspace it was pointed at, with
 * no window, no machine preferences and no PSA secrets (the vault lives in a
 * throwaway folder with a key that dies with the process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '../base/caller';
import { newId } from '../base/ids';
import { openWorkspace as openTarget } from '../db/open-workspace';
import { applicationNameFor } from '../db/postgres-connection';
import type { MigrationReport, Workspace } from '../db/workspace';
import { createFileLogger, Redactor } from '../logging/logger';
import { createMemoryStore } from '../preferences/memory-store';
import { createServices, type Services } from '../services/create-services';
import { EphemeralCipher } from '../vault/ephemeral-cipher';
import { CliError } from './cli-error';
import { connectionFailure } from './connection-failures';
import type { WorkspaceLocation } from './workspace-location';

/** A workspace to open: where, and for a team workspace the password (read from PGPASSWORD or stdin, never from the URL). */
export interface CliTarget {
  readonly location: WorkspaceLocation;
  readonly password: string | null;
}

export interface Headless {
  readonly services: Services;
  readonly migrations: MigrationReport;
  /** This run's session: what a headless command acts as. */
  readonly caller: Caller;
  close(): Promise<void>;
}

export async function openWorkspace(target: CliTarget, options: { migrate: boolean }): Promise<{ workspace: Workspace; migrations: MigrationReport }> {
  const { location } = target;
  if (location.kind === 'postgres') {
    if (target.password === null) throw new CliError('No password for the team workspace: set the PGPASSWORD environment variable, or pass --password-stdin.', 2);
    try {
      return await openTarget(
        { kind: 'team', connection: location.connection, password: target.password, applicationName: applicationNameFor(`CLI on ${hostname()}`) },
        { migrate: options.migrate, ...(location.connectTimeoutMs !== null ? { connectTimeoutMs: location.connectTimeoutMs } : {}) },
      );
    } catch (error) {
      throw connectionFailure(location.connection, error);
    }
  }
  try {
    return await openTarget({ kind: 'local', file: location.file }, { migrate: options.migrate });
  } catch (error) {
    throw new CliError(`Cannot open ${location.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The services on a workspace already open (the caller closes the workspace). */
export function servicesOn(workspace: Workspace, migrations: MigrationReport): Headless {
  const scratch = mkdtempSync(join(tmpdir(), 'msp-roster-cli-'));
  const redactor = new Redactor();
  const log = createFileLogger({ dataDir: scratch, redactor, echo: false });
  const services = createServices({ workspace, cipher: new EphemeralCipher(), settings: createMemoryStore(), log, redactor, dataDir: scratch });
  return {
    services,
    migrations,
    caller: { sessionKey: `cli:${newId()}` },
    close: async () => {
      await services.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export async function openHeadless(target: CliTarget, options: { migrate: boolean }): Promise<Headless> {
  const { workspace, migrations } = await openWorkspace(target, options);
  const headless = servicesOn(workspace, migrations);
  return {
    ...headless,
    close: async () => {
      await headless.close();
      await workspace.close();
    },
  };
}

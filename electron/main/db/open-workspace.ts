/**
 * Opens the workspace a workstation points at: its local SQLite file, or a
 * team database on PostgreSQL. The one place that knows both backends.
 */
import type { TeamConnection } from '../../../shared/workspace/connection';
import type { Migration } from './migrations/migration';
import { poolConfig } from './postgres-connection';
import { PostgresWorkspace } from './postgres-workspace';
import { SqliteWorkspace } from './sqlite-workspace';
import type { MigrationReport, Workspace } from './workspace';

export type WorkspaceTarget =
  | { readonly kind: 'local'; readonly file: string }
  | { readonly kind: 'team'; readonly connection: TeamConnection; readonly password: string; readonly applicationName: string };

export interface OpenWorkspaceOptions {
  /** False: open as it is, without applying pending schema steps. */
  readonly migrate?: boolean;
  readonly migrations?: readonly Migration[];
  /** better-sqlite3 built for Electron's ABI, in development. */
  readonly nativeBinding?: string;
  readonly connectTimeoutMs?: number;
  /** Team workspaces: the server ends a transaction idle this long (a frozen workstation); see IDLE_IN_TRANSACTION_MS. */
  readonly idleInTransactionMs?: number;
}

export async function openWorkspace(target: WorkspaceTarget, options: OpenWorkspaceOptions = {}): Promise<{ workspace: Workspace; migrations: MigrationReport }> {
  const common = {
    ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
    ...(options.migrations ? { migrations: options.migrations } : {}),
  };
  if (target.kind === 'local') {
    return SqliteWorkspace.open({ file: target.file, ...common, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  }
  const connection = poolConfig({
    connection: target.connection,
    password: target.password,
    applicationName: target.applicationName,
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
  const idle = options.idleInTransactionMs !== undefined ? { idle_in_transaction_session_timeout: options.idleInTransactionMs } : {};
  return PostgresWorkspace.open({ connection: { ...connection, ...idle }, ...common });
}

/**
 * Reaching a team workspace: *Test connection* (what is in that database),
 * and every way that can fail as a DomainError a user can act on.
 */
import type { TeamConnection, TeamConnectionFailure, TeamProbe } from '../../../shared/workspace/connection';
import type { ErrorCode } from '../../../shared/ipc/result';
import { DomainError } from '../base/domain-error';
import { serverVersion, tablesInSchema } from '../db/database-contents';
import { openWorkspace, type WorkspaceTarget } from '../db/open-workspace';
import { classifyConnectionFailure } from '../db/postgres-connection';
import { countAdministrators } from '../db/repositories/administrators';
import type { Logger } from '../logging/logger';

export type TeamTarget = Extract<WorkspaceTarget, { kind: 'team' }>;

/** Test connection waits this long for a server that does not answer (a dropped packet, a firewall). */
export const PROBE_TIMEOUT_MS = 8_000;

const FAILURE_ERRORS: Record<TeamConnectionFailure, { code: ErrorCode; message: string }> = {
  unreachable: { code: 'WORKSPACE_UNREACHABLE', message: 'The PostgreSQL server does not answer at that host and port.' },
  'auth-failed': { code: 'WORKSPACE_AUTH_FAILED', message: 'The server refused the user name or password.' },
  tls: { code: 'WORKSPACE_TLS', message: 'The encrypted connection failed: check the TLS mode and the CA certificate.' },
  'database-missing': { code: 'WORKSPACE_DATABASE_MISSING', message: 'The server has no database of that name.' },
  'server-too-old': { code: 'WORKSPACE_SERVER_TOO_OLD', message: 'Team workspaces need PostgreSQL 13 or newer.' },
  'schema-newer': { code: 'WORKSPACE_SCHEMA_NEWER', message: 'This workspace was last opened by a newer MSP Roster. Update MSP Roster.' },
  'not-a-workspace': { code: 'WORKSPACE_FOREIGN', message: 'The database holds tables that are not MSP Roster’s.' },
  timeout: { code: 'WORKSPACE_TIMEOUT', message: 'The server took too long to answer.' },
  unknown: { code: 'WORKSPACE_CONNECTION_FAILED', message: 'The team workspace could not be opened; details are in the log.' },
};

export function teamFailureError(failure: TeamConnectionFailure): DomainError {
  const { code, message } = FAILURE_ERRORS[failure];
  return new DomainError(code, message);
}

/** Opens a team workspace or throws the DomainError for why not (the detail goes to the log, scrubbed of the password). */
export async function openTeam(target: TeamTarget, log: Logger, options: { migrate: boolean }) {
  try {
    return await openWorkspace(target, { migrate: options.migrate, connectTimeoutMs: PROBE_TIMEOUT_MS });
  } catch (error) {
    const failure = classifyConnectionFailure(error);
    log.warn('A team workspace could not be opened', { failure, host: target.connection.host, database: target.connection.database, error });
    throw teamFailureError(failure);
  }
}

/** Test connection: reachable and signed in, and whether the database is empty, a team workspace, or something else. */
export async function probeTeam(target: TeamTarget, log: Logger): Promise<TeamProbe> {
  let opened;
  try {
    opened = await openTeam(target, log, { migrate: false });
  } catch (error) {
    if (error instanceof DomainError) return { outcome: 'failed', failure: failureOfCode(error.code) };
    throw error;
  }
  const { workspace, migrations } = opened;
  try {
    const tables = await tablesInSchema(workspace.read);
    const state = tables.length === 0 ? 'empty' : migrations.current > 0 ? 'workspace' : 'foreign';
    const administrators = state === 'workspace' ? await countAdministrators(workspace.read) : 0;
    return { outcome: 'reachable', state, serverVersion: await serverVersion(workspace.read), administrators };
  } finally {
    await workspace.close();
  }
}

/** The failure behind a WORKSPACE_* error code (the reverse of teamFailureError). */
export function failureOfCode(code: ErrorCode): TeamConnectionFailure {
  const found = Object.entries(FAILURE_ERRORS).find(([, value]) => value.code === code);
  return (found?.[0] as TeamConnectionFailure | undefined) ?? 'unknown';
}

export function describeTeam(connection: TeamConnection): string {
  return `${connection.database} on ${connection.host}:${connection.port}`;
}

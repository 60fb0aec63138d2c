/**
 * Reaching a team workspace: *Test connection* (what is in that database),
 * and every way that can fail as a DomainError a user can act on.
 */
import { TEAM_FAILURE_CODES, type TeamConnection, type TeamConnectionFailure, type TeamProbe } from '../../../shared/workspace/connection';
import type { ErrorCode } from '../../../shared/ipc/result';
import { DomainError } from '../base/domain-error';
import { databaseContents, serverVersion, type DatabaseContents } from '../db/workspace-report';
import { openWorkspace, type WorkspaceTarget } from '../db/open-workspace';
import { classifyConnectionFailure } from '../db/postgres-connection';
import { countAdministrators } from '../db/repositories/administrators';
import type { Logger } from '../logging/logger';

export type TeamTarget = Extract<WorkspaceTarget, { kind: 'team' }>;

/** Test connection waits this long for a server that does not answer (a dropped packet, a firewall). */
export const PROBE_TIMEOUT_MS = 8_000;

/** English, for the log and the CLI; the renderer shows the translation of the code. */
const FAILURE_MESSAGES: Record<TeamConnectionFailure, string> = {
  unreachable: 'The PostgreSQL server does not answer at that host and port.',
  'auth-failed': 'The server refused the user name or password.',
  tls: 'The encrypted connection failed: check the TLS mode and the CA certificate.',
  'database-missing': 'The server has no database of that name.',
  'server-too-old': 'Team workspaces need PostgreSQL 13 or newer.',
  'schema-newer': 'This workspace was last opened by a newer MSP Roster. Update MSP Roster.',
  'not-a-workspace': 'The database holds tables that are not MSP Roster’s.',
  timeout: 'The server took too long to answer.',
  unknown: 'The team workspace could not be opened; details are in the log.',
};

export function teamFailureError(failure: TeamConnectionFailure): DomainError {
  return new DomainError(TEAM_FAILURE_CODES[failure], FAILURE_MESSAGES[failure]);
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

/** What is in a team database, for Test connection and for the checks before create, join and move. */
export interface TeamInspection {
  readonly probe: TeamProbe;
  readonly contents: DatabaseContents | null;
}

/** Test connection: reachable and signed in, and whether the database is empty, a team workspace, or something else. */
export async function inspectTeam(target: TeamTarget, log: Logger): Promise<TeamInspection> {
  let opened;
  try {
    opened = await openTeam(target, log, { migrate: false });
  } catch (error) {
    if (error instanceof DomainError) return { probe: { outcome: 'failed', failure: failureOfCode(error.code) }, contents: null };
    throw error;
  }
  const { workspace } = opened;
  try {
    const contents = await databaseContents(workspace.read);
    const state = contents.tables.length === 0 ? 'empty' : contents.foreign.length > 0 ? 'foreign' : 'workspace';
    const administrators = state === 'workspace' && contents.tables.includes('administrators') ? await countAdministrators(workspace.read) : 0;
    return { probe: { outcome: 'reachable', state, serverVersion: await serverVersion(workspace.read), administrators }, contents };
  } finally {
    await workspace.close();
  }
}

export async function probeTeam(target: TeamTarget, log: Logger): Promise<TeamProbe> {
  return (await inspectTeam(target, log)).probe;
}

/** The failure behind a WORKSPACE_* error code (the reverse of teamFailureError). */
export function failureOfCode(code: ErrorCode): TeamConnectionFailure {
  const found = Object.entries(TEAM_FAILURE_CODES).find(([, value]) => value === code);
  return (found?.[0] as TeamConnectionFailure | undefined) ?? 'unknown';
}

export function describeTeam(connection: TeamConnection): string {
  return `${connection.database} on ${connection.host}:${connection.port}`;
}

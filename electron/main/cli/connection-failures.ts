/**
 * Why the CLI could not open a team workspace, as one line an administrator acts on. The app's own
 * bilingual messages for the same reasons live in its locale files; the CLI speaks English (see
 * format-report.ts) and keeps its wording here, in one map.
 */
import type { TeamConnection, TeamConnectionFailure } from '../../../shared/workspace/connection';
import { classifyConnectionFailure } from '../db/postgres-connection';
import { CliError } from './cli-error';
import { describeTeam } from './team-url';

const LINES: Record<TeamConnectionFailure, (team: TeamConnection, detail: string) => string> = {
  unreachable: (team) =>
    `Unreachable: no PostgreSQL server answers at ${team.host}:${team.port}. Check the host name and port, that the server runs, and that it accepts connections from this machine (listen_addresses, firewall).`,
  'auth-failed': (team) =>
    `Authentication failed for user "${team.user}" on ${team.host}:${team.port}/${team.database}: check the user name and the password (PGPASSWORD or --password-stdin), and that pg_hba.conf lets this user in.`,
  tls: (team, detail) =>
    `TLS failure connecting to ${team.host}:${team.port} (${detail}): check sslmode in the URL (disable, require or verify-full) and, for verify-full, the CA file in sslrootcert and that the certificate names ${team.host}.`,
  'database-missing': (team) =>
    `Database missing: ${team.host}:${team.port} has no database "${team.database}". Create it first (CREATE DATABASE ${team.database} OWNER ${team.user}), or correct the name in the URL.`,
  'server-too-old': (team, detail) => `Server too old: ${detail} Upgrade the server at ${team.host}:${team.port}, or use another one.`,
  'schema-newer': (team) =>
    `Schema newer than this app: ${describeTeam(team)} was last opened by a newer version of MSP Roster. Update MSP Roster (and this command) to open it.`,
  'not-a-workspace': (team) => `${describeTeam(team)} holds other tables than an MSP Roster workspace: use an empty database for a team workspace.`,
  timeout: (team) => `Timed out: the PostgreSQL server at ${team.host}:${team.port} did not answer in time. Check the network, or raise connect_timeout in the URL.`,
  unknown: (team, detail) => `Cannot open the team workspace ${describeTeam(team)}: ${detail}`,
};

/** The line for a failure to connect to, sign in to or open a team workspace. */
export function connectionFailureLine(team: TeamConnection, error: unknown): string {
  const failure = classifyConnectionFailure(error);
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return LINES[failure](team, detail);
}

export function connectionFailure(team: TeamConnection, error: unknown): CliError {
  return new CliError(connectionFailureLine(team, error));
}

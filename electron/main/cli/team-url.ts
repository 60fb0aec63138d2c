/**
 * A team workspace given on the command line as a PostgreSQL URL:
 *
 *   postgres://user@host:port/database?sslmode=disable|require|verify-full&sslrootcert=/path/ca.pem
 *
 * read into the app's TeamConnection (checked with its zod schema). The password is never part of the
 * URL — a URL lands in shell history, process lists and logs —: it comes from PGPASSWORD or stdin.
 */
import { DEFAULT_PG_PORT, TeamConnectionSchema, TlsModeSchema, type TeamConnection } from '../../../shared/workspace/connection';
import { CliError } from './cli-error';

export const TEAM_URL_FORM = 'postgres://user@host:port/database?sslmode=disable|require|verify-full';

/** When the URL names no sslmode: encrypted, and the server's certificate checked (the system's CAs, or sslrootcert). */
export const DEFAULT_SSLMODE = 'verify-full';

const KNOWN_PARAMS = new Set(['sslmode', 'sslrootcert', 'connect_timeout']);

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new CliError(`The ${what} in the workspace URL is not valid percent-encoding.`, 2);
  }
}

export interface TeamUrl {
  readonly connection: TeamConnection;
  /** libpq's connect_timeout (seconds), in milliseconds; absent: the app's default. */
  readonly connectTimeoutMs: number | null;
}

export function parseTeamUrl(text: string): TeamUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`Cannot read the workspace URL. Write it as ${TEAM_URL_FORM}.`, 2);
  }
  if (url.password !== '') {
    throw new CliError('Leave the password out of the workspace URL (it would land in the shell history and in logs): set the PGPASSWORD environment variable, or pass --password-stdin.', 2);
  }
  if (url.username === '') throw new CliError(`Name the database user in the workspace URL: ${TEAM_URL_FORM}.`, 2);
  const database = decode(url.pathname.replace(/^\//, ''), 'database name');
  if (database === '' || database.includes('/')) throw new CliError(`Name one database in the workspace URL: ${TEAM_URL_FORM}.`, 2);
  for (const key of url.searchParams.keys()) {
    if (!KNOWN_PARAMS.has(key)) throw new CliError(`Unknown option "${key}" in the workspace URL: it takes sslmode, sslrootcert and connect_timeout.`, 2);
  }
  const sslmode = TlsModeSchema.safeParse(url.searchParams.get('sslmode') ?? DEFAULT_SSLMODE);
  if (!sslmode.success) {
    throw new CliError(`sslmode=${url.searchParams.get('sslmode') ?? ''} is not supported: use disable, require or verify-full.`, 2);
  }
  const caFile = url.searchParams.get('sslrootcert');
  if (caFile !== null && sslmode.data !== 'verify-full') throw new CliError('sslrootcert is used with sslmode=verify-full only.', 2);
  const timeout = url.searchParams.get('connect_timeout');
  const seconds = timeout === null ? null : Number(timeout);
  if (seconds !== null && (!Number.isInteger(seconds) || seconds < 1)) throw new CliError('connect_timeout is a whole number of seconds (1 or more).', 2);
  const parsed = TeamConnectionSchema.safeParse({
    // An IPv6 address comes as [::1] in a URL, and as ::1 to the driver.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PG_PORT : Number(url.port),
    database,
    user: decode(url.username, 'user name'),
    tls: sslmode.data,
    caFile,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`The workspace URL's ${issue?.path.join('.') || 'value'} is not valid (${issue?.message ?? 'invalid'}). Write it as ${TEAM_URL_FORM}.`, 2);
  }
  return { connection: parsed.data, connectTimeoutMs: seconds === null ? null : seconds * 1000 };
}

/** How reports name a team workspace: user, server and database, never a password. */
export function describeTeam(connection: TeamConnection): string {
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  return `${connection.user}@${host}:${connection.port}/${connection.database}`;
}

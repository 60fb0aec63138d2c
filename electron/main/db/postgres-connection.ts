/**
 * A team connection as `pg` needs it, and `pg`'s failures as the reasons a
 * user can act on. The password arrives separately (from the vault) and is
 * never part of a message or a log line.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import type { TeamConnection, TeamConnectionFailure } from '../../../shared/workspace/connection';
import { DomainError } from '../base/domain-error';
import { WorkspaceError } from './workspace';

export interface PgConnectOptions {
  readonly connection: TeamConnection;
  readonly password: string;
  /** Shown in pg_stat_activity: the app and the workstation, so a DBA can tell sessions apart. */
  readonly applicationName: string;
  readonly connectTimeoutMs?: number;
}

/** PostgreSQL limits application_name to 63 bytes; longer names are cut by the server anyway. */
export function applicationNameFor(workstation: string): string {
  return `MSP Roster (${workstation})`.slice(0, 63);
}

function tlsOptions(connection: TeamConnection): false | ConnectionOptions {
  if (connection.tls === 'disable') return false;
  // require: encrypted, the certificate not checked (libpq's sslmode=require).
  if (connection.tls === 'require') return { rejectUnauthorized: false };
  const ca = connection.caFile === null ? undefined : readCa(connection.caFile);
  // SNI carries host names only (RFC 6066); an address is still checked against the certificate's names.
  return { rejectUnauthorized: true, ...(isIP(connection.host) === 0 ? { servername: connection.host } : {}), ...(ca ? { ca } : {}) };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TeamConnectionError('tls', `Cannot read the CA certificate file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function poolConfig(options: PgConnectOptions): pg.PoolConfig {
  const { connection } = options;
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: options.password,
    ssl: tlsOptions(connection),
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  };
}

/** A team workspace that cannot be opened, with the reason the user acts on. */
export class TeamConnectionError extends Error {
  override readonly name = 'TeamConnectionError';
  constructor(
    readonly failure: TeamConnectionFailure,
    message: string,
  ) {
    super(message);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);
const TLS_CODES = /^(ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|CERT_|ERR_OSSL|HOSTNAME_MISMATCH)/;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Sorts a failure to connect, sign in or open into what the user can do about it. */
export function classifyConnectionFailure(error: unknown): TeamConnectionFailure {
  if (error instanceof TeamConnectionError) return error.failure;
  // A connection lost while the workspace opened (WORKSPACE_UNAVAILABLE): sorted by what lost it.
  if (error instanceof DomainError && error.code === 'WORKSPACE_UNAVAILABLE' && error.cause !== undefined) return classifyConnectionFailure(error.cause);
  if (error instanceof WorkspaceError) {
    if (error.reason === 'schema-newer') return 'schema-newer';
    if (error.reason === 'server-too-old') return 'server-too-old';
    return 'unknown';
  }
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.test(code) || /SSL|TLS|certificate/i.test(message)) return 'tls';
  // pg_hba.conf refuses plain connections where the server wants TLS: the fix is the TLS setting, not the password.
  if (code === '28000' && /no encryption/i.test(message)) return 'tls';
  if (code === '28P01' || code === '28000') return 'auth-failed';
  if (code === '3D000') return 'database-missing';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  return 'unknown';
}

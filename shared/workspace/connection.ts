/**
 * Where a workstation's workspace lives: its own local SQLite file, or a team
 * workspace on a PostgreSQL server. The password of a team connection is never
 * part of these shapes: it lives in the workstation's vault (OS keychain).
 */
import { z } from 'zod';
import type { ErrorCode } from '../ipc/result';

/** disable: plain TCP (a server on this machine or a trusted network); require: encrypted, any certificate; verify-full: encrypted, the server's certificate checked against the CA and host name. */
export const TLS_MODES = ['disable', 'require', 'verify-full'] as const;
export const TlsModeSchema = z.enum(TLS_MODES);
export type TlsMode = z.infer<typeof TlsModeSchema>;

const HostSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._:[\]-]+$/, 'A host name or IP address');
/** PostgreSQL's identifiers are at most 63 bytes. */
const PgNameSchema = z.string().trim().min(1).max(63);

export const TeamConnectionSchema = z.strictObject({
  host: HostSchema,
  port: z.number().int().min(1).max(65_535),
  database: PgNameSchema,
  user: PgNameSchema,
  tls: TlsModeSchema,
  /** PEM file of the CA that signed the server's certificate; needed for verify-full (else the system's CAs). */
  caFile: z.string().trim().min(1).max(4096).nullable(),
});
export type TeamConnection = z.infer<typeof TeamConnectionSchema>;

export const DEFAULT_PG_PORT = 5432;

/** A remembered team workspace: the key names it in the vault (its password) and in the settings. */
export function teamWorkspaceKey(connection: Pick<TeamConnection, 'host' | 'port' | 'database' | 'user'>): string {
  return `team:${connection.user}@${connection.host.toLowerCase()}:${connection.port}/${connection.database}`;
}

/** Why a team workspace cannot be opened; each has its own message saying what to do. */
export const TeamConnectionFailureSchema = z.enum([
  'unreachable',
  'auth-failed',
  'tls',
  'database-missing',
  'server-too-old',
  'schema-newer',
  'not-a-workspace',
  'timeout',
  'unknown',
]);
export type TeamConnectionFailure = z.infer<typeof TeamConnectionFailureSchema>;

/** The error code (and so the message, in each language) for each failure. */
export const TEAM_FAILURE_CODES = {
  unreachable: 'WORKSPACE_UNREACHABLE',
  'auth-failed': 'WORKSPACE_AUTH_FAILED',
  tls: 'WORKSPACE_TLS',
  'database-missing': 'WORKSPACE_DATABASE_MISSING',
  'server-too-old': 'WORKSPACE_SERVER_TOO_OLD',
  'schema-newer': 'WORKSPACE_SCHEMA_NEWER',
  'not-a-workspace': 'WORKSPACE_FOREIGN',
  timeout: 'WORKSPACE_TIMEOUT',
  unknown: 'WORKSPACE_CONNECTION_FAILED',
} as const satisfies Record<TeamConnectionFailure, ErrorCode>;

/** The oldest PostgreSQL we run on (identity columns, hashtextextended, DROP DATABASE … FORCE in tests). */
export const MIN_PG_SERVER_VERSION = 130_000;

/** A remembered team workspace as the renderer sees it: never its password. */
export const RememberedTeamSchema = z.strictObject({
  key: z.string().min(1).max(600),
  connection: TeamConnectionSchema,
  /** The password is in this workstation's vault (false: it must be typed again). */
  hasPassword: z.boolean(),
  lastOpenedAt: z.string().nullable(),
});
export type RememberedTeam = z.infer<typeof RememberedTeamSchema>;

/** What this workstation has open, and what it remembers. */
export const WorkspaceStatusSchema = z.strictObject({
  current: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('local'), file: z.string() }),
    z.strictObject({ kind: z.literal('team'), key: z.string(), connection: TeamConnectionSchema }),
  ]),
  teams: z.array(RememberedTeamSchema),
  /** The team workspace chosen last could not be opened at start; the local one is open meanwhile. */
  unavailable: z.strictObject({ key: z.string(), connection: TeamConnectionSchema, failure: TeamConnectionFailureSchema }).nullable(),
});
export type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;

/** What *Test connection* found: an empty database (create a team workspace there), a team workspace (join it), or why not. */
export const TeamProbeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('reachable'),
    state: z.enum(['empty', 'workspace', 'foreign']),
    /** e.g. "15.8" */
    serverVersion: z.string(),
    /** Master Administrators and administrators in a team workspace (0 for an empty database). */
    administrators: z.number().int().nonnegative(),
  }),
  z.strictObject({ outcome: z.literal('failed'), failure: TeamConnectionFailureSchema }),
]);
export type TeamProbe = z.infer<typeof TeamProbeSchema>;

/** A password typed in the form; null keeps the one stored for this connection. */
export const TeamPasswordSchema = z.string().min(1).max(1024).nullable();

/**
 * The envelope every IPC call resolves to. Handlers never throw across the
 * boundary: Electron would pass only an error's message, and the renderer needs
 * a code it can branch on and translate.
 */

/** Every error code the core can return. The renderer translates each one. */
export const ERROR_CODES = [
  /** The channel is not part of the contract. */
  'UNKNOWN_CHANNEL',
  /** The call came from a frame or origin that is not the app's own window. */
  'FORBIDDEN_SENDER',
  /** The payload does not match the channel's input schema. */
  'VALIDATION_FAILED',
  /** The channel needs a signed-in administrator. */
  'NOT_SIGNED_IN',
  /** The administrator must change their password before doing anything else. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The signed-in administrator's role does not allow this action. */
  'PERMISSION_DENIED',
  /** Email or password is wrong (deliberately does not say which). */
  'INVALID_CREDENTIALS',
  /** The new password does not meet the password policy. */
  'WEAK_PASSWORD',
  /** The new password equals the current one. */
  'PASSWORD_UNCHANGED',
  /** The workspace already has its first Master Administrator. */
  'ALREADY_INITIALIZED',
  /** Another administrator already uses this email address. */
  'EMAIL_TAKEN',
  /** The record no longer exists (removed in another window, say). */
  'NOT_FOUND',
  /** Another administrator holds the integration's lock, or this session lost it. */
  'INTEGRATION_LOCKED',
  /** This window is applying an import for the PSA; a new one starts when it has finished. */
  'IMPORT_IN_PROGRESS',
  /** Settings: the number of license seats cannot be negative. */
  'SEATS_NEGATIVE',
  /** Settings: fewer license seats than users who have access now (`fields.inUse` says how many). */
  'SEATS_BELOW_IN_USE',
  /** Undo refused: this import cycle has been undone already. */
  'UNDO_ALREADY_UNDONE',
  /** Undo refused: a later import depends on this one (only the last import can be undone). */
  'UNDO_LATER_IMPORT',
  /** Undo refused: a company the import created or mapped was removed by hand since (field `name`). */
  'UNDO_COMPANY_REMOVED',
  /** Undo refused: a company the import created was renamed since (fields `name`, `now`). */
  'UNDO_COMPANY_RENAMED',
  /** Undo refused: users were added since to a company the import created (field `name`). */
  'UNDO_COMPANY_USERS_ADDED',
  /** Undo refused: a user the import created or changed was changed or removed since (field `name`). */
  'UNDO_USER_CHANGED',
  /** Undo refused: a mapping the import made or removed was changed since (field `name`). */
  'UNDO_MAPPING_CHANGED',
  /** Team workspace: the server does not answer at that host and port. */
  'WORKSPACE_UNREACHABLE',
  /** Team workspace: the server refused the user name or password. */
  'WORKSPACE_AUTH_FAILED',
  /** Team workspace: the encrypted connection failed (TLS mode, certificate, CA file). */
  'WORKSPACE_TLS',
  /** Team workspace: no database of that name on the server. */
  'WORKSPACE_DATABASE_MISSING',
  /** Team workspace: the server is older than PostgreSQL 13. */
  'WORKSPACE_SERVER_TOO_OLD',
  /** The workspace was last opened by a newer MSP Roster. */
  'WORKSPACE_SCHEMA_NEWER',
  /** Team workspace: the server took too long to answer. */
  'WORKSPACE_TIMEOUT',
  /** Team workspace: the connection failed for a reason we could not name (details in the log). */
  'WORKSPACE_CONNECTION_FAILED',
  /** Create or move: the database already holds data (field `tables`). */
  'WORKSPACE_NOT_EMPTY',
  /** Join: the database has no team workspace yet; create one there instead. */
  'WORKSPACE_EMPTY',
  /** The database holds tables that are not MSP Roster's (field `tables`); use an empty database. */
  'WORKSPACE_FOREIGN',
  /** No password is stored for this team workspace on this workstation; type it. */
  'WORKSPACE_PASSWORD_NEEDED',
  /** Move to team: only a local workspace can be moved. */
  'WORKSPACE_NOT_LOCAL',
  /** The copy into the team workspace did not match the local data (field `table`); nothing was kept. */
  'WORKSPACE_COPY_MISMATCH',
  /** PSA credentials point at another tenant than the team workspace's integration (fields `expected`, `actual`). */
  'PSA_TENANT_MISMATCH',
  /** The team workspace's server went away (restart, network) during the work: nothing of the step in progress was saved. */
  'WORKSPACE_UNAVAILABLE',
  /** The account was disabled by an administrator: it cannot sign in or continue. */
  'ACCOUNT_DISABLED',
  /** A technician's group lacks the right this needs (field `right`). */
  'RIGHT_MISSING',
  /** An Administrator acted on a technician group not assigned to them (or outside their groups' subtrees). */
  'GROUP_NOT_IN_SCOPE',
  /** Only an empty technician group can be deleted (fields `technicians`, `subgroups`). */
  'GROUP_NOT_EMPTY',
  /** A group cannot be nested in itself or in one of its own subgroups. */
  'GROUP_CYCLE',
  /** Another group under the same parent has this name (case-insensitive). */
  'GROUP_NAME_TAKEN',
  /** Another technician has this single sign-on ID. */
  'SSO_ID_TAKEN',
  /** Every technician license of a kind is assigned (fields `kind`: standard | mobile, `seats`). */
  'LICENSES_EXHAUSTED',
  /** The workspace must keep at least one enabled Master Administrator. */
  'LAST_MASTER_ADMIN',
  /** Technician import: the whole file was refused before anything was written (fields `problem`, `line`). */
  'TECH_IMPORT_FILE_REFUSED',
  /** Technician import: cancelled before anything was written. */
  'TECH_IMPORT_CANCELLED',
  /** Technician import: this window is importing a file already; one at a time. */
  'TECH_IMPORT_BUSY',
  /** Technician import: Start import named a check that is gone (another upload since, or expired); upload again. */
  'TECH_IMPORT_CHECK_MISSING',
  /** A download kept in the workspace (an import snapshot) cannot be read back: damaged; download again. */
  'SNAPSHOT_DAMAGED',
  /** A preview file was refused: `fields.problem` names why (a PreviewProblem; its message is preview.problem.*). */
  'PREVIEW_FILE_REFUSED',
  /** A preview file's PSA or tenant is not the one this workspace imports from (fields `psa`). */
  'PREVIEW_OTHER_INTEGRATION',
  /** Refresh from the PSA: the preview's PSA is not connected on this workstation (field `psa`). */
  'PSA_NOT_CONNECTED',
  /** Refresh from the PSA: the download failed (fields `psa`, `kind`: the PSA failure's kind, see psaErrors). */
  'PSA_REFRESH_FAILED',
  /** Directory sync: no connection is set up yet (Settings → Directory sync). */
  'DIRECTORY_NOT_CONFIGURED',
  /** Directory sync: no source → destination pair is set up yet. */
  'DIRECTORY_NO_PAIRS',
  /** Directory sync: no default password for new technicians is set yet. */
  'DIRECTORY_NO_DEFAULT_PASSWORD',
  /** Directory sync: this workstation has no bind password saved for the directory; type it and save. */
  'DIRECTORY_PASSWORD_NEEDED',
  /** The directory server does not answer at that host and port (field `host`). */
  'DIRECTORY_UNREACHABLE',
  /** The directory refused the bind DN or password. */
  'DIRECTORY_BIND_FAILED',
  /** The encrypted connection failed: certificate not trusted (CA), wrong name, or TLS not offered (field `detail`). */
  'DIRECTORY_TLS',
  /** The directory took too long to answer. */
  'DIRECTORY_TIMEOUT',
  /** The base DN does not exist in the directory (field `dn`). */
  'DIRECTORY_BASE_MISSING',
  /** A source group of a pair no longer exists in the directory (field `dn`): nothing was changed. */
  'DIRECTORY_GROUP_MISSING',
  /** A destination technician group of a pair no longer exists (field `groupId`): nothing was changed. */
  'DIRECTORY_TARGET_MISSING',
  /** The directory answered with a referral to another server (field `url`): point the connection at that server or a global catalog. */
  'DIRECTORY_REFERRAL',
  /** The bind account may not read what the sync needs (field `dn`). */
  'DIRECTORY_ACCESS_DENIED',
  /** The directory refused the search for another reason (fields `code`, `detail`). */
  'DIRECTORY_SEARCH_FAILED',
  /** Another dry run or sync is running for this workspace (field `by`). */
  'DIRECTORY_SYNC_RUNNING',
  /** The dry run or sync was cancelled before it wrote anything. */
  'DIRECTORY_SYNC_CANCELLED',
  /** The headless service's token is missing, wrong or revoked: generate one in Settings → Directory sync. */
  'SERVICE_TOKEN_INVALID',
  /** Anything unexpected; details are in the main-process log. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  readonly code: ErrorCode;
  /** English, for logs and as a fallback; the renderer shows the translation of `code`. */
  readonly message: string;
  /** Field-level problems, e.g. from validation: path → message. */
  readonly fields?: Readonly<Record<string, string>>;
}

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string>): IpcResult<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

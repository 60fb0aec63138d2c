/**
 * Settings → Directory sync as the form holds it (every field as typed, the port as text) and the two ways between
 * that and the workspace's config: `draftFromSettings` when the page opens or is saved, `configFromDraft` when it is
 * tested or saved. Checking uses the contract's own schemas, so the form refuses exactly what the core would, but
 * says why in the user's language (a field name → `directorySync.invalid.<field>`).
 */
import {
  DirectoryConnectionSchema,
  DirectoryScheduleSchema,
  type DirectoryConnection,
  type DirectoryKind,
  type DirectorySecurity,
  type DirectorySyncConfig,
  type SyncPair,
} from '../../../shared/directory-sync/schemas';

export interface ConnectionDraft {
  readonly kind: DirectoryKind;
  readonly host: string;
  readonly port: string;
  /** The user typed a port: choosing another security no longer changes it. */
  readonly portTyped: boolean;
  readonly security: DirectorySecurity;
  readonly caCertificate: string;
  readonly bindDn: string;
  /** Blank keeps the password this workstation saved (sent as null). */
  readonly bindPassword: string;
  readonly baseDn: string;
  readonly disabledAttribute: string;
  readonly disabledValue: string;
}

export interface SyncDraft {
  readonly connection: ConnectionDraft;
  readonly pairs: readonly SyncPair[];
  readonly scheduleOn: boolean;
  readonly everyMinutes: string;
  readonly standardLicense: boolean;
  readonly mobileLicense: boolean;
}

export const DRAFT_FIELDS = ['host', 'port', 'caCertificate', 'bindDn', 'bindPassword', 'baseDn', 'disabledAttribute', 'everyMinutes'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export type FieldErrors = Partial<Record<DraftField, true>>;

/** LDAPS has its own port; StartTLS and plain LDAP share the standard one. */
export function defaultPort(security: DirectorySecurity): number {
  return security === 'ldaps' ? 636 : 389;
}

export const DEFAULT_EVERY_MINUTES = 15;

export function draftFromConfig(config: DirectorySyncConfig): SyncDraft {
  const saved = config.connection;
  const security = saved?.security ?? 'ldaps';
  return {
    connection: {
      kind: saved?.kind ?? 'active-directory',
      host: saved?.host ?? '',
      port: String(saved?.port ?? defaultPort(security)),
      portTyped: saved !== null && saved.port !== defaultPort(saved.security),
      security,
      caCertificate: saved?.caCertificate ?? '',
      bindDn: saved?.bindDn ?? '',
      bindPassword: '',
      baseDn: saved?.baseDn ?? '',
      disabledAttribute: saved?.disabledAttribute ?? '',
      disabledValue: saved?.disabledValue ?? '',
    },
    pairs: config.pairs,
    scheduleOn: config.schedule.everyMinutes !== null,
    everyMinutes: String(config.schedule.everyMinutes ?? DEFAULT_EVERY_MINUTES),
    standardLicense: config.newTechnicianLicenses.standard,
    mobileLicense: config.newTechnicianLicenses.mobile,
  };
}

/** Choosing the security moves the port to its default, unless the user typed one. */
export function withSecurity(draft: ConnectionDraft, security: DirectorySecurity): ConnectionDraft {
  return { ...draft, security, port: draft.portTyped ? draft.port : String(defaultPort(security)) };
}

/** Nothing typed in the connection: saving keeps no connection (the other sections can be saved before it). */
export function connectionBlank(draft: ConnectionDraft): boolean {
  return [draft.host, draft.bindDn, draft.baseDn, draft.caCertificate, draft.bindPassword].every((value) => value.trim() === '');
}

const CONNECTION_FIELDS: Readonly<Record<string, DraftField>> = {
  host: 'host',
  port: 'port',
  caCertificate: 'caCertificate',
  bindDn: 'bindDn',
  baseDn: 'baseDn',
  disabledAttribute: 'disabledAttribute',
};

/**
 * The connection to send, or what is wrong with it. The bind password may be blank only when this workstation saved
 * one (`passwordSaved`): blank goes as null, "keep it".
 */
export function connectionFromDraft(
  draft: ConnectionDraft,
  passwordSaved: boolean,
): { readonly connection: DirectoryConnection; readonly bindPassword: string | null; readonly errors: FieldErrors } | { readonly connection: null; readonly errors: FieldErrors } {
  const errors: FieldErrors = {};
  const port = /^\d+$/.test(draft.port.trim()) ? Number(draft.port.trim()) : Number.NaN;
  const candidate = {
    kind: draft.kind,
    host: draft.host,
    port,
    security: draft.security,
    caCertificate: draft.caCertificate.trim() === '' ? null : draft.caCertificate.trim(),
    bindDn: draft.bindDn,
    baseDn: draft.baseDn,
    // Active Directory has its own disabled flag (userAccountControl): the other directory's fields are not kept for it.
    disabledAttribute: draft.kind === 'ldap' && draft.disabledAttribute.trim() !== '' ? draft.disabledAttribute.trim() : null,
    disabledValue: draft.kind === 'ldap' ? draft.disabledValue : '',
  };
  const parsed = DirectoryConnectionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = CONNECTION_FIELDS[String(issue.path[0])];
      if (field) errors[field] = true;
    }
  }
  if (draft.bindPassword === '' && !passwordSaved) errors.bindPassword = true;
  if (!parsed.success || Object.keys(errors).length > 0) return { connection: null, errors };
  return { connection: parsed.data, bindPassword: draft.bindPassword === '' ? null : draft.bindPassword, errors };
}

/** The config and bind password *Save* sends, or what is wrong with the form. */
export function configFromDraft(
  draft: SyncDraft,
  passwordSaved: boolean,
): { readonly ok: true; readonly config: DirectorySyncConfig; readonly bindPassword: string | null } | { readonly ok: false; readonly errors: FieldErrors } {
  const errors: FieldErrors = {};
  let connection: DirectoryConnection | null = null;
  let bindPassword: string | null = null;
  if (!connectionBlank(draft.connection)) {
    const checked = connectionFromDraft(draft.connection, passwordSaved);
    Object.assign(errors, checked.errors);
    if (checked.connection) {
      connection = checked.connection;
      bindPassword = checked.bindPassword;
    }
  }
  const minutes = /^\d+$/.test(draft.everyMinutes.trim()) ? Number(draft.everyMinutes.trim()) : Number.NaN;
  const schedule = { everyMinutes: draft.scheduleOn ? minutes : null };
  if (!DirectoryScheduleSchema.safeParse(schedule).success) errors.everyMinutes = true;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: { connection, pairs: [...draft.pairs], schedule, newTechnicianLicenses: { standard: draft.standardLicense, mobile: draft.mobileLicense } },
    bindPassword,
  };
}

/** Whether leaving would lose something: any field changed, or a bind password typed. */
export function isDraftDirty(draft: SyncDraft, baseline: SyncDraft): boolean {
  const comparable = (value: SyncDraft) => JSON.stringify({ ...value, connection: { ...value.connection, bindPassword: '', portTyped: false } });
  return draft.connection.bindPassword !== '' || comparable(draft) !== comparable(baseline);
}

/**
 * Directory sync (the Rescue seed's "Active Directory Synchronization") as it crosses the IPC boundary and as the
 * workspace keeps it: the LDAP connection (never its bind password: that stays in each workstation's vault, or in
 * the headless service's own environment), the source directory group → destination technician group pairs, the
 * schedule, the runs and their log.
 */
import { z } from 'zod';
import { GroupIdSchema } from '../org/schemas';

/** Active Directory (objectGUID, userAccountControl bit 2) or another LDAP directory (entryUUID, a configurable attribute). */
export const DIRECTORY_KINDS = ['active-directory', 'ldap'] as const;
export const DirectoryKindSchema = z.enum(DIRECTORY_KINDS);
export type DirectoryKind = z.infer<typeof DirectoryKindSchema>;

/** LDAPS (its own port, 636), StartTLS on the plain port (389), or no encryption (a lab; the screen warns). */
export const DIRECTORY_SECURITY = ['ldaps', 'starttls', 'none'] as const;
export const DirectorySecuritySchema = z.enum(DIRECTORY_SECURITY);
export type DirectorySecurity = z.infer<typeof DirectorySecuritySchema>;

/** A distinguished name as typed or read: `CN=Service desk,OU=Groups,DC=example,DC=com`. */
export const DnSchema = z.string().trim().min(3, 'Enter a distinguished name').max(1024, 'The distinguished name is too long').regex(/=/, 'A distinguished name looks like CN=…,DC=…');
export const HostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the directory server')
  .max(253, 'The host name is too long')
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'A host name or IP address, without ldap:// or a port');
/** A PEM CA certificate (or bundle) to trust for this server, instead of the system's. */
export const CaCertificateSchema = z
  .string()
  .max(64_000, 'The CA certificate is too long')
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …)');
/** An LDAP attribute name, as the directory's schema spells it. */
export const AttributeNameSchema = z.string().trim().min(1).max(120).regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'An attribute name: letters, digits and -');

export const DirectoryConnectionSchema = z.strictObject({
  kind: DirectoryKindSchema,
  host: HostSchema,
  port: z.number().int().min(1).max(65_535),
  security: DirectorySecuritySchema,
  caCertificate: CaCertificateSchema.nullable(),
  bindDn: DnSchema,
  baseDn: DnSchema,
  /** Another directory only: a user is disabled when this attribute holds `disabledValue` (any value when that is empty). */
  disabledAttribute: AttributeNameSchema.nullable(),
  disabledValue: z.string().max(200),
});
export type DirectoryConnection = z.infer<typeof DirectoryConnectionSchema>;

/** The bind password as the form sends it; null keeps the one this workstation saved. */
export const BindPasswordSchema = z.string().min(1, 'Enter the bind password').max(1024).nullable();

export const SyncPairSchema = z.strictObject({
  /** The source directory group. */
  sourceDn: DnSchema,
  /** Its name when it was chosen (shown while the directory cannot be read). */
  sourceName: z.string().max(256),
  /** The destination technician group. */
  groupId: GroupIdSchema,
});
export type SyncPair = z.infer<typeof SyncPairSchema>;

export const DirectoryScheduleSchema = z.strictObject({
  /** Sync every N minutes while the app runs; null: only *Sync now* and the headless service. */
  everyMinutes: z.number().int().min(5).max(24 * 60).nullable(),
});

/** What a newly provisioned technician gets (the default password comes on top: they change it at first sign-in). */
export const NewTechnicianLicensesSchema = z.strictObject({ standard: z.boolean(), mobile: z.boolean() });

/** The settings as saved in the workspace (shared by every workstation and the headless service). */
export const DirectorySyncConfigSchema = z.strictObject({
  connection: DirectoryConnectionSchema.nullable(),
  pairs: z.array(SyncPairSchema).max(100),
  schedule: DirectoryScheduleSchema,
  newTechnicianLicenses: NewTechnicianLicensesSchema,
});
export type DirectorySyncConfig = z.infer<typeof DirectorySyncConfigSchema>;

export const DEFAULT_DIRECTORY_SYNC_CONFIG: DirectorySyncConfig = {
  connection: null,
  pairs: [],
  schedule: { everyMinutes: null },
  newTechnicianLicenses: { standard: true, mobile: false },
};

/** The service token as the screen sees it: never the token itself, only that there is one. */
export const ServiceTokenInfoSchema = z.strictObject({ createdAt: z.string(), createdByName: z.string(), lastUsedAt: z.string().nullable() });
export type ServiceTokenInfo = z.infer<typeof ServiceTokenInfoSchema>;

/** Settings → Directory sync, as it opens. */
export const DirectorySyncSettingsSchema = z.strictObject({
  config: DirectorySyncConfigSchema,
  /** Whether this workstation's vault holds the bind password (the app's syncs need it here). */
  bindPasswordSaved: z.boolean(),
  /** Whether a default password for new technicians is set (only its hash is kept). */
  defaultPasswordSet: z.boolean(),
  serviceToken: ServiceTokenInfoSchema.nullable(),
  /** The next scheduled run on this workstation, when a schedule is set and this workstation can run it. */
  nextRunAt: z.string().nullable(),
});
export type DirectorySyncSettings = z.infer<typeof DirectorySyncSettingsSchema>;

export const SaveDirectorySyncInputSchema = z.strictObject({
  config: DirectorySyncConfigSchema,
  /** Null keeps the bind password this workstation saved. */
  bindPassword: BindPasswordSchema,
});

/** *Test connection*: the form's connection, with its password or (null) the saved one. */
export const TestDirectoryInputSchema = z.strictObject({ connection: DirectoryConnectionSchema, bindPassword: BindPasswordSchema });
export const DirectoryTestResultSchema = z.strictObject({
  /** The server's own name for itself (vendorName, or the rootDSE's dnsHostName), when it says. */
  serverName: z.string().nullable(),
  /** Users and groups found under the base DN (a first page's worth: `more` when there are more). */
  users: z.number().int().nonnegative(),
  groups: z.number().int().nonnegative(),
  more: z.boolean(),
  /** Milliseconds from connect to the last answer. */
  elapsedMs: z.number().int().nonnegative(),
});
export type DirectoryTestResult = z.infer<typeof DirectoryTestResultSchema>;

/** A group in the directory, for the source list. */
export const DirectoryGroupSchema = z.strictObject({ dn: z.string(), name: z.string(), description: z.string() });
export type DirectoryGroup = z.infer<typeof DirectoryGroupSchema>;
export const DirectoryGroupListSchema = z.strictObject({ groups: z.array(DirectoryGroupSchema), truncated: z.boolean() });

/** What a run does to one technician. */
export const SYNC_ACTIONS = ['create', 'update', 'disable', 'enable', 'move', 'link'] as const;
export const SyncActionSchema = z.enum(SYNC_ACTIONS);
export type SyncAction = z.infer<typeof SyncActionSchema>;

/** Why a technician is disabled: the directory disabled the user, the user left every source group, or is gone. */
export const DISABLE_REASONS = ['disabled-in-directory', 'removed-from-group', 'deleted'] as const;
export const DisableReasonSchema = z.enum(DISABLE_REASONS);

export const SyncChangeSchema = z.strictObject({
  action: SyncActionSchema,
  /** The technician (null for one to be created). */
  technicianId: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  /** The destination group (for create and move), else the technician's group. */
  groupId: GroupIdSchema,
  groupName: z.string(),
  /** The directory entry (empty for a technician whose user is gone). */
  userDn: z.string(),
  /** Fields that change: `{ name: { from, to } }`; for create, every synced field with from null. */
  fields: z.record(z.string(), z.strictObject({ from: z.union([z.string(), z.boolean(), z.null()]), to: z.union([z.string(), z.boolean(), z.null()]) })),
  /** For disable: why. */
  reason: DisableReasonSchema.nullable(),
  /** The mobile license goes back to the pool. */
  releasesMobileLicense: z.boolean(),
});
export type SyncChange = z.infer<typeof SyncChangeSchema>;

/** Problems with one user (the others go on): the log's entries, each with an English and Dutch message. */
export const SYNC_PROBLEMS = ['no-email', 'email-taken', 'duplicate-email', 'license-exhausted', 'group-missing', 'invalid-entry'] as const;
export const SyncProblemCodeSchema = z.enum(SYNC_PROBLEMS);
export type SyncProblemCode = z.infer<typeof SyncProblemCodeSchema>;

export const SyncProblemSchema = z.strictObject({
  code: SyncProblemCodeSchema,
  userDn: z.string(),
  name: z.string(),
  email: z.string(),
  /** What else the message needs: the other account's email, the license kind. */
  detail: z.string(),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

export const SyncCountsSchema = z.strictObject({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  disabled: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  problems: z.number().int().nonnegative(),
  /** Users read from the source groups (nested ones included). */
  users: z.number().int().nonnegative(),
});
export type SyncCounts = z.infer<typeof SyncCountsSchema>;

export const SYNC_TRIGGERS = ['app', 'schedule', 'service'] as const;
export const SyncTriggerSchema = z.enum(SYNC_TRIGGERS);
export type SyncTrigger = z.infer<typeof SyncTriggerSchema>;

/** succeeded: everything applied; problems: applied, some users skipped (see the entries); failed: nothing changed. */
export const SYNC_OUTCOMES = ['succeeded', 'problems', 'failed'] as const;
export const SyncOutcomeSchema = z.enum(SYNC_OUTCOMES);
export type SyncOutcome = z.infer<typeof SyncOutcomeSchema>;

export const SyncRunSchema = z.strictObject({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  trigger: SyncTriggerSchema,
  /** Who: the administrator (app), or the workstation or host (schedule, service). */
  by: z.string(),
  dryRun: z.boolean(),
  outcome: SyncOutcomeSchema,
  counts: SyncCountsSchema,
  /** For a failed run: the error code (an ErrorCode: DIRECTORY_*), its English message, and the fields its translation takes. */
  failure: z.strictObject({ code: z.string(), detail: z.string(), fields: z.record(z.string(), z.string()) }).nullable(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

/**
 * At most this many changes, and as many problems, travel with a report to the screen: a first sync of thousands
 * would otherwise spend more time checking and copying its report than writing it (bench:directory-sync). The sync
 * log and its CSV export hold every one.
 */
export const REPORT_ROWS = 500;

/** A run as *Dry run* and *Sync now* return it: the run, what it did (or would do) and the problems, the first REPORT_ROWS of each. */
export const SyncReportSchema = z.strictObject({
  run: SyncRunSchema,
  changes: z.array(SyncChangeSchema).max(REPORT_ROWS),
  problems: z.array(SyncProblemSchema).max(REPORT_ROWS),
  /** How many more the run has than the report carries. */
  more: z.strictObject({ changes: z.number().int().nonnegative(), problems: z.number().int().nonnegative() }),
  /** When the directory's change mark had not moved since an earlier read: when that read was made (the run planned from it); else null. */
  directoryUnchangedSince: z.string().nullable(),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** One line of the sync log (Active Directory logging): a change made, or a problem. */
export const SyncLogEntrySchema = z.strictObject({
  runId: z.string(),
  at: z.string(),
  kind: z.enum(['change', 'problem', 'failure']),
  /** For change: a SyncAction; for problem: a SyncProblemCode; for failure: an ErrorCode. */
  code: z.string(),
  name: z.string(),
  email: z.string(),
  userDn: z.string(),
  detail: z.string(),
});
export type SyncLogEntry = z.infer<typeof SyncLogEntrySchema>;

/** A new service token, shown once (Generate and copy). */
export const NewServiceTokenSchema = z.strictObject({ token: z.string(), info: ServiceTokenInfoSchema });

/** Sync progress, to the window that started it. */
export const SyncProgressSchema = z.strictObject({
  stage: z.enum(['connecting', 'reading-users', 'reading-groups', 'planning', 'writing']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

/** A change entry's detail as the core writes it (electron/main/directory-sync/sync-report.ts); an unreadable one reads as empty. */
const ChangeDetailSchema = z.object({
  group: z.string().optional(),
  fields: z.record(z.string(), z.object({ from: z.union([z.string(), z.boolean(), z.null()]), to: z.union([z.string(), z.boolean(), z.null()]) })).optional(),
  reason: z.string().nullable().optional(),
  releasesMobileLicense: z.boolean().optional(),
});
export type ChangeDetail = z.infer<typeof ChangeDetailSchema>;

export function parseChangeDetail(text: string): ChangeDetail {
  try {
    const parsed = ChangeDetailSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

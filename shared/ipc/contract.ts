/**
 * The one IPC contract. Every channel the renderer can call, with its input and
 * output schema and the access it needs; every event main can push. The preload,
 * the development browser bridge, the main-process registrar and the renderer's
 * `AppApi` type are all derived from this object.
 */
import { ImportDraftSchema } from '../import/draft';
import { ResumeImportResultSchema, SnapshotSummarySchema } from '../import/snapshot';
import {
  ApplyCheckResultSchema,
  ExportFormatSchema,
  OpenPreviewResultSchema,
  PreviewSourceSchema,
  PsaChangesSchema,
  RecentPreviewSchema,
  SavedFileResultSchema,
} from '../preview/preview-api';
import { z } from 'zod';
import {
  AppInfoSchema,
  AuthStatusSchema,
  EmailSchema,
  LanguagePreferenceSchema,
  PasswordPolicySchema,
  PasswordSchema,
  PersonNameSchema,
  PreferencesSchema,
  SessionSchema,
  VaultStatusSchema,
} from './schemas';
import { ConnectionTestSchema, PsaConnectionStatusSchema, PsaCredentialsSchema, PsaStoredFieldsSchema } from '../psa/credentials';
import { CompanyCountResultSchema, FetchFinishedEventSchema, FetchProgressEventSchema, FilterAttributesResultSchema } from '../psa/fetch-events';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';
import { CompanyNameSchema, ManagedCompanySchema, ManagedUserSchema } from '../directory/schemas';
import { ImportPlanSchema, ImportResultsSchema } from '../import/plan';
import { ImportContactRowSchema, ReconciliationSchema } from '../import/session';
import { LockInfoSchema, LockStatusSchema, StartImportResultSchema } from '../import/lock';
import { TeamConnectionSchema, TeamPasswordSchema, TeamProbeSchema, WorkspaceStatusSchema } from '../workspace/connection';
import { CycleChangeRowSchema, ImportCycleDetailSchema, ImportCycleSchema } from '../import/history';
import {
  AccountIdSchema,
  AdministratorChangesSchema,
  AdministratorSchema,
  DescriptionSchema,
  GroupIdSchema,
  GroupNameSchema,
  LicenseSeatsInputSchema,
  NewAdministratorSchema,
  NewTechnicianSchema,
  OrgSettingsSchema,
  OrgTreeSchema,
  TechnicianChangesSchema,
  TechnicianDetailSchema,
  TechnicianLicensesSchema,
} from '../org/schemas';
import { RightsSchema } from '../org/rights';
import {
  TechnicianFileCheckRequestSchema,
  TechnicianFileCheckSchema,
  TechnicianImportProgressSchema,
  TechnicianImportRequestSchema,
  TechnicianImportSummarySchema,
} from '../org/technician-import';
import {
  DirectoryGroupListSchema,
  DirectorySyncSettingsSchema,
  DirectoryTestResultSchema,
  NewServiceTokenSchema,
  SaveDirectorySyncInputSchema,
  SyncLogEntrySchema,
  SyncProgressSchema,
  SyncReportSchema,
  SyncRunSchema,
  TestDirectoryInputSchema,
  DirectoryConnectionSchema,
  BindPasswordSchema,
} from '../directory-sync/schemas';

/**
 * Who may call a channel, as the edge sees it (the core checks again, finer: roles, group scopes and a
 * technician's rights, in access/access-control.ts). `public`: anyone in the app window; `authenticated`: anyone
 * signed in, even one who still has to change their password; `member`: anyone fully signed in, technicians
 * included (the core then asks for the right the call needs); `admin`: a fully signed-in Administrator or Master
 * Administrator; `master_admin`: Master Administrators only.
 */
export type Access = 'public' | 'authenticated' | 'member' | 'admin' | 'master_admin';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

const NoInput = z.undefined();
const LicensesSchema = z.strictObject({ seats: z.number().int().nonnegative(), inUse: z.number().int().nonnegative() });
const Id = z.string().min(1).max(100);
const NoOutput = z.null();
const MoveReportSchema = z.strictObject({
  tables: z.array(z.strictObject({ table: z.string(), rows: z.number().int().nonnegative() })),
  /** The local workspace as it was, kept beside it. */
  backupFile: z.string(),
});

export const contract = {
  app: {
    info: channel({ input: NoInput, output: AppInfoSchema, access: 'public' }),
  },
  /**
   * Which workspace this workstation opens: a workstation's own choice, like the server a mail client uses, so
   * choosing is open before sign-in; the data in each workspace is guarded by that workspace's own sign-in.
   * Moving the local workspace's data into a team workspace is for its Master Administrators only.
   */
  workspace: {
    status: channel({ input: NoInput, output: WorkspaceStatusSchema, access: 'public' }),
    /** *Test connection*: the form's password, or the one stored for this connection when null. */
    test: channel({ input: z.strictObject({ connection: TeamConnectionSchema, password: TeamPasswordSchema }), output: TeamProbeSchema, access: 'public' }),
    /** Opens an existing team workspace (remembered, password in the vault); every window then signs in there. */
    join: channel({ input: z.strictObject({ connection: TeamConnectionSchema, password: TeamPasswordSchema }), output: NoOutput, access: 'public' }),
    /** Sets up a team workspace on an empty database with its first Master Administrator, signed in, and opens it. */
    createTeam: channel({
      input: z.strictObject({
        connection: TeamConnectionSchema,
        password: TeamPasswordSchema,
        admin: z.strictObject({ name: PersonNameSchema, email: EmailSchema, password: PasswordSchema }),
      }),
      output: NoOutput,
      access: 'public',
    }),
    /** Copies this local workspace into an empty team database, verifies it, keeps the local file as a backup, and opens the team. */
    moveToTeam: channel({ input: z.strictObject({ connection: TeamConnectionSchema, password: TeamPasswordSchema }), output: MoveReportSchema, access: 'master_admin' }),
    /** Back to this workstation's own local workspace. */
    useLocal: channel({ input: NoInput, output: NoOutput, access: 'public' }),
    /** Forgets a remembered team workspace and its stored password (not the one open now). */
    forget: channel({ input: z.strictObject({ key: z.string().min(1).max(600) }), output: WorkspaceStatusSchema, access: 'public' }),
  },
  auth: {
    status: channel({ input: NoInput, output: AuthStatusSchema, access: 'public' }),
    passwordPolicy: channel({ input: NoInput, output: PasswordPolicySchema, access: 'public' }),
    createFirstAdmin: channel({
      input: z.strictObject({ name: PersonNameSchema, email: EmailSchema, password: PasswordSchema }),
      output: SessionSchema,
      access: 'public',
    }),
    signIn: channel({
      input: z.strictObject({ email: EmailSchema, password: PasswordSchema }),
      output: SessionSchema,
      access: 'public',
    }),
    signOut: channel({ input: NoInput, output: NoOutput, access: 'public' }),
    changePassword: channel({
      input: z.strictObject({ currentPassword: PasswordSchema, newPassword: PasswordSchema }),
      output: SessionSchema,
      access: 'authenticated',
    }),
  },
  settings: {
    getPreferences: channel({ input: NoInput, output: PreferencesSchema, access: 'public' }),
    setLanguage: channel({
      input: z.strictObject({ language: LanguagePreferenceSchema }),
      output: PreferencesSchema,
      access: 'public',
    }),
    /** The workspace's license pool: granting a user access takes a seat. */
    licenses: channel({ input: NoInput, output: LicensesSchema, access: 'member' }),
    /** Never below the seats in use nor below zero: the core refuses those with SEATS_BELOW_IN_USE / SEATS_NEGATIVE (hence no min here). */
    setLicenseSeats: channel({ input: z.strictObject({ seats: z.number().int().min(-1_000_000).max(1_000_000) }), output: LicensesSchema, access: 'master_admin' }),
  },
  vault: {
    status: channel({ input: NoInput, output: VaultStatusSchema, access: 'admin' }),
  },
  import: {
    /** The filter used last time for this integration, to preselect it. */
    lastFilter: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: PsaFilterSchema.nullable(), access: 'member' }),
    /** Takes the integration lock and starts the download; "locked" names who holds it. */
    start: channel({ input: z.strictObject({ psa: PsaKindSchema, filter: PsaFilterSchema }), output: StartImportResultSchema, access: 'member' }),
    reconciliation: channel({ input: z.strictObject({ sessionId: Id }), output: ReconciliationSchema, access: 'member' }),
    contacts: channel({
      input: z.strictObject({ sessionId: Id, psaCompanyId: Id, managedCompanyId: Id.nullable() }),
      output: z.array(ImportContactRowSchema),
      access: 'member',
    }),
    /** "Continue": applies the plan under the lock, then releases it; progress arrives as events. */
    apply: channel({ input: z.strictObject({ sessionId: Id, plan: ImportPlanSchema }), output: ImportResultsSchema, access: 'member' }),
    /**
     * "Retry the failed items" on the results page: applies again only what failed, under the lock the session
     * kept since its apply; the results come back with the new outcomes in place of the failed ones.
     * INTEGRATION_LOCKED (nothing written) when the lock was released or taken over meanwhile.
     */
    retryFailed: channel({ input: z.strictObject({ sessionId: Id }), output: ImportResultsSchema, access: 'member' }),
    /** Back out of the wizard (or done with its results): writes nothing and releases the lock. */
    cancel: channel({ input: z.strictObject({ sessionId: Id }), output: NoOutput, access: 'member' }),
    /** The caller's downloads kept in the workspace and not applied yet, newest first: imports to resume. */
    kept: channel({ input: NoInput, output: z.array(SnapshotSummarySchema), access: 'member' }),
    /** Resumes an import from a kept download: the lock as for a start, the decisions kept; "locked" names the holder. */
    resume: channel({ input: z.strictObject({ snapshotId: Id }), output: ResumeImportResultSchema, access: 'member' }),
    /** Keeps the decisions so far with the session's download (the wizard calls it as they change); false while it is not kept yet. */
    saveDraft: channel({ input: z.strictObject({ sessionId: Id, draft: ImportDraftSchema }), output: z.strictObject({ kept: z.boolean() }), access: 'member' }),
  },
  /**
   * Import preview files (`.msp-preview`): saved from a running import, reviewed offline (no PSA, no lock), applied
   * later with every drift listed first. Files are chosen in main (dialog, recent list, the OS's hand-off); a file is
   * refused with PREVIEW_FILE_REFUSED, `fields.problem` naming why (see shared/preview/preview-document.ts).
   */
  preview: {
    /** Previews saved or opened on this workstation, newest first (missing files are left out). */
    recent: channel({ input: NoInput, output: z.array(RecentPreviewSchema), access: 'member' }),
    /** Opens a preview for review; the caller needs the import right for its PSA. */
    open: channel({ input: z.strictObject({ from: PreviewSourceSchema }), output: OpenPreviewResultSchema, access: 'member' }),
    /** "Save preview" on the companies and users steps: the running import's download, reconciliation and decisions, to a file chosen in a dialog. */
    saveFromImport: channel({ input: z.strictObject({ sessionId: Id, draft: ImportDraftSchema }), output: SavedFileResultSchema, access: 'member' }),
    /** The reconciliation as it was saved (the statuses the technician reviewed). */
    reconciliation: channel({ input: z.strictObject({ reviewId: Id }), output: ReconciliationSchema, access: 'member' }),
    /** A company's contacts as they were saved, with their matches then. */
    contacts: channel({ input: z.strictObject({ reviewId: Id, psaCompanyId: Id }), output: z.array(ImportContactRowSchema), access: 'member' }),
    /** "Save": the review's decisions and notes written back to its file (atomically). */
    save: channel({ input: z.strictObject({ reviewId: Id, draft: ImportDraftSchema }), output: SavedFileResultSchema, access: 'member' }),
    /** Done with a review: main forgets it. */
    close: channel({ input: z.strictObject({ reviewId: Id }), output: NoOutput, access: 'member' }),
    /** "Apply to this workspace": the lock and a session on the preview's download, the drift listed; then import:apply / import:cancel. */
    checkApply: channel({ input: z.strictObject({ reviewId: Id, draft: ImportDraftSchema }), output: ApplyCheckResultSchema, access: 'member' }),
    /** The preview's tables (companies in / not in, users per company, decisions, the last drift listed) as CSV, or one printable HTML report. */
    export: channel({ input: z.strictObject({ reviewId: Id, draft: ImportDraftSchema, format: ExportFormatSchema }), output: SavedFileResultSchema, access: 'member' }),
    /** "Refresh from the PSA": downloads again with the preview's filter and says what changed since it was saved. Needs the PSA connected. */
    refresh: channel({ input: z.strictObject({ reviewId: Id }), output: PsaChangesSchema, access: 'member' }),
  },
  history: {
    /** Every import cycle, newest first. */
    list: channel({ input: NoInput, output: z.array(ImportCycleSchema), access: 'member' }),
    /** One cycle with its errors, as its results page showed them. */
    detail: channel({ input: z.strictObject({ id: Id }), output: ImportCycleDetailSchema, access: 'member' }),
    /** What the cycle created, mapped, renamed and granted (the CSV export). */
    changes: channel({ input: z.strictObject({ id: Id }), output: z.array(CycleChangeRowSchema), access: 'member' }),
    /** Reverses the workspace's last import cycle in one transaction, under the PSA's lock; refuses with the reason when something depends on it. */
    undo: channel({ input: z.strictObject({ id: Id }), output: ImportCycleSchema, access: 'member' }),
  },
  locks: {
    holder: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: LockInfoSchema.nullable(), access: 'member' }),
    /** Who holds the lock, told apart from the caller's own window and the caller in another window; null when free. */
    status: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: LockStatusSchema.nullable(), access: 'member' }),
    /** For a lock someone left behind; recorded in the audit log. */
    forceRelease: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: LockInfoSchema.nullable(), access: 'master_admin' }),
  },
  directory: {
    /** Every managed company, with its users and PSA mappings counted. */
    listCompanies: channel({ input: NoInput, output: z.array(ManagedCompanySchema), access: 'member' }),
    createCompany: channel({ input: z.strictObject({ name: CompanyNameSchema }), output: ManagedCompanySchema, access: 'member' }),
    /** A company's users, to map a PSA contact to one of them. */
    users: channel({ input: z.strictObject({ managedCompanyId: Id }), output: z.array(ManagedUserSchema), access: 'member' }),
    /** Outside the import wizard, as the seed says: removes the company, its users and its mappings. */
    removeCompany: channel({ input: z.strictObject({ id: z.string().max(100) }), output: NoOutput, access: 'master_admin' }),
  },
  /** The Rescue seed's organisation: technician groups, technicians, administrators, licenses, Global settings. */
  org: {
    /** The groups and technicians the caller may see, each group saying whether the caller may manage it. */
    tree: channel({ input: NoInput, output: OrgTreeSchema, access: 'admin' }),
    createGroup: channel({ input: z.strictObject({ name: GroupNameSchema, parentId: GroupIdSchema.nullable() }), output: z.strictObject({ id: GroupIdSchema }), access: 'admin' }),
    /** Rename, describe, and set the access rights the group's technicians inherit. */
    updateGroup: channel({ input: z.strictObject({ id: GroupIdSchema, name: GroupNameSchema, description: DescriptionSchema, rights: RightsSchema }), output: NoOutput, access: 'admin' }),
    /** Nest under another group, or at the top (null, Master Administrators). */
    moveGroup: channel({ input: z.strictObject({ id: GroupIdSchema, parentId: GroupIdSchema.nullable() }), output: NoOutput, access: 'admin' }),
    /** Only an empty group. */
    deleteGroup: channel({ input: z.strictObject({ id: GroupIdSchema }), output: NoOutput, access: 'admin' }),
    technician: channel({ input: z.strictObject({ id: AccountIdSchema }), output: TechnicianDetailSchema, access: 'admin' }),
    createTechnician: channel({ input: NewTechnicianSchema, output: z.strictObject({ id: z.string() }), access: 'admin' }),
    updateTechnician: channel({ input: TechnicianChangesSchema, output: TechnicianDetailSchema, access: 'admin' }),
    moveTechnician: channel({ input: z.strictObject({ id: AccountIdSchema, groupId: GroupIdSchema }), output: NoOutput, access: 'admin' }),
    licenses: channel({ input: NoInput, output: TechnicianLicensesSchema, access: 'admin' }),
    /** Never below the licenses assigned now (SEATS_BELOW_IN_USE, field `kind`). */
    setLicenseSeats: channel({ input: LicenseSeatsInputSchema, output: TechnicianLicensesSchema, access: 'master_admin' }),
    settings: channel({ input: NoInput, output: z.strictObject({ passwordPolicy: PasswordPolicySchema, org: OrgSettingsSchema }), access: 'admin' }),
    setSettings: channel({
      input: z.strictObject({ passwordPolicy: PasswordPolicySchema, org: OrgSettingsSchema }),
      output: z.strictObject({ passwordPolicy: PasswordPolicySchema, org: OrgSettingsSchema }),
      access: 'master_admin',
    }),
    administrators: channel({ input: NoInput, output: z.array(AdministratorSchema), access: 'master_admin' }),
    createAdministrator: channel({ input: NewAdministratorSchema, output: z.strictObject({ id: z.string() }), access: 'master_admin' }),
    /** Assign groups, promote or demote, enable or disable; the last enabled Master Administrator stays (LAST_MASTER_ADMIN). */
    updateAdministrator: channel({ input: AdministratorChangesSchema, output: z.array(AdministratorSchema), access: 'master_admin' }),
    /**
     * Import Technicians (Technici importeren), *Upload file*: the file's bytes as the technician picked them, read
     * and checked in main (never in the renderer), its passwords scored against the policy and hashed, so *Start
     * import* only writes. A whole-file problem refuses it (TECH_IMPORT_FILE_REFUSED, fields `problem` and `line`).
     */
    checkTechnicianFile: channel({ input: TechnicianFileCheckRequestSchema, output: TechnicianFileCheckSchema, access: 'master_admin' }),
    /**
     * *Start import*: the checked file (TECH_IMPORT_CHECK_MISSING when it is not this window's latest) into the target
     * group. Every row is checked again against the workspace, and written in one transaction; every row has its
     * outcome in the summary.
     */
    importTechnicians: channel({ input: TechnicianImportRequestSchema, output: TechnicianImportSummarySchema, access: 'master_admin' }),
    /** Cancel: the caller's running check or import stops before it writes (TECH_IMPORT_CANCELLED); once writing, it finishes. */
    cancelTechnicianImport: channel({ input: NoInput, output: z.strictObject({ cancelled: z.boolean() }), access: 'master_admin' }),
  },
  /**
   * Settings → Directory sync (Master Administrators): the LDAP connection (bind password in this workstation's
   * vault), source directory group → technician group pairs, the default password, the service token, dry runs,
   * syncs and their log. A sync failure (DIRECTORY_*) changes nothing and is kept in the log as well.
   */
  directorySync: {
    settings: channel({ input: NoInput, output: DirectorySyncSettingsSchema, access: 'master_admin' }),
    /** Saves the connection, pairs, schedule and licenses for new technicians (and the bind password in this workstation's vault). */
    save: channel({ input: SaveDirectorySyncInputSchema, output: DirectorySyncSettingsSchema, access: 'master_admin' }),
    /** The default password for new technicians (checked against the password policy; only its hash is kept). */
    setDefaultPassword: channel({ input: z.strictObject({ password: PasswordSchema }), output: DirectorySyncSettingsSchema, access: 'master_admin' }),
    /** *Test connection* with the form's values (bind password null: the saved one). */
    test: channel({ input: TestDirectoryInputSchema, output: DirectoryTestResultSchema, access: 'master_admin' }),
    /** Groups under the base DN whose name contains `search` (the source list), read with the form's connection. */
    groups: channel({
      input: z.strictObject({ connection: DirectoryConnectionSchema, bindPassword: BindPasswordSchema, search: z.string().max(200) }),
      output: DirectoryGroupListSchema,
      access: 'master_admin',
    }),
    /** What a sync would create, update and disable, without writing (kept in the log as a dry run). */
    dryRun: channel({ input: NoInput, output: SyncReportSchema, access: 'master_admin' }),
    /** *Sync now*, under the workspace's directory-sync lock (DIRECTORY_SYNC_RUNNING while another runs). */
    syncNow: channel({ input: NoInput, output: SyncReportSchema, access: 'master_admin' }),
    /** Stops the caller's running dry run or sync before it writes (DIRECTORY_SYNC_CANCELLED); once writing, it finishes. */
    cancel: channel({ input: NoInput, output: z.strictObject({ cancelled: z.boolean() }), access: 'master_admin' }),
    /** The sync log's runs, newest first (the last 500). */
    runs: channel({ input: NoInput, output: z.array(SyncRunSchema), access: 'master_admin' }),
    /** One run's entries: every change made (or, for a dry run, that would be) and every problem. */
    entries: channel({ input: z.strictObject({ runId: Id }), output: z.array(SyncLogEntrySchema), access: 'master_admin' }),
    /** One run's entries as CSV (a dry run's: what a sync would do), or with runId null every run, to a file chosen in a dialog. */
    exportLog: channel({ input: z.strictObject({ runId: Id.nullable() }), output: SavedFileResultSchema, access: 'master_admin' }),
    /** *Generate and copy*: a new service token (the old one stops working), shown once. */
    generateToken: channel({ input: NoInput, output: NewServiceTokenSchema, access: 'master_admin' }),
    revokeToken: channel({ input: NoInput, output: DirectorySyncSettingsSchema, access: 'master_admin' }),
  },
  psa: {
    /** What the renderer may know about each PSA connection (never a secret). */
    connections: channel({ input: NoInput, output: z.array(PsaConnectionStatusSchema), access: 'member' }),
    /** "Change credentials": the stored non-secret fields (user name, site, company id, custom URL); never a secret. */
    storedFields: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: PsaStoredFieldsSchema.nullable(), access: 'master_admin' }),
    /** Tests the form's credentials, or the stored ones when `credentials` is null. Blank secrets keep the stored ones. */
    test: channel({ input: z.strictObject({ psa: PsaKindSchema, credentials: PsaCredentialsSchema.nullable() }), output: ConnectionTestSchema, access: 'member' }),
    /** Tests, then stores working credentials in the vault. */
    connect: channel({
      input: z.strictObject({ credentials: PsaCredentialsSchema }),
      output: z.strictObject({ test: ConnectionTestSchema, status: PsaConnectionStatusSchema }),
      access: 'master_admin',
    }),
    disconnect: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: PsaConnectionStatusSchema, access: 'master_admin' }),
    filterAttributes: channel({ input: z.strictObject({ psa: PsaKindSchema }), output: FilterAttributesResultSchema, access: 'member' }),
    /** How many companies a filter matches, before downloading; a newer count from the window cancels this one. */
    countCompanies: channel({ input: z.strictObject({ psa: PsaKindSchema, filter: PsaFilterSchema }), output: CompanyCountResultSchema, access: 'member' }),
    // No fetch channel of its own: a fetch runs only inside an import session (`import:start`), under the integration lock.
  },
} as const;

/** Events main pushes to a window. */
export const events = {
  /** The window's session changed (signed in, out, or password changed). */
  sessionChanged: AuthStatusSchema,
  fetchProgress: FetchProgressEventSchema,
  fetchFinished: FetchFinishedEventSchema,
  importProgress: z.strictObject({ sessionId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** An integration lock was taken or released: every window asks `locks:status` again. */
  lockChanged: z.strictObject({ psa: PsaKindSchema }),
  /**
   * The directory changed (companies, users, mappings, import history), here or on another workstation of a team
   * workspace: open lists ask again. Bursts (an import's batches) arrive as one event per quarter second at most.
   */
  directoryChanged: z.strictObject({}),
  /** The organisation changed (groups, technicians, administrators, their settings), here or on another workstation: the tree asks again. */
  orgChanged: z.strictObject({}),
  /** To the importing window only: how far Import technicians is (stages and rows). */
  technicianImportProgress: TechnicianImportProgressSchema,
  /** To the window running a dry run or sync: how far it is. */
  directorySyncProgress: SyncProgressSchema,
  /** A directory sync ran or its settings changed, here or elsewhere on the workspace: Settings → Directory sync asks again. */
  directorySyncChanged: z.strictObject({}),
  /** To the holder's window only: a Master Administrator released its lock; its wizard's choices were not applied. */
  lockReleased: z.strictObject({ psa: PsaKindSchema, byName: z.string(), byYou: z.boolean() }),
  /** This workstation opened another workspace: every window starts again from sign-in (or signed in, after creating or moving). */
  workspaceChanged: z.strictObject({
    kind: z.enum(['local', 'team']),
    /** After a move: what was copied and checked, and where the local workspace's backup is. */
    moved: z.strictObject({ rows: z.number().int().nonnegative(), tables: z.number().int().nonnegative(), backupFile: z.string() }).nullable(),
  }),
  /** The app was opened with a preview file (a double-click, a second launch): it is in the recent list; the window opens it with preview:open. */
  previewOpenRequested: z.strictObject({ path: z.string().min(1).max(4096) }),
  /** Main caught a failure nobody handled and kept running; details are only in the log. */
  backgroundError: z.strictObject({ kind: z.enum(['unhandled-rejection', 'uncaught-exception']), count: z.number().int().positive() }),
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** All channel names are `domain:method`, the only place channel strings are made. */
export function channelName(domain: string, method: string): string {
  return `${domain}:${method}`;
}

/** Event channels live in their own namespace so they can never collide with calls. */
export function eventChannelName(event: string): string {
  return `event:${event}`;
}

export interface ChannelEntry {
  readonly name: string;
  readonly domain: string;
  readonly method: string;
  readonly def: ChannelDef;
}

/** Every channel of the contract, in declaration order. */
export function listChannels(): ChannelEntry[] {
  const entries: ChannelEntry[] = [];
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [method, def] of Object.entries(methods as Record<string, ChannelDef>)) {
      entries.push({ name: channelName(domain, method), domain, method, def });
    }
  }
  return entries;
}

export function listEventNames(): EventName[] {
  return Object.keys(events) as EventName[];
}

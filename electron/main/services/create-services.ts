/**
 * The domain services of main, with no transport: no windows, no IPC, no HTTP
 * server. Every edge — the Electron IPC edge, the development bridge, the CLI —
 * builds these once and maps its callers onto them (see base/caller.ts).
 */
import { AccessControl } from '../access/access-control';
import { createOperations, type Operations } from '../access/operations';
import { AuthService } from '../auth/auth-service';
import { SessionStore } from '../auth/session-store';
import type { ScryptCost } from '../auth/password-hash';
import type { Caller } from '../base/caller';
import { systemClock, type Clock } from '../base/clock';
import { EventHub } from '../base/event-hub';
import type { Workspace } from '../db/workspace';
import { DirectoryService } from '../directory/directory-service';
import { LicensePool } from '../directory/licenses';
import { ImportHistory } from '../import/import-history';
import { ImportSnapshots } from '../import/import-snapshots';
import { ImportSessions } from '../import/import-sessions';
import { FetchJobs } from '../jobs/fetch-jobs';
import { DEFAULT_LEASE_MS, IntegrationLocks } from '../locks/integration-locks';
import type { Logger, Redactor } from '../logging/logger';
import { PreferencesStore, type KeyValueStore } from '../preferences/preferences-store';
import { CompanyCounts } from '../psa/company-counts';
import { createConnectorFactory } from '../psa/connector-factory';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import { PsaConnections } from '../psa/psa-connections';
import { PsaKindSchema, PSA_KINDS } from '../../../shared/psa/kinds';
import type { SecretCipher } from '../vault/cipher';
import { SecretVault } from '../vault/secret-vault';
import { IntegrationIdentities } from '../workspaces/integration-identity';
import { AdministratorsService } from '../org/administrators-service';
import { OrgService } from '../org/org-service';
import { TechnicianImportService } from '../org/technician-import-service';
import type { FileDialogs } from '../preview/file-dialogs';
import { PreviewRecents } from '../preview/preview-recents';
import { PreviewReviews } from '../preview/preview-reviews';
import { ScriptedFileDialogs } from '../preview/scripted-file-dialogs';
import type { PsaKind } from '../../../shared/psa/kinds';
import { DirectorySyncService } from '../directory-sync/directory-sync-service';
import { openDirectory as openLdapDirectory } from '../directory-sync/ldap/ldap-directory';
import { SyncRunner, type OpenDirectory } from '../directory-sync/sync-runner';
import { SyncSchedule } from '../directory-sync/sync-schedule';

export interface ServicesOptions {
  readonly workspace: Workspace;
  /** Encrypts the vault's secrets: the OS keychain in the app, an ephemeral key elsewhere. */
  readonly cipher: SecretCipher;
  /** Non-secret per-machine settings: electron-store in the app, conf elsewhere. */
  readonly settings: KeyValueStore;
  readonly log: Logger;
  /** The log's redactor: the vault teaches it every secret it holds, so no log line carries one. */
  readonly redactor: Redactor;
  /** This workstation's own folder (the vault file lives there, never in a shared workspace). */
  readonly dataDir: string;
  readonly clock?: Clock;
  /** How long an integration lock lasts without a heartbeat (tests shorten it). */
  readonly lockLeaseMs?: number;
  /** Retry and timeout tuning for PSA requests (tests shorten the backoff). */
  readonly psaHttp?: PsaHttpOptions;
  readonly signInFailureDelayMs?: number;
  /** What new password hashes cost (tests lower it; the app keeps the production cost). */
  readonly passwordHashCost?: ScryptCost;
  /** A host that switches workspaces keeps one event hub and one vault across them (windows stay subscribed; secrets stay put). */
  readonly events?: EventHub;
  readonly vault?: SecretVault;
  /** Where preview files are chosen: the native dialogs in the app; scripted ones (in `<dataDir>/previews`) elsewhere. */
  readonly dialogs?: FileDialogs;
  /** Whether this process runs the workspace's directory sync schedule (the app does; the CLI runs its own loop). */
  readonly scheduleDirectorySync?: boolean;
  /** How LDAP directories are reached (tests shorten the timeout through it). */
  readonly openDirectory?: OpenDirectory;
}

export interface Services {
  readonly workspace: Workspace;
  readonly log: Logger;
  readonly events: EventHub;
  readonly sessions: SessionStore;
  readonly auth: AuthService;
  readonly vault: SecretVault;
  readonly psa: PsaConnections;
  readonly counts: CompanyCounts;
  readonly fetchJobs: FetchJobs;
  readonly locks: IntegrationLocks;
  readonly imports: ImportSessions;
  /** Downloads kept in the workspace, with their draft plans. */
  readonly snapshots: ImportSnapshots;
  readonly history: ImportHistory;
  readonly directory: DirectoryService;
  readonly licenses: LicensePool;
  readonly preferences: PreferencesStore;
  /** Who the caller is and what they may do, read afresh on every call. */
  readonly access: AccessControl;
  /** What the edges call: every import, directory, history, lock and settings operation, the caller checked first. */
  readonly operations: Operations;
  readonly org: OrgService;
  readonly administrators: AdministratorsService;
  readonly technicianImport: TechnicianImportService;
  /** Import previews under review, saved, applied later, exported (each call checks its caller). */
  readonly previews: PreviewReviews;
  /** Settings → Directory sync: the connection, pairs, token, dry runs, syncs and their log. */
  readonly directorySync: DirectorySyncService;
  /** One directory sync run, for the headless service. */
  readonly syncRunner: SyncRunner;
  /** A caller's work ends (sign-out, a window closed, a CLI run done): its wizards and downloads end and their locks are released. */
  endWork(caller: Caller): Promise<void>;
  /** Quit: every wizard ends and its lock is released; the workspace stays open (its opener closes it). */
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const { workspace, log } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const leaseMs = options.lockLeaseMs ?? DEFAULT_LEASE_MS;
  const events = options.events ?? new EventHub();
  const sessions = new SessionStore();
  const vault = options.vault ?? new SecretVault(options.dataDir, options.cipher, options.redactor, log);
  const auth = new AuthService({ workspace, sessions, events, log, failureDelayMs: options.signInFailureDelayMs ?? 800, now, ...(options.passwordHashCost ? { passwordHashCost: options.passwordHashCost } : {}) });
  const access = new AccessControl(workspace, sessions);
  const org = new OrgService({ workspace, access, auth, clock });
  const identities = new IntegrationIdentities(workspace);
  const psa = new PsaConnections({ vault, store: options.settings, connectors: createConnectorFactory(options.psaHttp), log, now, checkTenant: (kind, identity) => identities.check(kind, identity) });
  const fetchJobs = new FetchJobs(psa, events, log);
  const locks = new IntegrationLocks(workspace, leaseMs, () => clock.now().getTime());
  // An import reaches the PSA only through credentials of the workspace's own tenant (stored before a team was joined, say).
  const checkTenant = async (kind: PsaKind) => {
    let identity: string | null;
    try {
      identity = await (await psa.connector(kind)).identity();
    } catch {
      return; // No credentials, or the PSA does not answer: the download reports that, with its own message.
    }
    await identities.check(kind, identity);
  };
  const snapshots = new ImportSnapshots({ workspace, clock });
  /** What a kept download and a saved preview record of the integration: never a secret. */
  const integrationOf = async (kind: PsaKind) => {
    const [status, tenant] = await Promise.all([psa.status(kind), identities.recorded(kind)]);
    return { accountHint: status.accountHint, apiBaseUrl: status.apiBaseUrl, tenant };
  };
  const imports = new ImportSessions({
    workspace,
    snapshots,
    integrationOf,
    locks,
    jobs: fetchJobs,
    log,
    leaseMs,
    connector: (kind) => psa.connector(kind),
    checkTenant,
    authorize: async (caller, kind) => {
      await access.importer(caller, kind);
    },
  });
  // Every session shows who holds a lock (PSA page, the wizard's start): told when one is taken or released here.
  locks.onChange((kind) => events.emit(null, 'lockChanged', { psa: kind }));
  const directoryChanged = coalesced(DIRECTORY_EVENT_EVERY_MS, () => events.emit(null, 'directoryChanged', {}));
  const orgChanged = coalesced(DIRECTORY_EVENT_EVERY_MS, () => events.emit(null, 'orgChanged', {}));
  // …and when another workstation (or process) on the workspace commits: locks it took or released, directory changes
  // from anywhere (this process's too, so every window's lists follow).
  const stopListening = workspace.onChange((change) => {
    if (change.topic === 'directory') directoryChanged.poke();
    else if (change.topic === 'org') orgChanged.poke();
    else if (!change.own) {
      const one = PsaKindSchema.safeParse(change.subject);
      for (const kind of one.success ? [one.data] : PSA_KINDS) events.emit(null, 'lockChanged', { psa: kind });
    }
  });

  const technicianImport = new TechnicianImportService({ access, org, events, clock });
  const counts = new CompanyCounts((kind) => psa.connector(kind));
  const history = new ImportHistory({ workspace, locks }, now);
  const directory = new DirectoryService(workspace, now);
  const licenses = new LicensePool(workspace);
  const preferences = new PreferencesStore(options.settings);
  const dialogs = options.dialogs ?? new ScriptedFileDialogs(options.dataDir);
  const previews = new PreviewReviews({
    workspace,
    access,
    imports,
    psa,
    licenses,
    recents: new PreviewRecents(options.settings, now),
    dialogs,
    preferences,
    clock,
    log,
    tenants: identities,
    integrationOf,
  });

  const openDirectory = options.openDirectory ?? openLdapDirectory;
  const syncRunner = new SyncRunner({ workspace, clock, log, redactor: options.redactor, openDirectory });
  const schedule = options.scheduleDirectorySync ? new SyncSchedule({ workspace, vault, runner: syncRunner, log, clock }) : null;
  const directorySync = new DirectorySyncService({
    workspace,
    access,
    auth,
    vault,
    events,
    clock,
    runner: syncRunner,
    openDirectory,
    dialogs,
    preferences,
    nextScheduledRun: () => schedule?.nextRunAt() ?? null,
  });
  // Settings → Directory sync follows runs and changes made anywhere on the workspace.
  const stopSyncEvents = workspace.onChange((change) => {
    if (change.topic === 'directory-sync') events.emit(null, 'directorySyncChanged', {});
  });

  return {
    workspace,
    log,
    events,
    sessions,
    auth,
    vault,
    psa,
    counts,
    fetchJobs,
    locks,
    imports,
    snapshots,
    history,
    directory,
    licenses,
    operations: createOperations({ access, events, directory, history, imports, snapshots, locks, psa, counts, licenses, vault, previews }),
    preferences,
    access,
    org,
    administrators: new AdministratorsService(access, auth, org, now),
    technicianImport,
    previews,
    directorySync,
    syncRunner,
    endWork: async (caller) => {
      technicianImport.endSession(caller);
      previews.endSession(caller);
      try {
        await imports.endSession(caller);
      } finally {
        await fetchJobs.endSession(caller);
      }
    },
    close: async () => {
      stopListening();
      stopSyncEvents();
      await schedule?.stop();
      directoryChanged.cancel();
      orgChanged.cancel();
      previews.closeAll();
      await imports.closeAll();
    },
  };
}

/** At most one directoryChanged per this long: an import commits a batch at a time, lists refetch once per burst. */
const DIRECTORY_EVENT_EVERY_MS = 250;

/** Runs `fire` once, `everyMs` after the first poke of a burst; pokes meanwhile join that one. */
function coalesced(everyMs: number, fire: () => void): { poke(): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    poke: () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        fire();
      }, everyMs);
      timer.unref();
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

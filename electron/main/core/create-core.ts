/**
 * The composition root of the main-process core: everything main does, with
 * no dependency on Electron. The Electron entry and the development bridge (and
 * so the e2e harness) build the same core and differ only in transport, cipher
 * and preferences backend.
 */
import { join } from 'node:path';
import type { IpcResult } from '../../../shared/ipc/result';
import type { AppInfo } from '../../../shared/ipc/schemas';
import { AuthService } from '../auth/auth-service';
import { SessionStore } from '../auth/session-store';
import { SqliteWorkspace } from '../db/sqlite-workspace';
import type { Workspace } from '../db/workspace';
import { appHandlers } from '../ipc/handlers/app';
import { authHandlers } from '../ipc/handlers/auth';
import { settingsHandlers } from '../ipc/handlers/settings';
import { vaultHandlers } from '../ipc/handlers/vault';
import { Registrar } from '../ipc/registrar';
import { createFileLogger, Redactor, type Logger } from '../logging/logger';
import { PreferencesStore, type KeyValueStore } from '../preferences/preferences-store';
import { FetchJobs } from '../jobs/fetch-jobs';
import { psaHandlers } from '../ipc/handlers/psa';
import { directoryHandlers } from '../ipc/handlers/directory';
import { historyHandlers, importHandlers, lockHandlers } from '../ipc/handlers/import';
import { ImportHistory } from '../import/import-history';
import { ImportSessions } from '../import/import-sessions';
import { DEFAULT_LEASE_MS, IntegrationLocks } from '../locks/integration-locks';
import { DirectoryService } from '../directory/directory-service';
import { createConnectorFactory } from '../psa/connector-factory';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import { CompanyCounts } from '../psa/company-counts';
import { PsaConnections } from '../psa/psa-connections';
import type { SecretCipher } from '../vault/cipher';
import { SecretVault } from '../vault/secret-vault';
import { EventHub } from './event-hub';

export interface CoreOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly appVersion: string;
  readonly cipher: SecretCipher;
  /** Non-secret per-machine settings: electron-store in the app, conf elsewhere. */
  readonly settings: KeyValueStore;
  /** How long an integration lock lasts without a heartbeat (tests shorten it). */
  readonly lockLeaseMs?: number;
  /** Retry and timeout tuning for PSA requests (tests shorten the backoff). */
  readonly psaHttp?: PsaHttpOptions;
  /** Origins whose top frame may call the core (`app://bundle`, or the bridge's loopback origin). */
  readonly allowedOrigins: readonly string[];
  readonly nativeBinding?: string;
  readonly signInFailureDelayMs?: number;
  readonly echoLog?: boolean;
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
}

export interface Core {
  readonly registrar: Registrar;
  readonly events: EventHub;
  readonly sessions: SessionStore;
  readonly auth: AuthService;
  readonly vault: SecretVault;
  readonly psa: PsaConnections;
  readonly fetchJobs: FetchJobs;
  readonly locks: IntegrationLocks;
  readonly imports: ImportSessions;
  readonly workspace: Workspace;
  readonly log: Logger;
  /** A window closed: its session ends. */
  forgetWindow(windowId: string): void;
  close(): Promise<void>;
}

export const WORKSPACE_FILE = 'workspace.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  const redactor = new Redactor();
  const log = createFileLogger({ dataDir: options.dataDir, redactor, echo: options.echoLog ?? false });
  const { workspace, migrations } = await SqliteWorkspace.open({
    file: join(options.dataDir, WORKSPACE_FILE),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  log.info('Workspace opened', { kind: workspace.kind, migrationsApplied: migrations.applied, schema: migrations.current });

  const events = new EventHub();
  const sessions = new SessionStore();
  const vault = new SecretVault(options.dataDir, options.cipher, redactor, log);
  const auth = new AuthService({ workspace, sessions, events, log, failureDelayMs: options.signInFailureDelayMs ?? 800 });
  const psa = new PsaConnections({ vault, store: options.settings, connectors: createConnectorFactory(options.psaHttp), log });
  const fetchJobs = new FetchJobs(psa, events, log);
  const locks = new IntegrationLocks(workspace, options.lockLeaseMs ?? DEFAULT_LEASE_MS);
  const imports = new ImportSessions({ workspace, locks, jobs: fetchJobs, log, leaseMs: options.lockLeaseMs ?? DEFAULT_LEASE_MS, connector: (kind) => psa.connector(kind) });
  // Every window shows who holds a lock (PSA page, the wizard's start): told when one is taken or released here.
  locks.onChange((psa) => events.emit(null, 'lockChanged', { psa }));
  const info: AppInfo = { name: 'MSP Roster', version: options.appVersion, host: options.host, dataDir: options.dataDir, workspaceKind: workspace.kind };

  const registrar = new Registrar({
    handlers: {
      app: appHandlers(info),
      auth: authHandlers(auth, (windowId) => imports.forgetWindow(windowId)),
      settings: settingsHandlers(new PreferencesStore(options.settings), workspace),
      vault: vaultHandlers(vault),
      psa: psaHandlers(psa, new CompanyCounts((kind) => psa.connector(kind))),
      directory: directoryHandlers(new DirectoryService(workspace)),
      import: importHandlers(imports, events),
      history: historyHandlers(new ImportHistory({ workspace, locks })),
      locks: lockHandlers(locks, imports, events),
    },
    allowedOrigins: options.allowedOrigins,
    sessions,
    log,
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });

  return {
    registrar,
    events,
    sessions,
    auth,
    vault,
    psa,
    fetchJobs,
    locks,
    imports,
    workspace,
    log,
    forgetWindow: (windowId) => {
      sessions.clear(windowId);
      // Nobody awaits this (a window closing): a failure to release is logged, never left unhandled.
      imports
        .forgetWindow(windowId)
        .finally(() => fetchJobs.forgetWindow(windowId))
        .catch((error: unknown) => log.warn('Ending the wizards of a closed window failed', { error }));
    },
    close: async () => {
      // Quit: every wizard ends and its lock is released before the workspace closes.
      await imports.closeAll();
      await workspace.close();
      log.info('Core closed');
    },
  };
}

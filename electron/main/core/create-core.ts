/**
 * The composition root of a windowed host (the Electron app, and the
 * development bridge the e2e harness drives): this workstation's log, the
 * workspace host (local or team workspace, switchable while the app runs),
 * and the IPC edge in front. The hosts differ only in transport, cipher and
 * preferences backend. Headless callers (the CLI) build the services without
 * this edge (see cli/).
 */
import { hostname } from 'node:os';
import type { IpcResult } from '../../../shared/ipc/result';
import type { AppInfo } from '../../../shared/ipc/schemas';
import type { ScryptCost } from '../auth/password-hash';
import type { WorkspaceTarget } from '../db/open-workspace';
import type { IpcEdge } from '../ipc/ipc-edge';
import { createFileLogger, Redactor } from '../logging/logger';
import type { KeyValueStore } from '../preferences/preferences-store';
import type { FileDialogs } from '../preview/file-dialogs';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import type { Services } from '../services/create-services';
import type { SecretCipher } from '../vault/cipher';
import { WorkspaceHost } from './workspace-host';

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
  /** What new password hashes cost: tests lower it; absent, the production cost. */
  readonly passwordHashCost?: ScryptCost;
  readonly echoLog?: boolean;
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
  /** Names this workstation to a team workspace's server; the machine's host name when absent. */
  readonly workstation?: string;
  /**
   * The workspace to start on instead of the one chosen last: a team database (tests of several workstations,
   * and the domain suites run on PostgreSQL), or another file for the local workspace.
   */
  readonly workspace?: WorkspaceTarget;
  /** Where preview files are chosen: the native dialogs in the app; absent, scripted ones (`<dataDir>/previews`). */
  readonly dialogs?: FileDialogs;
}

/**
 * The services of the workspace open now, with the IPC edge in front: what a windowed host holds. Every
 * property reads the current workspace's services, so a switch is seen at once by whoever holds the core.
 */
export interface Core extends Services, IpcEdge {
  readonly workspaces: WorkspaceHost;
  /**
   * The OS opened the app with a preview file (a double-click, a second launch): the window `windowId` may open it
   * (preview:open of kind 'recent') and is told so (previewOpenRequested).
   */
  handOffPreview(path: string, windowId: string): void;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const redactor = new Redactor();
  const log = createFileLogger({ dataDir: options.dataDir, redactor, echo: options.echoLog ?? false });
  const host = await WorkspaceHost.start({
    dataDir: options.dataDir,
    cipher: options.cipher,
    settings: options.settings,
    log,
    redactor,
    info: { name: 'MSP Roster', version: options.appVersion, host: options.host, dataDir: options.dataDir },
    allowedOrigins: options.allowedOrigins,
    workstation: options.workstation ?? hostname(),
    ...(options.workspace ? { initial: options.workspace } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.lockLeaseMs !== undefined ? { lockLeaseMs: options.lockLeaseMs } : {}),
    ...(options.psaHttp ? { psaHttp: options.psaHttp } : {}),
    ...(options.signInFailureDelayMs !== undefined ? { signInFailureDelayMs: options.signInFailureDelayMs } : {}),
    ...(options.passwordHashCost ? { passwordHashCost: options.passwordHashCost } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  const services = () => host.current.services;
  const edge = () => host.current.edge;

  return {
    workspaces: host,
    get workspace() {
      return services().workspace;
    },
    log,
    events: host.events,
    get sessions() {
      return services().sessions;
    },
    get auth() {
      return services().auth;
    },
    vault: host.vault,
    get psa() {
      return services().psa;
    },
    get counts() {
      return services().counts;
    },
    get fetchJobs() {
      return services().fetchJobs;
    },
    get locks() {
      return services().locks;
    },
    get imports() {
      return services().imports;
    },
    get snapshots() {
      return services().snapshots;
    },
    get history() {
      return services().history;
    },
    get directory() {
      return services().directory;
    },
    get licenses() {
      return services().licenses;
    },
    get preferences() {
      return services().preferences;
    },
    get access() {
      return services().access;
    },
    get operations() {
      return services().operations;
    },
    get org() {
      return services().org;
    },
    get administrators() {
      return services().administrators;
    },
    get technicianImport() {
      return services().technicianImport;
    },
    get previews() {
      return services().previews;
    },
    get directorySync() {
      return services().directorySync;
    },
    get syncRunner() {
      return services().syncRunner;
    },
    handOffPreview: (path, windowId) => {
      services().previews.handOff(path);
      host.events.emit(edge().callerOf(windowId).sessionKey, 'previewOpenRequested', { path });
    },
    endWork: (caller) => services().endWork(caller),
    registrar: {
      channels: () => edge().registrar.channels(),
      invoke: (channel, payload, sender) => edge().registrar.invoke(channel, payload, sender),
    },
    callerOf: (windowId) => edge().callerOf(windowId),
    // The windows listen to the host's one event hub, whichever workspace is open.
    subscribeWindows: (listener) => edge().subscribeWindows(listener),
    forgetWindow: (windowId) => edge().forgetWindow(windowId),
    close: async () => {
      // Quit: every wizard ends and its lock is released before the workspace closes.
      await host.close();
      log.info('Core closed');
    },
  };
}

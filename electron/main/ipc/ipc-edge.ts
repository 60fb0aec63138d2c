/**
 * The edge every windowed host (the Electron app, the development bridge)
 * puts in front of the services: the registrar with one thin handler set per
 * contract domain, windows mapped to caller sessions, and events addressed to
 * a session delivered to its window.
 */
import { directorySyncHandlers } from './handlers/directory-sync';
import type { IpcResult } from '../../../shared/ipc/result';
import type { AppInfo } from '../../../shared/ipc/schemas';
import type { Caller } from '../base/caller';
import type { Services } from '../services/create-services';
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { directoryHandlers } from './handlers/directory';
import { historyHandlers, importHandlers, lockHandlers } from './handlers/import';
import { orgHandlers } from './handlers/org';
import { previewHandlers } from './handlers/preview';
import { psaHandlers } from './handlers/psa';
import { settingsHandlers } from './handlers/settings';
import { vaultHandlers } from './handlers/vault';
import { Registrar } from './registrar';
import type { DomainHandlers } from './handlers/types';
import { WindowSessions } from './window-sessions';

/** `null` window means every window. */
export type WindowEventListener = (windowId: string | null, eventChannel: string, payload: unknown) => void;

export interface IpcEdgeOptions {
  readonly info: AppInfo;
  /** Origins whose top frame may call the core (`app://bundle`, or the bridge's loopback origin). */
  readonly allowedOrigins: readonly string[];
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
  /** The workspace domain lives above the services (it replaces them); its host hands the handlers in. */
  readonly workspaceHandlers: DomainHandlers<'workspace'>;
  /** A host that switches workspaces keeps its windows' sessions across them. */
  readonly windows?: WindowSessions;
}

/** What a transport needs of the registrar. */
export type RegistrarPort = Pick<Registrar, 'channels' | 'invoke'>;

export interface IpcEdge {
  readonly registrar: RegistrarPort;
  /** The session behind a window (tests and the edge's own routing). */
  callerOf(windowId: string): Caller;
  /** Delivers the services' events to windows; returns the unsubscribe. */
  subscribeWindows(listener: WindowEventListener): () => void;
  /** A window closed: its session signs out, its wizards end and their locks are released. */
  forgetWindow(windowId: string): void;
}

export function createIpcEdge(services: Services, options: IpcEdgeOptions): IpcEdge {
  const windows = options.windows ?? new WindowSessions();
  const callerOf = (windowId: string) => windows.callerOf(windowId);
  const registrar = new Registrar({
    handlers: {
      app: appHandlers(options.info),
      workspace: options.workspaceHandlers,
      auth: authHandlers(services.auth, (caller) => services.endWork(caller)),
      settings: settingsHandlers(services.preferences, services.operations.settings),
      vault: vaultHandlers(services.operations.vault),
      psa: psaHandlers(services.operations.psa),
      directory: directoryHandlers(services.operations.directory),
      import: importHandlers(services.operations.imports, services.events),
      preview: previewHandlers(services.operations.previews),
      history: historyHandlers(services.operations.history),
      locks: lockHandlers(services.operations.locks),
      org: orgHandlers(services.org, services.administrators, services.technicianImport),
      directorySync: directorySyncHandlers(services.directorySync),
    },
    allowedOrigins: options.allowedOrigins,
    sessions: services.sessions,
    callerOf,
    log: services.log,
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });

  return {
    registrar,
    callerOf,
    subscribeWindows: (listener) =>
      services.events.subscribe((sessionKey, eventChannel, payload) => {
        if (sessionKey === null) return listener(null, eventChannel, payload);
        // A session of another edge (a CLI run in this process) has no window here.
        const windowId = windows.windowOf(sessionKey);
        if (windowId !== undefined) listener(windowId, eventChannel, payload);
      }),
    forgetWindow: (windowId) => {
      const caller = windows.forget(windowId);
      if (!caller) return;
      services.sessions.clear(caller.sessionKey);
      // Nobody awaits this (a window closing): a failure to release is logged, never left unhandled.
      services.endWork(caller).catch((error: unknown) => services.log.warn('Ending the wizards of a closed window failed', { error }));
    },
  };
}

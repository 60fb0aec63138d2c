/**
 * The composition root of a windowed host (the Electron app, and the
 * development bridge the e2e harness drives): this workstation's log and local
 * workspace, the domain services on them, and the IPC edge in front. The hosts
 * differ only in transport, cipher and preferences backend. Headless callers
 * (the CLI) build the services without this edge (see cli/).
 */
import { join } from 'node:path';
import type { IpcResult } from '../../../shared/ipc/result';
import type { AppInfo } from '../../../shared/ipc/schemas';
import { openWorkspace, type WorkspaceTarget } from '../db/open-workspace';
import { WORKSPACE_FILE } from '../db/workspace-files';
import { createIpcEdge, type IpcEdge } from '../ipc/ipc-edge';
import { createFileLogger, Redactor } from '../logging/logger';
import type { KeyValueStore } from '../preferences/preferences-store';
import type { PsaHttpOptions } from '../psa/http/psa-http';
import { createServices, type Services } from '../services/create-services';
import type { SecretCipher } from '../vault/cipher';

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
  /** The workspace to open; this workstation's local file in dataDir when absent. */
  readonly workspace?: WorkspaceTarget;
  readonly signInFailureDelayMs?: number;
  readonly echoLog?: boolean;
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
}

/** The services with the IPC edge in front: what a windowed host holds. */
export interface Core extends Services, IpcEdge {}

export async function createCore(options: CoreOptions): Promise<Core> {
  const redactor = new Redactor();
  const log = createFileLogger({ dataDir: options.dataDir, redactor, echo: options.echoLog ?? false });
  const target = options.workspace ?? { kind: 'local', file: join(options.dataDir, WORKSPACE_FILE) };
  const { workspace, migrations } = await openWorkspace(target, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  log.info('Workspace opened', { kind: workspace.kind, migrationsApplied: migrations.applied, schema: migrations.current });

  const services = createServices({
    workspace,
    cipher: options.cipher,
    settings: options.settings,
    log,
    redactor,
    dataDir: options.dataDir,
    ...(options.lockLeaseMs !== undefined ? { lockLeaseMs: options.lockLeaseMs } : {}),
    ...(options.psaHttp ? { psaHttp: options.psaHttp } : {}),
    ...(options.signInFailureDelayMs !== undefined ? { signInFailureDelayMs: options.signInFailureDelayMs } : {}),
  });
  const info: AppInfo = { name: 'MSP Roster', version: options.appVersion, host: options.host, dataDir: options.dataDir, workspaceKind: workspace.kind };
  const edge = createIpcEdge(services, { info, allowedOrigins: options.allowedOrigins, ...(options.onResult ? { onResult: options.onResult } : {}) });

  return {
    ...services,
    ...edge,
    close: async () => {
      // Quit: every wizard ends and its lock is released before the workspace closes.
      await services.close();
      await workspace.close();
      log.info('Core closed');
    },
  };
}

import { createCore, type Core } from '../../electron/main/core/create-core';
import type { WorkspaceTarget } from '../../electron/main/db/open-workspace';
import type { SenderInfo } from '../../electron/main/ipc/sender-check';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import type { SecretCipher } from '../../electron/main/vault/cipher';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { TEST_PASSWORD_HASH_COST } from './password-cost';
import { testWorkspaceTarget } from './workspaces';

export const TEST_ORIGIN = 'http://127.0.0.1:5999';

/** A sender the registrar accepts: the app's own top frame in window `windowId`. */
export function appSender(windowId = 'window-1'): SenderInfo {
  return { windowId, frameUrl: `${TEST_ORIGIN}/index.html`, origin: TEST_ORIGIN, isTopFrame: true };
}

/**
 * The real core on a fresh data folder (real vault file) and its workspace on this run's backend: a real
 * SQLite file in the folder, or a team database on the run's PostgreSQL cluster (see ./workspaces); or the
 * workspace `workspace` names (several workstations on one workspace).
 */
export async function startCore(dataDir: string, cipher: SecretCipher = new EphemeralCipher(), workspace?: WorkspaceTarget): Promise<Core> {
  return createCore({
    workspace: workspace ?? (await testWorkspaceTarget(dataDir)),
    dataDir,
    host: 'browser-bridge',
    appVersion: '0.0.0-test',
    cipher,
    settings: createConfStore(dataDir),
    allowedOrigins: [TEST_ORIGIN],
    signInFailureDelayMs: 50,
    passwordHashCost: TEST_PASSWORD_HASH_COST,
  });
}

/** Calls a channel through the registrar as the app's window `windowId` would, and unwraps the answer (a refusal throws, naming its code). */
export async function callAs<T>(core: Core, windowId: string, channel: string, payload?: unknown): Promise<T> {
  const result = await core.registrar.invoke(channel, payload, appSender(windowId));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

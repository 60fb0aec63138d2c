import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { DomainError } from '../../electron/main/base/domain-error';
import type { Handlers } from '../../electron/main/ipc/handlers/types';
import { Registrar } from '../../electron/main/ipc/registrar';
import { logFilePath } from '../../electron/main/logging/logger';
import { SessionStore } from '../../electron/main/auth/session-store';
import { listChannels } from '../../shared/ipc/contract';
import { readFileSync } from 'node:fs';
import { appSender, startCore, TEST_ORIGIN } from '../support/core';
import { useTempDirs } from '../support/temp-dir';
import { countRows } from '../support/workspace-rows';

const tempDir = useTempDirs();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function freshCore(): Promise<Core> {
  core = await startCore(tempDir());
  return core;
}

describe('registrar: channels and senders', () => {
  it('refuses a channel that is not in the contract', async () => {
    const { registrar } = await freshCore();
    const result = await registrar.invoke('vault:get', { name: 'psa' }, appSender());
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: vault:get' } });
  });

  it('listens on exactly the contract channels', async () => {
    const { registrar } = await freshCore();
    expect(registrar.channels()).toEqual(listChannels().map((entry) => entry.name));
  });

  const foreign: Array<[string, Parameters<Registrar['invoke']>[2]]> = [
    ['no sender frame', null],
    ['a window that is not ours', { ...appSender(), windowId: null }],
    ['a sub-frame', { ...appSender(), isTopFrame: false }],
    ['another origin', { windowId: 'w', frameUrl: 'https://evil.example/', origin: 'https://evil.example', isTopFrame: true }],
    ['a look-alike host', { windowId: 'w', frameUrl: `${TEST_ORIGIN}.evil.example/`, origin: `${TEST_ORIGIN}.evil.example`, isTopFrame: true }],
    ['a frame URL that disagrees with the origin', { windowId: 'w', frameUrl: 'https://evil.example/', origin: TEST_ORIGIN, isTopFrame: true }],
    ['an opaque origin', { windowId: 'w', frameUrl: 'data:text/html,hi', origin: 'null', isTopFrame: true }],
  ];
  for (const [label, sender] of foreign) {
    it(`refuses ${label} before validating or running anything`, async () => {
      const { registrar, workspace } = await freshCore();
      const result = await registrar.invoke('auth:createFirstAdmin', { name: 'Eve', email: 'eve@example.com', password: 'Harbour-Lantern-Quiet-49!' }, sender);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('FORBIDDEN_SENDER');
      expect(await countRows(workspace.read, 'administrators')).toBe(0);
    });
  }

  it('accepts the app window and runs the handler', async () => {
    const { registrar } = await freshCore();
    const result = await registrar.invoke('auth:status', undefined, appSender());
    expect(result).toEqual({ ok: true, value: { initialized: false, session: null } });
  });
});

describe('registrar: access', () => {
  it('needs a session for admin channels', async () => {
    const { registrar } = await freshCore();
    const result = await registrar.invoke('vault:status', undefined, appSender());
    expect(!result.ok && result.error.code).toBe('NOT_SIGNED_IN');
  });

  it('blocks everything but changing the password while the must-change flag is set', async () => {
    const { registrar, auth } = await freshCore();
    await auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: 'Temporary-Pass-2024!', role: 'admin', mustChangePassword: true });
    const signIn = await registrar.invoke('auth:signIn', { email: 'ann@example.com', password: 'Temporary-Pass-2024!' }, appSender());
    expect(signIn.ok && signIn.value).toMatchObject({ mustChangePassword: true });
    const blocked = await registrar.invoke('vault:status', undefined, appSender());
    expect(!blocked.ok && blocked.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await registrar.invoke('auth:changePassword', { currentPassword: 'Temporary-Pass-2024!', newPassword: 'Copper-Meadow-Violin-83?' }, appSender());
    expect(changed.ok && changed.value).toMatchObject({ mustChangePassword: false });
    expect((await registrar.invoke('vault:status', undefined, appSender())).ok).toBe(true);
  });

  it('keeps sessions per window: signing in one window does not sign in another', async () => {
    const { registrar, auth } = await freshCore();
    await auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: 'Copper-Meadow-Violin-83?', role: 'admin', mustChangePassword: false });
    await registrar.invoke('auth:signIn', { email: 'ann@example.com', password: 'Copper-Meadow-Violin-83?' }, appSender('window-a'));
    expect((await registrar.invoke('vault:status', undefined, appSender('window-a'))).ok).toBe(true);
    const other = await registrar.invoke('vault:status', undefined, appSender('window-b'));
    expect(!other.ok && other.error.code).toBe('NOT_SIGNED_IN');
  });
});

describe('registrar: handler failures never cross the boundary as exceptions', () => {
  function registrarWith(override: (input: unknown) => Promise<unknown>, logged: string[]): Registrar {
    const handlers: Record<string, Record<string, unknown>> = {};
    for (const entry of listChannels()) {
      handlers[entry.domain] ??= {};
      handlers[entry.domain]![entry.method] = entry.name === 'app:info' ? override : async () => null;
    }
    const log = { debug() {}, info() {}, warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    return new Registrar({ handlers: handlers as unknown as Handlers, allowedOrigins: [TEST_ORIGIN], sessions: new SessionStore(), callerOf: (windowId) => ({ sessionKey: `window:${windowId}` }), log });
  }

  it('turns a DomainError into its code', async () => {
    const registrar = registrarWith(async () => {
      throw new DomainError('EMAIL_TAKEN', 'taken');
    }, []);
    expect(await registrar.invoke('app:info', undefined, appSender())).toEqual({ ok: false, error: { code: 'EMAIL_TAKEN', message: 'taken' } });
  });

  it('turns anything else into INTERNAL and logs it', async () => {
    const logged: string[] = [];
    const registrar = registrarWith(async () => {
      throw new TypeError('boom');
    }, logged);
    expect(await registrar.invoke('app:info', undefined, appSender())).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } });
    expect(logged).toContain('Handler failed');
  });

  it('refuses to hand on a value that breaks the output schema', async () => {
    const logged: string[] = [];
    const registrar = registrarWith(async () => ({ name: 'MSP Roster' }), logged);
    const result = await registrar.invoke('app:info', undefined, appSender());
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(logged).toContain('Handler returned a value that breaks the contract');
  });

  it('writes refused senders to the log file', async () => {
    const dataDir = tempDir();
    core = await startCore(dataDir);
    await core.registrar.invoke('auth:status', undefined, null);
    expect(readFileSync(logFilePath(dataDir), 'utf8')).toContain('Refused call from a foreign sender');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/main/core/create-core';
import { logFilePath } from '../../electron/main/logging/logger';
import { createConfStore } from '../../electron/main/preferences/conf-preferences';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { startCore, TEST_ORIGIN } from '../support/core';
import { testWorkspaceTarget } from '../support/workspaces';
import { countRows } from '../support/workspace-rows';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('first Master Administrator', () => {
  it('is created only on an empty workspace and signed in at once', async () => {
    core = await startCore(tempDir());
    const session = await core.auth.createFirstAdmin({ sessionKey: 'w1' }, { name: 'Mira', email: 'Mira@Example.com', password: PASSWORD });
    expect(session).toMatchObject({ name: 'Mira', email: 'Mira@Example.com', role: 'master_admin', mustChangePassword: false });
    expect(await core.auth.status({ sessionKey: 'w1' })).toMatchObject({ initialized: true, session: { adminId: session.adminId } });
    await expect(core.auth.createFirstAdmin({ sessionKey: 'w2' }, { name: 'Eve', email: 'eve@example.com', password: PASSWORD })).rejects.toMatchObject({ code: 'ALREADY_INITIALIZED' });
  });

  it('cannot be created twice by two windows racing', async () => {
    core = await startCore(tempDir());
    const attempts = await Promise.allSettled(
      ['a', 'b', 'c'].map((w) => core!.auth.createFirstAdmin({ sessionKey: w }, { name: `Admin ${w}`, email: `${w}@example.com`, password: PASSWORD })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(await countRows(core.workspace.read, 'administrators')).toBe(1);
  });

  it('is refused a weak password, by the core itself', async () => {
    core = await startCore(tempDir());
    await expect(core.auth.createFirstAdmin({ sessionKey: 'w' }, { name: 'Mira', email: 'mira@example.com', password: 'password12' })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      fields: { password: 'too-weak' },
    });
  });
});

describe('sign-in', () => {
  it('matches emails case-insensitively and records the session per window', async () => {
    core = await startCore(tempDir());
    await core.auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: PASSWORD, role: 'admin', mustChangePassword: false });
    await core.auth.signIn({ sessionKey: 'w' }, { email: 'ANN@example.com', password: PASSWORD });
    expect(core.sessions.get('w')).toMatchObject({ name: 'Ann', role: 'admin' });
    await core.auth.signOut({ sessionKey: 'w' });
    expect(core.sessions.get('w')).toBeUndefined();
  });

  it('fails wrong passwords and unknown emails the same way, after a delay', async () => {
    core = await startCore(tempDir());
    await core.auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: PASSWORD, role: 'admin', mustChangePassword: false });
    for (const attempt of [
      { email: 'ann@example.com', password: 'wrong-password' },
      { email: 'nobody@example.com', password: 'wrong-password' },
    ]) {
      const started = Date.now();
      const error = await core.auth.signIn({ sessionKey: 'w' }, attempt).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'The email address or password is incorrect.' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    }
    expect(core.sessions.get('w')).toBeUndefined();
  });

  it('never writes a password in clear to the database or the log', async () => {
    const dataDir = tempDir();
    core = await startCore(dataDir);
    await core.auth.createFirstAdmin({ sessionKey: 'w' }, { name: 'Mira', email: 'mira@example.com', password: PASSWORD });
    await core.auth.signIn({ sessionKey: 'w' }, { email: 'mira@example.com', password: 'Typo-Harbour-Lantern' }).catch(() => undefined);
    await core.close();
    core = undefined;
    for (const file of ['workspace.sqlite', 'workspace.sqlite-wal', logFilePath(dataDir)]) {
      const path = file.startsWith('/') ? file : join(dataDir, file);
      let contents = '';
      try {
        contents = readFileSync(path).toString('latin1');
      } catch {
        continue;
      }
      expect(contents).not.toContain(PASSWORD);
      expect(contents).not.toContain('Typo-Harbour-Lantern');
    }
  });
});

describe('password hashing cost', () => {
  const storedHash = async (running: Core) => (await running.workspace.read.row(running.workspace.read.q.selectFrom('administrators').select('password_hash')))?.password_hash;

  it('is the production cost (scrypt N=2^15) unless the core is told otherwise, and a password stored so signs in', async () => {
    const dataDir = tempDir();
    // As the app starts its core: no cost option.
    core = await createCore({ workspace: await testWorkspaceTarget(dataDir), dataDir, host: 'browser-bridge', appVersion: '0.0.0-test', cipher: new EphemeralCipher(), settings: createConfStore(dataDir), allowedOrigins: [TEST_ORIGIN], signInFailureDelayMs: 50 });
    const session = await core.auth.createFirstAdmin({ sessionKey: 'w' }, { name: 'Mira', email: 'mira@example.com', password: PASSWORD });
    expect(await storedHash(core)).toMatch(/^scrypt\$32768\$8\$1\$/);
    await core.auth.signOut({ sessionKey: 'w' });
    await expect(core.auth.signIn({ sessionKey: 'w' }, { email: 'mira@example.com', password: 'Typo-Harbour-Lantern' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await core.auth.signIn({ sessionKey: 'w' }, { email: 'mira@example.com', password: PASSWORD })).toMatchObject({ adminId: session.adminId });
  });

  it('is the lower test cost the test cores are started with (the same scrypt format)', async () => {
    core = await startCore(tempDir());
    await core.auth.createFirstAdmin({ sessionKey: 'w' }, { name: 'Mira', email: 'mira@example.com', password: PASSWORD });
    expect(await storedHash(core)).toMatch(/^scrypt\$1024\$8\$1\$/);
  });
});

describe('must change password at next sign-in', () => {
  it('holds until a new, policy-meeting, different password is set', async () => {
    core = await startCore(tempDir());
    await core.auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: 'Set-By-Admin-2024!', role: 'admin', mustChangePassword: true });
    expect(await core.auth.signIn({ sessionKey: 'w' }, { email: 'ann@example.com', password: 'Set-By-Admin-2024!' })).toMatchObject({ mustChangePassword: true });
    await expect(core.auth.changePassword({ sessionKey: 'w' }, { currentPassword: 'nope', newPassword: PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(core.auth.changePassword({ sessionKey: 'w' }, { currentPassword: 'Set-By-Admin-2024!', newPassword: 'Set-By-Admin-2024!' })).rejects.toMatchObject({ code: 'PASSWORD_UNCHANGED' });
    await expect(core.auth.changePassword({ sessionKey: 'w' }, { currentPassword: 'Set-By-Admin-2024!', newPassword: 'short' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    expect(await core.auth.changePassword({ sessionKey: 'w' }, { currentPassword: 'Set-By-Admin-2024!', newPassword: PASSWORD })).toMatchObject({ mustChangePassword: false });
    await core.auth.signOut({ sessionKey: 'w' });
    expect(await core.auth.signIn({ sessionKey: 'w' }, { email: 'ann@example.com', password: PASSWORD })).toMatchObject({ mustChangePassword: false });
  });
});

describe('session events', () => {
  it('tell the session when it signs in and out', async () => {
    core = await startCore(tempDir());
    const seen: Array<[string | null, string, unknown]> = [];
    core.events.subscribe((sessionKey, channel, payload) => seen.push([sessionKey, channel, payload]));
    await core.auth.createFirstAdmin({ sessionKey: 'w' }, { name: 'Mira', email: 'mira@example.com', password: PASSWORD });
    await core.auth.signOut({ sessionKey: 'w' });
    expect(seen.map(([w, c, p]) => [w, c, (p as { session: unknown }).session === null])).toEqual([
      ['w', 'event:sessionChanged', false],
      ['w', 'event:sessionChanged', true],
    ]);
  });
});

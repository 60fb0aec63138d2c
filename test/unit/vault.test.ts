import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor, type Logger } from '../../electron/main/logging/logger';
import { assessKeychain, type CipherAvailability, type SecretCipher } from '../../electron/main/vault/cipher';
import { EphemeralCipher } from '../../electron/main/vault/ephemeral-cipher';
import { SecretVault } from '../../electron/main/vault/secret-vault';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const SECRET = 'aT-sentinel-Secret-7781';
const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What safeStorage looks like on a Linux machine without a keyring: the vault must refuse to persist. */
class PlainTextBackendCipher implements SecretCipher {
  encrypted = 0;
  async availability(): Promise<CipherAvailability> {
    return assessKeychain({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'basic_text' });
  }
  async encrypt(plain: string): Promise<Uint8Array> {
    this.encrypted++;
    return Buffer.from(plain);
  }
  async decrypt(data: Uint8Array): Promise<string> {
    return Buffer.from(data).toString();
  }
}

describe('secret vault', () => {
  it('round-trips a secret through the cipher and stores only cipher text', async () => {
    const dir = tempDir();
    const vault = new SecretVault(dir, new EphemeralCipher(), new Redactor(), quietLog);
    expect(await vault.set('psa/autotask', SECRET)).toEqual({ persisted: true });
    expect(await vault.get('psa/autotask')).toBe(SECRET);
    const file = readFileSync(join(dir, 'vault.json'), 'utf8');
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(JSON.parse(file)).toMatchObject({ version: 1, entries: { 'psa/autotask': expect.any(String) } });
    expect(await vault.status()).toEqual({ mode: 'process-key', backend: 'process key', reason: null });
  });

  it('deletes secrets from disk', async () => {
    const dir = tempDir();
    const vault = new SecretVault(dir, new EphemeralCipher(), new Redactor(), quietLog);
    await vault.set('psa/autotask', SECRET);
    await vault.delete('psa/autotask');
    expect(await vault.get('psa/autotask')).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')).entries).toEqual({});
  });

  it('refuses to persist on a plain-text backend, keeps the secret for the session, and says why', async () => {
    const dir = tempDir();
    const cipher = new PlainTextBackendCipher();
    const vault = new SecretVault(dir, cipher, new Redactor(), quietLog);
    expect(await vault.set('psa/autotask', SECRET)).toEqual({ persisted: false });
    expect(await vault.get('psa/autotask')).toBe(SECRET);
    expect(cipher.encrypted).toBe(0);
    expect(existsSync(join(dir, 'vault.json'))).toBe(false);
    expect(await vault.status()).toEqual({ mode: 'session-only', backend: 'basic_text', reason: 'plain-text-backend' });
    // A new vault (a restart) has nothing: the secret lived in memory only.
    expect(await new SecretVault(dir, cipher, new Redactor(), quietLog).get('psa/autotask')).toBeUndefined();
  });

  it('refuses a damaged vault file with a clear message instead of guessing', async () => {
    const dir = tempDir();
    const vault = new SecretVault(dir, new EphemeralCipher(), new Redactor(), quietLog);
    await vault.set('a', SECRET);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'vault.json'), '{"version":1,"entries":{"a":"not base64 !!"}}');
    await expect(vault.get('a')).rejects.toThrow(/vault file .* is damaged/);
  });
});

describe('keychain gate (safeStorage policy)', () => {
  const cases: Array<[string, Parameters<typeof assessKeychain>[0], Partial<CipherAvailability>]> = [
    ['encryption unavailable', { encryptionAvailable: false, platform: 'darwin', linuxBackend: null }, { available: false, reason: 'encryption-unavailable' }],
    ['Linux basic_text backend', { encryptionAvailable: true, platform: 'linux', linuxBackend: 'basic_text' }, { available: false, reason: 'plain-text-backend' }],
    ['Linux unknown backend', { encryptionAvailable: true, platform: 'linux', linuxBackend: 'unknown' }, { available: false, reason: 'unknown-backend' }],
    ['Linux libsecret', { encryptionAvailable: true, platform: 'linux', linuxBackend: 'gnome_libsecret' }, { available: true, backend: 'gnome_libsecret' }],
    ['Linux kwallet6', { encryptionAvailable: true, platform: 'linux', linuxBackend: 'kwallet6' }, { available: true, backend: 'kwallet6' }],
    ['macOS Keychain', { encryptionAvailable: true, platform: 'darwin', linuxBackend: null }, { available: true, backend: 'macOS Keychain' }],
    ['Windows DPAPI', { encryptionAvailable: true, platform: 'win32', linuxBackend: null }, { available: true, backend: 'Windows DPAPI' }],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => expect(assessKeychain(input)).toMatchObject(expected));
  }
});

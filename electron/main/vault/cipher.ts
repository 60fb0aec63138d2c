/**
 * The encryption the vault relies on, injected so the vault is tested without
 * Electron. In the app it is Electron's safeStorage (the OS keychain).
 */
import type { VAULT_REFUSAL_REASONS } from '../../../shared/ipc/schemas';

export type VaultRefusalReason = (typeof VAULT_REFUSAL_REASONS)[number];

export type CipherAvailability =
  | { readonly available: true; readonly backend: string; readonly keyOutlivesProcess: boolean }
  | { readonly available: false; readonly reason: VaultRefusalReason; readonly backend: string | null };

export interface SecretCipher {
  availability(): Promise<CipherAvailability>;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(cipherText: Uint8Array): Promise<string>;
}

/** Linux backends that give no real protection: `basic_text` uses a hard-coded key. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text']);

/**
 * The gate in front of safeStorage: encryption must be available and, on Linux,
 * backed by a real secret store. We never opt in to plain-text encryption.
 */
export function assessKeychain(input: { encryptionAvailable: boolean; platform: string; linuxBackend: string | null }): CipherAvailability {
  const backend = input.platform === 'linux' ? input.linuxBackend : keychainName(input.platform);
  if (!input.encryptionAvailable) return { available: false, reason: 'encryption-unavailable', backend };
  if (input.platform === 'linux') {
    if (!backend || backend === 'unknown') return { available: false, reason: 'unknown-backend', backend };
    if (WEAK_LINUX_BACKENDS.has(backend)) return { available: false, reason: 'plain-text-backend', backend };
  }
  return { available: true, backend: backend ?? input.platform, keyOutlivesProcess: true };
}

function keychainName(platform: string): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows DPAPI';
  return platform;
}

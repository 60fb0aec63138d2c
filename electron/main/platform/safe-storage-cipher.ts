/** The vault's cipher in the app: Electron's async safeStorage (OS keychain), behind the keychain gate. */
import { safeStorage } from 'electron';
import { assessKeychain, type CipherAvailability, type SecretCipher } from '../vault/cipher';

export class SafeStorageCipher implements SecretCipher {
  async availability(): Promise<CipherAvailability> {
    return assessKeychain({
      encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
      platform: process.platform,
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    });
  }

  async encrypt(plainText: string): Promise<Uint8Array> {
    return safeStorage.encryptStringAsync(plainText);
  }

  async decrypt(cipherText: Uint8Array): Promise<string> {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipherText));
    return result;
  }
}

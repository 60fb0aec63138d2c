/**
 * AES-256-GCM with a key that lives only in this process's memory. For the
 * development browser bridge and the tests, where no OS keychain is reachable:
 * secrets are still never written in clear, and die with the process.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CipherAvailability, SecretCipher } from './cipher';

export class EphemeralCipher implements SecretCipher {
  private readonly key = randomBytes(32);

  async availability(): Promise<CipherAvailability> {
    return { available: true, backend: 'process key', keyOutlivesProcess: false };
  }

  async encrypt(plainText: string): Promise<Uint8Array> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async decrypt(cipherText: Uint8Array): Promise<string> {
    const data = Buffer.from(cipherText);
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/**
 * Secrets (PSA credentials) kept by main and never handed to the renderer.
 * On disk only as cipher text from the injected cipher, in `<data>/vault.json`
 * (machine-local on purpose: keychain-encrypted data cannot be shared through a
 * team workspace). When the cipher refuses, secrets are kept for this session
 * only and nothing is written.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { VaultStatus } from '../../../shared/ipc/schemas';
import type { Logger, Redactor } from '../logging/logger';
import type { SecretCipher } from './cipher';

const VaultFileSchema = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
type VaultFile = z.infer<typeof VaultFileSchema>;

export interface SetResult {
  /** False when the secret is kept in memory for this session only. */
  readonly persisted: boolean;
}

export class SecretVault {
  private readonly file: string;
  private readonly sessionOnly = new Map<string, string>();

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
    private readonly redactor: Redactor,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'vault.json');
  }

  async status(): Promise<VaultStatus> {
    const availability = await this.cipher.availability();
    return availability.available
      ? { mode: availability.keyOutlivesProcess ? 'keychain' : 'process-key', backend: availability.backend, reason: null }
      : { mode: 'session-only', backend: availability.backend, reason: availability.reason };
  }

  /** `parts`: pieces of a structured secret (e.g. the key inside a JSON blob) to scrub from logs too. */
  async set(name: string, secret: string, parts: readonly string[] = []): Promise<SetResult> {
    this.redactor.add(secret);
    for (const part of parts) this.redactor.add(part);
    const availability = await this.cipher.availability();
    if (!availability.available) {
      this.sessionOnly.set(name, secret);
      this.log.warn('Secret kept for this session only: no secure keychain', { name, reason: availability.reason, backend: availability.backend });
      return { persisted: false };
    }
    const cipherText = await this.cipher.encrypt(secret);
    const contents = this.readFile();
    contents.entries[name] = Buffer.from(cipherText).toString('base64');
    this.writeFile(contents);
    this.sessionOnly.delete(name);
    return { persisted: true };
  }

  async get(name: string): Promise<string | undefined> {
    const inMemory = this.sessionOnly.get(name);
    if (inMemory !== undefined) return inMemory;
    const encoded = this.readFile().entries[name];
    if (encoded === undefined) return undefined;
    if (!(await this.cipher.availability()).available) return undefined;
    const secret = await this.cipher.decrypt(Buffer.from(encoded, 'base64'));
    this.redactor.add(secret);
    return secret;
  }

  async delete(name: string): Promise<void> {
    this.sessionOnly.delete(name);
    const contents = this.readFile();
    if (name in contents.entries) {
      delete contents.entries[name];
      this.writeFile(contents);
    }
  }

  has(name: string): boolean {
    return this.sessionOnly.has(name) || name in this.readFile().entries;
  }

  private readFile(): VaultFile {
    if (!existsSync(this.file)) return { version: 1, entries: {} };
    const parsed = VaultFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`The credential vault file ${this.file} is damaged; remove it and enter PSA credentials again.`);
    return parsed.data;
  }

  private writeFile(contents: VaultFile): void {
    // Write-then-rename so a crash never leaves a half-written vault.
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(contents), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

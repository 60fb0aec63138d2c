/**
 * Directory sync's workspace settings: the configuration every workstation and the headless service share, the
 * default password's hash (never the password), and the service token's hash (never the token).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../base/domain-error';
import { DEFAULT_DIRECTORY_SYNC_CONFIG, DirectorySyncConfigSchema, type DirectorySyncConfig, type ServiceTokenInfo } from '../../../shared/directory-sync/schemas';
import { deleteSetting, readSetting, writeSetting } from '../db/repositories/workspace-settings';
import type { SqlReader, SqlWriter } from '../db/workspace';

const CONFIG_KEY = 'directory_sync';
const DEFAULT_PASSWORD_KEY = 'directory_sync_default_password';
const TOKEN_KEY = 'directory_sync_service_token';

const DefaultPasswordSchema = z.strictObject({ hash: z.string().min(1), setAt: z.string() });
const StoredTokenSchema = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.string(), createdByName: z.string(), lastUsedAt: z.string().nullable() });
type StoredToken = z.infer<typeof StoredTokenSchema>;

export function readSyncConfig(db: SqlReader): Promise<DirectorySyncConfig> {
  return readSetting(db, CONFIG_KEY, DirectorySyncConfigSchema, DEFAULT_DIRECTORY_SYNC_CONFIG);
}

/**
 * Stores only a configuration that reads back: one the schema refuses would read as "not set up" (the reader falls
 * back to the default), so a caller past the IPC edge (a test, a future CLI command) is refused here instead.
 */
export async function writeSyncConfig(db: SqlWriter, config: DirectorySyncConfig): Promise<void> {
  const parsed = DirectorySyncConfigSchema.safeParse(config);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', `Invalid directory sync settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  await writeSetting(db, CONFIG_KEY, parsed.data);
}

export async function readDefaultPasswordHash(db: SqlReader): Promise<string | null> {
  return (await readSetting(db, DEFAULT_PASSWORD_KEY, DefaultPasswordSchema.nullable(), null))?.hash ?? null;
}

export function writeDefaultPasswordHash(db: SqlWriter, hash: string, now: string): Promise<void> {
  return writeSetting(db, DEFAULT_PASSWORD_KEY, { hash, setAt: now });
}

async function readToken(db: SqlReader): Promise<StoredToken | null> {
  return readSetting(db, TOKEN_KEY, StoredTokenSchema.nullable(), null);
}

export async function readTokenInfo(db: SqlReader): Promise<ServiceTokenInfo | null> {
  const token = await readToken(db);
  return token && { createdAt: token.createdAt, createdByName: token.createdByName, lastUsedAt: token.lastUsedAt };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** Recognisable in a config file or a leak scan: `msr_sync_` and 43 characters of base64url (256 random bits). */
export const SERVICE_TOKEN_PATTERN = /^msr_sync_[A-Za-z0-9_-]{43}$/;

/** A new token: the old one stops working at once. Returns the token itself, which is shown once and never stored. */
export async function generateToken(db: SqlWriter, byName: string, now: string): Promise<{ token: string; info: ServiceTokenInfo }> {
  const token = `msr_sync_${randomBytes(32).toString('base64url')}`;
  const stored: StoredToken = { sha256: sha256(token), createdAt: now, createdByName: byName, lastUsedAt: null };
  await writeSetting(db, TOKEN_KEY, stored);
  return { token, info: { createdAt: now, createdByName: byName, lastUsedAt: null } };
}

export async function revokeToken(db: SqlWriter): Promise<void> {
  await deleteSetting(db, TOKEN_KEY);
}

/** Whether `token` is the workspace's current one (compared in constant time); marks it used when it is. */
export async function checkToken(db: SqlWriter, token: string, now: string): Promise<boolean> {
  const stored = await readToken(db);
  if (!stored || !SERVICE_TOKEN_PATTERN.test(token)) return false;
  const same = timingSafeEqual(Buffer.from(sha256(token), 'hex'), Buffer.from(stored.sha256, 'hex'));
  if (same) await writeSetting(db, TOKEN_KEY, { ...stored, lastUsedAt: now });
  return same;
}

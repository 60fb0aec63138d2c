/** zod schemas for the values that cross the IPC boundary. */
import { z } from 'zod';
import { RightSchema } from '../org/rights';

/** Master Administrators and Administrators manage; technicians sign in to use what their group's rights allow. */
export const ROLES = ['master_admin', 'admin', 'technician'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Passwords are never trimmed or normalised: what the user typed is what is hashed. */
export const PasswordSchema = z.string().min(1, 'Enter a password').max(1024, 'Password is too long');
export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'Email address is too long')
  .pipe(z.email('Enter a valid email address'));
export const PersonNameSchema = z.string().trim().min(1, 'Enter a name').max(120, 'Name is too long');

export const SessionSchema = z.strictObject({
  adminId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  mustChangePassword: z.boolean(),
  /** What the signed-in person may use (every right for administrators; the group's for a technician), as of sign-in. */
  rights: z.array(RightSchema),
});
export type Session = z.infer<typeof SessionSchema>;

export const AuthStatusSchema = z.strictObject({
  /** False until the first Master Administrator exists. */
  initialized: z.boolean(),
  session: SessionSchema.nullable(),
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

export const PasswordPolicySchema = z.strictObject({
  minLength: z.number().int().min(1).max(128),
  /** zxcvbn score 0–4 a new password must reach: the seed's "minimum password strength". */
  minScore: z.number().int().min(0).max(4),
  /** "Administrator password changes force the user to change the password at next sign-in". */
  adminChangesForceChange: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const LANGUAGE_PREFERENCES = ['system', 'en', 'nl'] as const;
export const LanguagePreferenceSchema = z.enum(LANGUAGE_PREFERENCES);
export type LanguagePreference = z.infer<typeof LanguagePreferenceSchema>;

export const PreferencesSchema = z.strictObject({ language: LanguagePreferenceSchema });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const VAULT_REFUSAL_REASONS = ['encryption-unavailable', 'plain-text-backend', 'unknown-backend'] as const;
export const VaultStatusSchema = z.strictObject({
  /**
   * `keychain`: encrypted with the OS keychain and kept across restarts;
   * `process-key`: encrypted with a key that dies with the process (development bridge);
   * `session-only`: no secure keychain, so secrets stay in memory and are never written.
   */
  mode: z.enum(['keychain', 'process-key', 'session-only']),
  backend: z.string().nullable(),
  reason: z.enum(VAULT_REFUSAL_REASONS).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const AppInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** Where the renderer runs: the desktop app, or the development browser bridge. */
  host: z.enum(['electron', 'browser-bridge']),
  dataDir: z.string(),
  workspaceKind: z.enum(['sqlite', 'postgres']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

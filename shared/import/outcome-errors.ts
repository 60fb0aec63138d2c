/**
 * Why one company or user of an import failed. Not PSA failures: these come
 * from the plan meeting the workspace (a managed company deleted since, an
 * email another user has…), and repeat on every retry until someone acts, so
 * each kind has its own message and remedy (`importErrors.<kind>` in the
 * i18n files). Running out of licenses keeps the seed's own message
 * (`psaErrors.not-enough-licenses`), which means exactly that.
 */
import { z } from 'zod';
import type { PsaErrorKind } from '../psa/errors';

export const IMPORT_ERROR_KINDS = [
  /** The plan names a PSA company this download does not have. */
  'company-not-in-download',
  /** The managed company chosen to map to was deleted since. */
  'managed-company-gone',
  /** The managed company chosen to map to is mapped to another company of this PSA. */
  'managed-company-taken',
  /** The plan names a contact this download does not have for this company. */
  'contact-not-in-download',
  /** The contact has no email address (null or empty) to sign in with. */
  'contact-without-email',
  /** The user chosen to map to was deleted, or is a user of another managed company. */
  'user-not-in-company',
  /** "Create as new user", but a user of the company already has the contact's email. */
  'email-in-use',
  /** The PSA changed the contact's email to one another user of the company already has. */
  'email-change-conflict',
] as const;

export const ImportErrorKindSchema = z.enum(IMPORT_ERROR_KINDS);
export type ImportErrorKind = z.infer<typeof ImportErrorKindSchema>;

/** What a failed company or user outcome says: an import conflict, or no license left (the seed's message). */
export const OutcomeErrorSchema = z.enum([...IMPORT_ERROR_KINDS, 'not-enough-licenses']);
export type OutcomeError = z.infer<typeof OutcomeErrorSchema>;

/** The i18n key holding `message` and `remedy` for any error the results page shows. */
export function errorTextKey(kind: OutcomeError | PsaErrorKind): `importErrors.${ImportErrorKind}` | `psaErrors.${PsaErrorKind}` {
  return isImportError(kind) ? `importErrors.${kind}` : `psaErrors.${kind}`;
}

const IMPORT_ERRORS: ReadonlySet<string> = new Set(IMPORT_ERROR_KINDS);

export function isImportError(kind: string): kind is ImportErrorKind {
  return IMPORT_ERRORS.has(kind);
}

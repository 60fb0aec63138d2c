/**
 * The closed set of PSA failures a user can meet, with the seed article's own
 * messages (LastPass "Hoe importeer ik bedrijven vanuit PSA's?", step 9). The
 * texts live in the i18n files under `psaErrors.<kind>`; this file names the kinds.
 */
import { z } from 'zod';

export const PSA_ERROR_KINDS = [
  /** An empty or incomplete connection form was submitted. */
  'credentials-required',
  /** Another administrator holds the integration's lock. */
  'integration-locked',
  /** The MSP has no licenses left to hand out. */
  'not-enough-licenses',
  /** The PSA answered 5xx (after retries where retrying is safe). */
  'psa-server-error',
  /** Invalid, expired or revoked credentials (401; Autotask's 500 for unknown users or integration codes). */
  'authentication-error',
  /** The API user lacks permissions (403). */
  'forbidden',
  /** HTML, truncated JSON, missing or mistyped fields. */
  'invalid-response',
  /** Anything else (network failures, unexpected statuses). */
  'unknown',
] as const;

export const PsaErrorKindSchema = z.enum(PSA_ERROR_KINDS);
export type PsaErrorKind = z.infer<typeof PsaErrorKindSchema>;

/** What the renderer may see of a PSA failure: the kind, and technical detail without secrets. */
export const PsaErrorViewSchema = z.strictObject({
  kind: PsaErrorKindSchema,
  /** e.g. `HTTP 401 from /ATServicesRest/V1.0/Companies/query: …`; never credentials. */
  detail: z.string().max(2000).nullable(),
});
export type PsaErrorView = z.infer<typeof PsaErrorViewSchema>;

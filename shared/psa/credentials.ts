/**
 * The "Connect PSA" forms and what the renderer may know about a connection.
 * Empty fields are allowed here on purpose: an incomplete form is the seed's
 * "Credentials are required" error, reported by the core, not a schema failure.
 */
import { z } from 'zod';
import { API_URL_PROBLEM_MESSAGES, apiUrlProblem } from './api-url';
import { PsaErrorKindSchema, PsaErrorViewSchema } from './errors';
import { PsaKindSchema } from './kinds';

const Field = (max: number) => z.string().trim().max(max);
const Secret = (max: number) => z.string().max(max);

/** Blank, an https URL (on-premises ConnectWise), or http only to loopback (the local PSA simulator): see api-url.ts. */
export const ApiBaseUrlSchema = Field(2048).superRefine((value, context) => {
  const problem = apiUrlProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: API_URL_PROBLEM_MESSAGES[problem] });
});

export const AutotaskCredentialsSchema = z.strictObject({
  psa: z.literal('autotask'),
  /** The API-only user's username (usually an email address). */
  username: Field(254),
  secret: Secret(512),
  integrationCode: Field(100),
  /** Zone-discovery host; blank means Autotask's own (webservices2.autotask.net). */
  apiBaseUrl: ApiBaseUrlSchema,
});
export type AutotaskCredentials = z.infer<typeof AutotaskCredentialsSchema>;

export const ConnectWiseCredentialsSchema = z.strictObject({
  psa: z.literal('connectwise'),
  /** The site users sign in to, e.g. `na.myconnectwise.net`. */
  site: Field(253),
  /** The login company id (not a number). */
  companyId: Field(100),
  publicKey: Field(100),
  privateKey: Secret(256),
  /** The integration's clientId GUID from developer.connectwise.com. */
  clientId: Field(100),
  /** API host override (on-premises servers, the simulator); blank derives it from the site. */
  apiBaseUrl: ApiBaseUrlSchema,
});
export type ConnectWiseCredentials = z.infer<typeof ConnectWiseCredentialsSchema>;

export const PsaCredentialsSchema = z.discriminatedUnion('psa', [AutotaskCredentialsSchema, ConnectWiseCredentialsSchema]);
export type PsaCredentials = z.infer<typeof PsaCredentialsSchema>;

/** The renderer's whole view of a stored connection: never a secret. */
export const PsaConnectionStatusSchema = z.strictObject({
  psa: PsaKindSchema,
  configured: z.boolean(),
  /** e.g. the Autotask API username, or `acmemsp @ na.myconnectwise.net`. */
  accountHint: z.string().nullable(),
  apiBaseUrl: z.string().nullable(),
  /** False when the OS offers no secure keychain and the credentials live for this session only. */
  persisted: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
  lastError: z.strictObject({ kind: PsaErrorKindSchema, at: z.string() }).nullable(),
});
export type PsaConnectionStatus = z.infer<typeof PsaConnectionStatusSchema>;

/** What "Change credentials" keeps filled in: who and where, never a secret, key or code. */
export const PsaStoredFieldsSchema = z.discriminatedUnion('psa', [
  z.strictObject({ psa: z.literal('autotask'), username: z.string(), apiBaseUrl: z.string() }),
  z.strictObject({ psa: z.literal('connectwise'), site: z.string(), companyId: z.string(), apiBaseUrl: z.string() }),
]);
export type PsaStoredFields = z.infer<typeof PsaStoredFieldsSchema>;

export const ConnectionTestSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('connected'),
    /** What the PSA says about the tenant: Autotask zone name, ConnectWise company name. */
    tenant: z.string(),
    /** How many companies the API user can see. */
    companies: z.number().int().nonnegative(),
  }),
  z.strictObject({ outcome: z.literal('failed'), error: PsaErrorViewSchema }),
]);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

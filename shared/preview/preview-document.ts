/**
 * The document an import preview file (`.msp-preview`) holds, schema version 1: who saved it and when, which PSA
 * and integration (its non-secret identity only), the filter, the fetched snapshot, the reconciliation as the wizard
 * saw it, and every decision so far. The file's container (gzip, header, body lines, checksum) is
 * electron/main/preview/preview-file.ts; checks beyond the shape are preview-check.ts; older versions are migrated by
 * preview-migrations.ts.
 *
 * It holds NO credentials, tokens or password hashes: `integration` is the workspace's IntegrationIdentity (an
 * account hint and an API address) as a strict object whose address may carry no user information, query or
 * fragment, so nothing else can ride along.
 *
 * The decisions are the wizard's ImportDraft (shared/import/draft.ts) kept per company — one entry per company, so
 * the array is written and checked in slices like the rest (shared/preview/preview-draft.ts converts). The
 * reconciliation holds, besides the companies' rows, how each contact matched the workspace's users when saved
 * (`contactMatches`: only contacts that are not new; shared/preview/preview-contacts.ts turns them back into the
 * wizard's ImportContactRow).
 */
import { z } from 'zod';
import { CompanyChoiceSchema, MAX_NOTE_LENGTH, UserSelectionSchema } from '../import/draft';
import { ImportCompanyRowSchema, NotInPsaRowSchema } from '../import/session';
import { IntegrationIdentitySchema } from '../import/snapshot';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';
import type { PsaCompanyRecord, PsaContactRecord } from '../psa/records';

/** The header's `format`: what says "this is an import preview" before anything else is read. */
export const PREVIEW_FORMAT = 'msp-preview';
/** The schema version this build writes and reads; older ones are migrated on open, newer ones refused. */
export const PREVIEW_SCHEMA_VERSION = 1;
export const PREVIEW_FILE_EXTENSION = '.msp-preview';

/*
 * Limits. A file over any of them is refused ('too-large') before it can exhaust memory or time. The largest
 * case, 50,000 companies and 400,000 contacts, is about 82 MB of JSON and 8.5 MB compressed (bench:preview prints
 * both): the limits leave twice the companies, 2.5 × the contacts, and 4.5–7.5 × the bytes of that.
 */
/** Companies in the snapshot (and so rows of the reconciliation and decisions): twice the 50,000. */
export const MAX_PREVIEW_COMPANIES = 100_000;
/** Contacts in the snapshot: 2.5 × the 400,000. */
export const MAX_PREVIEW_CONTACTS = 1_000_000;
/** Rows of "not in the PSA" (mapped companies the fetch did not return). */
export const MAX_PREVIEW_NOT_IN_PSA = 100_000;
/** The compressed file on disk, checked before a byte is read: 64 MiB (the largest case is about 8.5 MB). */
export const MAX_PREVIEW_FILE_BYTES = 64 * 1024 * 1024;
/**
 * The decompressed content (header, body, trailer): 384 MiB (the largest case is about 82 MB). Decompression
 * stops here, so a small file that inflates without end (a "zip bomb") is refused, not followed.
 */
export const MAX_PREVIEW_JSON_BYTES = 384 * 1024 * 1024;
/** One line of the body: the writer keeps lines near 128 KiB; a longer one would hold the event loop while parsed. */
export const MAX_PREVIEW_LINE_BYTES = 8 * 1024 * 1024;
/** A technician's note on a company. */
export const MAX_PREVIEW_NOTE_CHARS = MAX_NOTE_LENGTH;

const Id = z.string().min(1).max(100);
const Timestamp = z.iso.datetime({ offset: true });
/** An http(s) address with no user information (`user:password@`), query or fragment: nothing secret fits. */
const ApiUrl = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/[^\s/@?#]+(\/[^\s?#@]*)?$/, 'An API address without user information, query or fragment');

export const PreviewCompanySchema = z.strictObject({
  psaId: Id,
  name: z.string(),
  typeLabel: z.string().nullable(),
  active: z.boolean(),
  lastModifiedAt: z.string().nullable(),
});
export const PreviewContactSchema = z.strictObject({
  psaId: Id,
  companyPsaId: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
});

/** Who saved the preview. */
export const PreviewCreatorSchema = z.strictObject({ adminId: Id, name: z.string().max(500) });

/**
 * The integration's non-secret identity: the workspace's IntegrationIdentity (account hint, API address), strict,
 * with the API address checked so no user information, query or fragment (where a secret could hide) rides along.
 */
export const PreviewIntegrationSchema = IntegrationIdentitySchema.extend({ apiBaseUrl: ApiUrl.nullable() });

/**
 * A company's decisions so far: the ImportDraft's entries for it (selected, the choice under "Manage", the users
 * under "Manage users" — keyed by contacts of this company — and the note). null: nothing chosen (the default).
 */
export const PreviewDecisionSchema = z.strictObject({
  psaCompanyId: Id,
  selected: z.boolean(),
  choice: CompanyChoiceSchema.nullable(),
  users: UserSelectionSchema.nullable(),
  note: z.string().max(MAX_PREVIEW_NOTE_CHARS).optional(),
});

/**
 * How a contact matched the workspace's users when the preview was saved (ImportContactRow's match, user,
 * emailChanged and importedBefore). Only contacts that are not new are listed: one not listed is 'new', with no user.
 */
export const PreviewContactMatchSchema = z.strictObject({
  psaContactId: Id,
  match: z.enum(['mapped', 'same-email']),
  user: z.strictObject({ id: z.string(), email: z.string() }),
  emailChanged: z.boolean(),
  importedBefore: z.boolean(),
});

export const PreviewDocumentSchema = z.strictObject({
  createdBy: PreviewCreatorSchema,
  createdAt: Timestamp,
  psa: PsaKindSchema,
  integration: PreviewIntegrationSchema,
  filter: PsaFilterSchema,
  fetchedAt: Timestamp,
  snapshot: z.strictObject({
    companies: z.array(PreviewCompanySchema).max(MAX_PREVIEW_COMPANIES),
    contacts: z.array(PreviewContactSchema).max(MAX_PREVIEW_CONTACTS),
  }),
  reconciliation: z.strictObject({
    inPsa: z.array(ImportCompanyRowSchema).max(MAX_PREVIEW_COMPANIES),
    notInPsa: z.array(NotInPsaRowSchema).max(MAX_PREVIEW_NOT_IN_PSA),
    contactMatches: z.array(PreviewContactMatchSchema).max(MAX_PREVIEW_CONTACTS),
  }),
  decisions: z.array(PreviewDecisionSchema).max(MAX_PREVIEW_COMPANIES),
});

export type PreviewCompany = z.infer<typeof PreviewCompanySchema>;
export type PreviewContact = z.infer<typeof PreviewContactSchema>;
export type PreviewIntegration = z.infer<typeof PreviewIntegrationSchema>;
export type PreviewDecision = z.infer<typeof PreviewDecisionSchema>;
export type PreviewContactMatch = z.infer<typeof PreviewContactMatchSchema>;
export type PreviewDocument = z.infer<typeof PreviewDocumentSchema>;

/**
 * A preview as opened: everything but the snapshot's contacts and the contacts' matches, which stay packed in main's
 * PreviewContactsStore (electron/main/preview/preview-file.ts) and are parsed a company at a time.
 */
export type PreviewOpenedDocument = Omit<PreviewDocument, 'snapshot' | 'reconciliation'> & {
  readonly snapshot: { readonly companies: PreviewCompany[] };
  readonly reconciliation: Omit<PreviewDocument['reconciliation'], 'contactMatches'>;
};

// The snapshot is the fetch's own records: a PsaCompanyRecord / PsaContactRecord is a preview's, and back.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCompany: Same<PreviewCompany, PsaCompanyRecord> = true;
const sameContact: Same<PreviewContact, PsaContactRecord> = true;
void sameCompany;
void sameContact;

/**
 * The arrays that make a preview big, in the order the body holds them. The file writes each in slices (one body
 * line per slice) and the checks walk them in slices, so neither holds the event loop.
 */
export const PREVIEW_BIG_ARRAYS = [
  ['snapshot', 'companies'],
  ['snapshot', 'contacts'],
  ['reconciliation', 'inPsa'],
  ['reconciliation', 'notInPsa'],
  ['reconciliation', 'contactMatches'],
  ['decisions'],
] as const;

/**
 * Everything that refuses a preview file (opening or saving), each with its message under `preview.problem.*`:
 *  - not-found / unreadable: the file is not there, or cannot be read (permissions, a device error);
 *  - too-large: over a limit above (the file, its decompressed content, a line, or a count);
 *  - not-gzip: not gzip-compressed at all; corrupt: gzip whose compressed data is damaged;
 *  - truncated: ends early (the gzip stream, or its content before the checksum);
 *  - not-json: the content is not JSON; not-a-preview: JSON, but not an import preview;
 *  - newer-version: saved by a newer MSP Roster (`version` says which schema version);
 *  - checksum-mismatch: the content is not what was saved (edited or damaged);
 *  - invalid: a value of the wrong type or shape (`path` says where);
 *  - duplicate-id: a company or contact (or a row or decision for one) twice;
 *  - unknown-id: a contact, reconciliation row, contact match or decision naming a company or contact not in the
 *    snapshot (or a decision's users naming a contact of another company);
 *  - write-failed: saving failed (folder gone, read-only, disk full): no file and no temporary file is left.
 */
export const PREVIEW_PROBLEMS = [
  'not-found',
  'unreadable',
  'too-large',
  'not-gzip',
  'corrupt',
  'truncated',
  'not-json',
  'not-a-preview',
  'newer-version',
  'checksum-mismatch',
  'invalid',
  'duplicate-id',
  'unknown-id',
  'write-failed',
] as const;
export type PreviewProblem = (typeof PREVIEW_PROBLEMS)[number];

/** Why a file was refused: the problem, a technical detail (English, for the log), and where it applies. */
export interface PreviewProblemInfo {
  readonly problem: PreviewProblem;
  readonly detail: string;
  /** newer-version (and migrations): the file's schema version. */
  readonly version?: number;
  /** invalid, duplicate-id, unknown-id: where in the document. */
  readonly path?: readonly (string | number)[];
}

/** The i18n key of a problem's message (EN and NL; each says what to do). */
export function previewProblemKey(problem: PreviewProblem): `preview.problem.${PreviewProblem}` {
  return `preview.problem.${problem}`;
}

/**
 * Import Technicians (Technici importeren): the file's columns in the seed's required order, what a request
 * carries, and the import summary (importoverzicht). The file is parsed in main (electron/main/org/...); the
 * renderer only picks it, sends its bytes, and shows the summary.
 */
import { z } from 'zod';
import { GroupIdSchema } from './schemas';

/** Every header required, in this order (the seed: "the headers MUST stay in their original order"). */
export const TECHNICIAN_FILE_HEADERS = [
  'Name',
  'Nickname',
  'Email',
  'Single sign-on ID',
  'Description',
  'Password',
  'Enabled',
  'Standard license',
  'Mobile license',
  'Technician group ID',
] as const;
export type TechnicianFileHeader = (typeof TECHNICIAN_FILE_HEADERS)[number];

/** The seed's limit: at most 500 users per file. */
export const MAX_TECHNICIANS_PER_FILE = 500;
/** Far above any 500-row file (about 1 MB with every field at its longest); larger files are refused unread. */
export const MAX_TECHNICIAN_FILE_BYTES = 4 * 1024 * 1024;

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export const CsvDelimiterSchema = z.enum(CSV_DELIMITERS);
export type CsvDelimiter = z.infer<typeof CsvDelimiterSchema>;

/** Why a whole file is refused before anything is written. */
export const FILE_PROBLEMS = [
  'too-large',
  'empty',
  'not-csv-or-json',
  'encoding',
  'headers-missing',
  'headers-order',
  'headers-unknown',
  'too-many-rows',
  'no-rows',
  'json-shape',
  'malformed',
] as const;
export const FileProblemSchema = z.enum(FILE_PROBLEMS);
export type FileProblem = z.infer<typeof FileProblemSchema>;

/** Why one row failed (the others import). */
export const ROW_PROBLEMS = [
  'name-missing',
  'email-missing',
  'email-invalid',
  'password-missing',
  'password-weak',
  'enabled-invalid',
  'standard-license-invalid',
  'mobile-license-invalid',
  'column-count',
  'value-type',
  'group-id-missing',
  'group-id-invalid',
  'group-not-found',
  'group-not-in-scope',
  'field-too-long',
  'email-taken',
  'email-repeated',
  'sso-id-taken',
  'standard-licenses-exhausted',
  'mobile-licenses-exhausted',
] as const;
export const RowProblemSchema = z.enum(ROW_PROBLEMS);
export type RowProblem = z.infer<typeof RowProblemSchema>;

const MAX_BASE64 = Math.ceil(((64 * 1024 * 1024) / 3) * 4);

/** Upload file: the file is read and checked, and its passwords scored and hashed, before *Start import*. */
export const TechnicianFileCheckRequestSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64: the core decides what they are (a request can be far larger than a valid file, and is refused by size). */
  contentBase64: z.string().max(MAX_BASE64),
  /** The delimiter chosen on the page; a file that clearly uses another of the three is read with that one. */
  delimiter: CsvDelimiterSchema,
});
export type TechnicianFileCheckRequest = z.infer<typeof TechnicianFileCheckRequestSchema>;

/** Which file was read, and how: the check and the summary both say it. */
const ReadFileShape = {
  fileName: z.string(),
  format: z.enum(['csv', 'json']),
  /** The CSV delimiter the file was read with (the chosen one, or the one the file clearly uses); null for JSON. */
  delimiter: CsvDelimiterSchema.nullable(),
};

/** What the check found, shown before *Start import*; rows' own outcomes come with the summary. */
export const TechnicianFileCheckSchema = z.strictObject({
  /** Names this check for *Start import*; a new upload replaces it. */
  checkId: z.string().uuid(),
  ...ReadFileShape,
  rows: z.number().int().nonnegative(),
  /** Rows whose email is a technician's already. */
  present: z.number().int().nonnegative(),
  /** Rows with a problem in their own cells (an empty required field, a bad email, …). */
  invalid: z.number().int().nonnegative(),
  /** Passwords below the password policy. */
  weakPasswords: z.number().int().nonnegative(),
});
export type TechnicianFileCheck = z.infer<typeof TechnicianFileCheckSchema>;

/** *Start import*: the checked file into the target group. */
export const TechnicianImportRequestSchema = z.strictObject({
  checkId: z.string().uuid(),
  /** The chosen target group ("Search technician group …"); null when every row carries a valid technician group ID. */
  targetGroupId: GroupIdSchema.nullable(),
});
export type TechnicianImportRequest = z.infer<typeof TechnicianImportRequestSchema>;

export const ImportRowOutcomeSchema = z.strictObject({
  /** The file's line (CSV, counting the header as 1) or the array position + 1 (JSON). */
  line: z.number().int().positive(),
  name: z.string(),
  email: z.string(),
  groupId: GroupIdSchema.nullable(),
  outcome: z.enum(['created', 'present', 'failed']),
  /** Why it failed; null when created or already present. */
  problem: RowProblemSchema.nullable(),
  /** The column the problem is in, when it is in one. */
  column: z.enum(TECHNICIAN_FILE_HEADERS).nullable(),
});
export type ImportRowOutcome = z.infer<typeof ImportRowOutcomeSchema>;

export const TechnicianImportSummarySchema = z.strictObject({
  ...ReadFileShape,
  created: z.number().int().nonnegative(),
  present: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  rows: z.array(ImportRowOutcomeSchema).max(MAX_TECHNICIANS_PER_FILE),
});
export type TechnicianImportSummary = z.infer<typeof TechnicianImportSummarySchema>;

/**
 * A refused file's details (TECH_IMPORT_FILE_REFUSED `fields`): `problem` always; `line` where the problem is
 * (the CSV line counting the header as 1, or the JSON item), and `header` for header problems.
 */
export const FileRefusalFieldsSchema = z.object({
  problem: FileProblemSchema,
  line: z.string().regex(/^[0-9]+$/).optional(),
  header: z.string().optional(),
});
export type FileRefusalFields = z.infer<typeof FileRefusalFieldsSchema>;

/** Where an import is while the user waits: reading the file, checking rows and passwords, hashing, writing. */
export const TechnicianImportProgressSchema = z.strictObject({
  stage: z.enum(['reading', 'checking', 'securing', 'writing']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TechnicianImportProgress = z.infer<typeof TechnicianImportProgressSchema>;

/** Boolean cells: true/false, yes/no, 1/0 and ja/nee, in any case (the sample files say so). */
export const TRUE_WORDS = ['true', 'yes', '1', 'ja'] as const;
export const FALSE_WORDS = ['false', 'no', '0', 'nee'] as const;

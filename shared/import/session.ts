/** What the import wizard shows: the reconciled companies, the "not in" list, and a company's contacts. */
import { z } from 'zod';

const Ref = z.strictObject({ id: z.string(), name: z.string() });

export const ImportStatusSchema = z.enum(['mapped', 'unmapped', 'possible-duplicate', 'ambiguous-duplicate']);

export const ImportCompanyRowSchema = z.strictObject({
  psaCompanyId: z.string(),
  name: z.string(),
  typeLabel: z.string().nullable(),
  active: z.boolean(),
  status: ImportStatusSchema,
  /** The mapped company, or the one a possible duplicate would map to. */
  managedCompany: Ref.nullable(),
  /** Same-named unmapped managed companies (for ambiguous duplicates, the user picks). */
  candidates: z.array(Ref),
  lastImportedAt: z.string().nullable(),
  /** A mapped company renamed in the PSA since its last import: its PSA name then (null if not renamed). */
  renamedFrom: z.string().nullable(),
  contacts: z.number().int().nonnegative(),
});
export type ImportCompanyRow = z.infer<typeof ImportCompanyRowSchema>;

export const NotInPsaRowSchema = z.strictObject({
  psaCompanyId: z.string(),
  psaNameAtMapping: z.string(),
  managedCompany: Ref,
  lastImportedAt: z.string(),
});
export type NotInPsaRow = z.infer<typeof NotInPsaRowSchema>;

export const ReconciliationSchema = z.strictObject({ inPsa: z.array(ImportCompanyRowSchema), notInPsa: z.array(NotInPsaRowSchema) });
export type ReconciliationView = z.infer<typeof ReconciliationSchema>;

export const ImportContactRowSchema = z.strictObject({
  psaContactId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  match: z.enum(['mapped', 'same-email', 'new']),
  user: z.strictObject({ id: z.string(), email: z.string() }).nullable(),
  emailChanged: z.boolean(),
  /** Imported before: preselected in "Manage users", as the seed says. */
  importedBefore: z.boolean(),
});
export type ImportContactRow = z.infer<typeof ImportContactRowSchema>;

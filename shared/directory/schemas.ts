/** The managed-companies directory as the renderer sees it. */
import { z } from 'zod';
import { PsaKindSchema } from '../psa/kinds';

export const ManagedCompanySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  origin: z.enum(['manual', 'psa-import']),
  createdAt: z.string(),
  /** When an import last met one of its PSA companies; null if never (created by hand and never mapped). */
  lastImportedAt: z.string().nullable(),
  users: z.number().int().nonnegative(),
  licensedUsers: z.number().int().nonnegative(),
  /** `goneFromPsa`: the last download of that PSA found the PSA company no longer there (deleted). */
  mappings: z.array(z.strictObject({ psa: PsaKindSchema, psaCompanyId: z.string(), goneFromPsa: z.boolean() })),
});
export type ManagedCompany = z.infer<typeof ManagedCompanySchema>;

export const ManagedUserSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });
export type ManagedUser = z.infer<typeof ManagedUserSchema>;

export const CompanyNameSchema = z.string().trim().min(1, 'Enter a company name').max(200, 'Company name is too long');

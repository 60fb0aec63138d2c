/**
 * What we accept from ConnectWise PSA 3.0 (psa-apis.md §B). Extra fields are
 * fine everywhere; records drop them (plain objects), which also keeps
 * validating a 1,000-record page cheap.
 */
import { z } from 'zod';

const Id = z.number().int();
const Reference = z.object({ id: Id, name: z.string().optional() });

/** `login/companyinfo` answers JSON null for an unknown company id (B.1). */
export const CompanyInfoSchema = z.looseObject({ Codebase: z.string().min(1), CompanyName: z.string().optional() }).nullable();

export const CountSchema = z.looseObject({ count: z.number().int().nonnegative() });

export const CwCompanySchema = z.object({
  id: Id,
  name: z.string(),
  status: Reference.nullable().optional(),
  types: z.array(Reference).optional(),
  deletedFlag: z.boolean().optional(),
  _info: z.object({ lastUpdated: z.string().optional() }).optional(),
});
export type CwCompany = z.infer<typeof CwCompanySchema>;

export const CwCommunicationItemSchema = z.object({
  value: z.string().nullable().optional(),
  communicationType: z.string().optional(),
  defaultFlag: z.boolean().optional(),
});

export const CwContactSchema = z.object({
  id: Id,
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  company: Reference.nullable().optional(),
  /** Inverted compared with Autotask's isActive (B.7). */
  inactiveFlag: z.boolean(),
  communicationItems: z.array(CwCommunicationItemSchema).optional(),
});
export type CwContact = z.infer<typeof CwContactSchema>;

/** Statuses, types, territories (system locations) and markets: id, name and sometimes an inactive flag. */
export const CwNamedSchema = z.looseObject({ id: Id, name: z.string(), inactiveFlag: z.boolean().optional() });
export type CwNamed = z.infer<typeof CwNamedSchema>;

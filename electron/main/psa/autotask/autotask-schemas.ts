/** What we accept from Autotask (psa-apis.md A.1–A.8). Loose objects: extra fields are fine, missing or mistyped ones are not. */
import { z } from 'zod';

/** `ci` identifies the tenant (its database); documented, but treated as optional until seen on every zone. */
export const ZoneInformationSchema = z.looseObject({ zoneName: z.string(), url: z.string().min(1), ci: z.number().int().optional() });

export const PageDetailsSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  requestCount: z.number().int().nonnegative(),
  prevPageUrl: z.string().nullable(),
  nextPageUrl: z.string().nullable(),
});

export function queryPageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ items: z.array(item), pageDetails: PageDetailsSchema });
}

export const QueryCountSchema = z.looseObject({ queryCount: z.number().int().nonnegative() });

const Id = z.number().int();
const OptionalId = Id.nullable().optional();

export const CompanyItemSchema = z.object({
  id: Id,
  companyName: z.string(),
  companyType: OptionalId,
  /** Boolean on Company (unlike Contact). */
  isActive: z.boolean(),
  lastTrackedModifiedDateTime: z.string().nullable().optional(),
});
export type CompanyItem = z.infer<typeof CompanyItemSchema>;

export const ContactItemSchema = z.object({
  id: Id,
  companyID: Id,
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  emailAddress: z.string().nullable().optional(),
  /** An integer 0/1 on Contact, not a boolean (A.7). */
  isActive: z.number().int(),
});
export type ContactItem = z.infer<typeof ContactItemSchema>;

export const PicklistValueSchema = z.looseObject({ value: z.string(), label: z.string(), isActive: z.boolean() });

export const FieldsSchema = z.looseObject({
  fields: z.array(
    z.looseObject({
      name: z.string(),
      isPickList: z.boolean(),
      picklistValues: z.array(PicklistValueSchema).nullable(),
    }),
  ),
});
export type FieldsResponse = z.infer<typeof FieldsSchema>;

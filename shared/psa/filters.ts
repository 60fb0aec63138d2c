/**
 * Filter attributes read from the tenant, and a chosen filter. Values are the
 * PSA's own ids (Autotask picklist values, ConnectWise record ids), never
 * hard-coded; labels are what the PSA calls them.
 */
import { z } from 'zod';

export const FilterOptionSchema = z.strictObject({ id: z.number().int(), label: z.string(), active: z.boolean() });
export type FilterOption = z.infer<typeof FilterOptionSchema>;

/** One attribute the user can filter companies on, e.g. company type; the renderer names it by key. */
export const FilterAttributeSchema = z.strictObject({
  key: z.enum(['companyType', 'classification', 'territory', 'marketSegment', 'status', 'market']),
  options: z.array(FilterOptionSchema),
});
export type FilterAttribute = z.infer<typeof FilterAttributeSchema>;
export type FilterKey = FilterAttribute['key'];

export const ActiveStateSchema = z.enum(['active', 'inactive', 'any']);

export const PsaFilterSchema = z.strictObject({
  /** Attribute → selected ids; an empty or missing list does not filter. */
  companies: z.partialRecord(FilterAttributeSchema.shape.key, z.array(z.number().int()).max(500)),
  /** Autotask's active state (ConnectWise uses its statuses instead). */
  companyActiveState: ActiveStateSchema,
  contacts: z.strictObject({ activeOnly: z.boolean(), withEmailOnly: z.boolean() }),
});
export type PsaFilter = z.infer<typeof PsaFilterSchema>;

export const DEFAULT_PSA_FILTER: PsaFilter = {
  companies: {},
  companyActiveState: 'active',
  contacts: { activeOnly: true, withEmailOnly: true },
};

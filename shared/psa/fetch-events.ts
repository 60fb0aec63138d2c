/** Schemas for the fetch job's events and the filter-attribute answer. */
import { z } from 'zod';
import { PsaErrorViewSchema } from './errors';
import { FilterAttributeSchema } from './filters';

export const FetchProgressEventSchema = z.strictObject({
  jobId: z.string(),
  phase: z.enum(['companies', 'contacts']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});

export const FetchFinishedEventSchema = z.strictObject({
  jobId: z.string(),
  outcome: z.enum(['completed', 'cancelled', 'failed']),
  error: PsaErrorViewSchema.nullable(),
  companies: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
});
export type FetchFinishedEvent = z.infer<typeof FetchFinishedEventSchema>;

/** The filter step's count: "about N companies", a PSA error to show, or a newer count took its place. */
export const CompanyCountResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('counted'), count: z.number().int().nonnegative() }),
  z.strictObject({ outcome: z.literal('superseded') }),
  z.strictObject({ outcome: z.literal('failed'), error: PsaErrorViewSchema }),
]);
export type CompanyCountResult = z.infer<typeof CompanyCountResultSchema>;

export const FilterAttributesResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('ok'), attributes: z.array(FilterAttributeSchema) }),
  z.strictObject({ outcome: z.literal('failed'), error: PsaErrorViewSchema }),
]);

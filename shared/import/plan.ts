/**
 * What the import wizard asks main to do (the LastPass seed, steps 5–8), and
 * what came of it (step 9, the results page). Keyed by PSA ids throughout.
 */
import { z } from 'zod';
import { OutcomeErrorSchema } from './outcome-errors';

const Id = z.string().min(1).max(100);

/**
 * Create a new managed company (the default), or use an existing one ("Manage" → company details).
 * `replacing` names the managed company a mapped PSA company is moved away from ("Unmap and create as
 * new managed company"); a re-run after that move already happened finds it done and changes nothing.
 */
export const CompanyActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), replacing: Id.optional() }),
  z.strictObject({ kind: z.literal('map'), managedCompanyId: Id, replacing: Id.optional() }),
]);

/**
 * Create a new user, or map the contact to an existing user of the company ("Manage users" → user details).
 * `replacing` names the user a mapped contact is moved away from ("Unmap and create as new user").
 */
export const UserActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), replacing: Id.optional() }),
  z.strictObject({ kind: z.literal('map'), userId: Id, replacing: Id.optional() }),
]);

export const ImportPlanSchema = z.strictObject({
  companies: z
    .array(
      z.strictObject({
        psaCompanyId: Id,
        action: CompanyActionSchema,
        /** "Update the managed company's name": a mapped company renamed in the PSA takes the PSA's new name. */
        updateName: z.literal(true).optional(),
        /**
         * The contacts granted access: "previous", those imported before (the seed's preselection); "all",
         * every contact of the company with an email address; or a list. The rest are left alone.
         */
        users: z.union([z.literal('previous'), z.literal('all'), z.array(z.strictObject({ psaContactId: Id, action: UserActionSchema })).max(10_000)]),
      }),
    )
    .max(100_000)
    .superRefine((companies, context) => {
      const repeated = repeatedInPlan(companies);
      if (repeated) context.addIssue({ code: 'custom', message: repeated });
    }),
});
export type ImportPlan = z.infer<typeof ImportPlanSchema>;

/** A company or contact named twice makes a plan ambiguous; the message says which kind. */
export function repeatedInPlan(companies: ReadonlyArray<{ readonly psaCompanyId: string; readonly users: string | ReadonlyArray<{ readonly psaContactId: string }> }>): string | null {
  const companyIds = new Set<string>();
  const contactIds = new Set<string>();
  for (const company of companies) {
    if (companyIds.has(company.psaCompanyId)) return 'A company appears twice in the plan';
    companyIds.add(company.psaCompanyId);
    if (typeof company.users === 'string') continue;
    for (const user of company.users) {
      if (contactIds.has(user.psaContactId)) return 'A contact appears twice in the plan';
      contactIds.add(user.psaContactId);
    }
  }
  return null;
}

export const CompanyOutcomeSchema = z.strictObject({
  psaCompanyId: z.string(),
  name: z.string(),
  outcome: z.enum(['created', 'mapped', 'failed']),
  managedCompanyId: z.string().nullable(),
  error: OutcomeErrorSchema.nullable(),
  /** Technical detail, if any; the message and what to do come from the error kind. */
  detail: z.string().nullable(),
});
export type CompanyOutcome = z.infer<typeof CompanyOutcomeSchema>;

export const UserOutcomeSchema = z.strictObject({
  psaContactId: z.string(),
  psaCompanyId: z.string(),
  email: z.string().nullable(),
  outcome: z.enum(['imported', 'mapped', 'failed']),
  userId: z.string().nullable(),
  error: OutcomeErrorSchema.nullable(),
  detail: z.string().nullable(),
});
export type UserOutcome = z.infer<typeof UserOutcomeSchema>;

export const ImportResultsSchema = z.strictObject({
  companies: z.array(CompanyOutcomeSchema),
  users: z.array(UserOutcomeSchema),
});
export type ImportResults = z.infer<typeof ImportResultsSchema>;

/**
 * The history of every import cycle ("Import history"), and what undoing one
 * reverses. A cycle is one "Continue" of the import wizard: who, when, which
 * PSA and filter, its counts and errors, and every change it made to the
 * workspace with the state before it, so the last cycle can be undone.
 */
import { z } from 'zod';
import { OutcomeErrorSchema } from './outcome-errors';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';

/** How many of each change a cycle made: what the history lists and the undo confirmation names. */
export const ChangeCountsSchema = z.strictObject({
  companiesCreated: z.number().int().nonnegative(),
  companiesMapped: z.number().int().nonnegative(),
  companiesUnmapped: z.number().int().nonnegative(),
  companiesRenamed: z.number().int().nonnegative(),
  usersCreated: z.number().int().nonnegative(),
  usersMapped: z.number().int().nonnegative(),
  usersUnmapped: z.number().int().nonnegative(),
  seatsGranted: z.number().int().nonnegative(),
  emailsChanged: z.number().int().nonnegative(),
});
export type ChangeCounts = z.infer<typeof ChangeCountsSchema>;

export const NO_CHANGES: ChangeCounts = {
  companiesCreated: 0,
  companiesMapped: 0,
  companiesUnmapped: 0,
  companiesRenamed: 0,
  usersCreated: 0,
  usersMapped: 0,
  usersUnmapped: 0,
  seatsGranted: 0,
  emailsChanged: 0,
};

/** The results page's counts, as the wizard showed them. */
export const OutcomeCountsSchema = z.strictObject({
  companies: z.strictObject({ created: z.number().int().nonnegative(), mapped: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
  users: z.strictObject({ imported: z.number().int().nonnegative(), mapped: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export const CycleCountsSchema = z.strictObject({ outcomes: OutcomeCountsSchema, changes: ChangeCountsSchema });
export type CycleCounts = z.infer<typeof CycleCountsSchema>;

export const EMPTY_CYCLE_COUNTS: CycleCounts = {
  outcomes: { companies: { created: 0, mapped: 0, failed: 0 }, users: { imported: 0, mapped: 0, failed: 0 } },
  changes: NO_CHANGES,
};

/** `applying`: still running, or stopped half-way (a crash); `undone`: reversed by "Undo". */
export const CycleStatusSchema = z.enum(['applying', 'completed', 'undone']);
export type CycleStatus = z.infer<typeof CycleStatusSchema>;

export const ImportCycleSchema = z.strictObject({
  id: z.string(),
  psa: PsaKindSchema,
  actorName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  filter: PsaFilterSchema.nullable(),
  status: CycleStatusSchema,
  counts: CycleCountsSchema,
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  /** Only the workspace's last cycle that is not undone can be undone (refusals are checked again on undo). */
  undoable: z.boolean(),
});
export type ImportCycle = z.infer<typeof ImportCycleSchema>;

/** One failed company or user, as the results page showed it. */
export const CycleErrorSchema = z.strictObject({
  type: z.enum(['company', 'user']),
  psaId: z.string(),
  /** The company's name (for a user: the company it belongs to). */
  name: z.string(),
  email: z.string().nullable(),
  error: OutcomeErrorSchema,
  detail: z.string().nullable(),
});
export type CycleError = z.infer<typeof CycleErrorSchema>;

export const CHANGE_KINDS = ['company-created', 'company-mapped', 'company-unmapped', 'company-renamed', 'user-created', 'user-mapped', 'user-unmapped', 'seat-granted', 'email-changed'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** One change, as the CSV export lists it (mapping refreshes are left out: they change nothing a technician sees). */
export const CycleChangeRowSchema = z.strictObject({
  change: ChangeKindSchema,
  psaId: z.string(),
  managedId: z.string(),
  name: z.string(),
  email: z.string(),
  before: z.string(),
  after: z.string(),
});
export type CycleChangeRow = z.infer<typeof CycleChangeRowSchema>;

export const ImportCycleDetailSchema = z.strictObject({ cycle: ImportCycleSchema, errors: z.array(CycleErrorSchema) });
export type ImportCycleDetail = z.infer<typeof ImportCycleDetailSchema>;

/**
 * The technician's decisions so far in an import (a draft plan): which companies are selected, the choices made
 * under "Manage" and "Manage users", and a note per company. Kept with the download's snapshot in the workspace,
 * so a wizard survives a restart, and carried by a saved preview. Pure: the renderer builds the plan from it.
 */
import { z } from 'zod';
import type { ImportCompanyRow } from './session';

const Id = z.string().min(1).max(100);
/** As many companies as a plan may hold. */
export const MAX_DRAFT_COMPANIES = 100_000;
export const MAX_NOTE_LENGTH = 2_000;

export const CompanyChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), replacing: Id.optional() }),
  z.strictObject({
    kind: z.literal('map'),
    managedCompanyId: Id,
    managedCompanyName: z.string().max(500),
    replacing: Id.optional(),
    updateName: z.literal(true).optional(),
  }),
]);
export type CompanyChoice = z.infer<typeof CompanyChoiceSchema>;

export const UserChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), replacing: Id.optional() }),
  z.strictObject({ kind: z.literal('map'), userId: Id, userLabel: z.string().max(500), replacing: Id.optional() }),
]);
export type UserChoice = z.infer<typeof UserChoiceSchema>;

export const UserSelectionSchema = z.union([z.literal('all'), z.record(Id, UserChoiceSchema)]);
export type UserSelection = z.infer<typeof UserSelectionSchema>;

const bounded = <S extends z.ZodType<Record<string, unknown>>>(schema: S) =>
  schema.refine((record) => Object.keys(record).length <= MAX_DRAFT_COMPANIES, { message: `At most ${MAX_DRAFT_COMPANIES} companies` });

export const ImportDraftSchema = z.strictObject({
  /** Selected PSA company ids. */
  selected: bounded(z.record(Id, z.literal(true))),
  /** Choices made under "Manage"; companies without one use the default. */
  companies: bounded(z.record(Id, CompanyChoiceSchema)),
  /** Per company, the contacts granted access ("all", or those chosen under "Manage users"). */
  users: bounded(z.record(Id, UserSelectionSchema)),
  /** The technician's note per company (a preview reviewed with a colleague, say). */
  notes: bounded(z.record(Id, z.string().max(MAX_NOTE_LENGTH))),
});
export type ImportDraft = z.infer<typeof ImportDraftSchema>;

export const EMPTY_DRAFT: ImportDraft = { selected: {}, companies: {}, users: {}, notes: {} };

/**
 * What a company gets when the technician chose nothing for it (the seed's defaults): mapped companies stay mapped,
 * possible duplicates map to their namesake, unmapped ones become new managed companies; an ambiguous duplicate
 * waits for a choice (null).
 */
export function defaultChoice(row: ImportCompanyRow): CompanyChoice | null {
  if ((row.status === 'mapped' || row.status === 'possible-duplicate') && row.managedCompany) {
    return { kind: 'map', managedCompanyId: row.managedCompany.id, managedCompanyName: row.managedCompany.name };
  }
  return row.status === 'unmapped' ? { kind: 'create' } : null;
}

export function effectiveChoice(row: ImportCompanyRow, draft: Pick<ImportDraft, 'companies'>): CompanyChoice | null {
  return draft.companies[row.psaCompanyId] ?? defaultChoice(row);
}

/**
 * The draft with each selected company's default written in, as the rows show it: what the technician saw and
 * accepted. An apply-later reconciles the download again; a default that would come out differently there (a
 * namesake made since turns "create" into "map") must not change the decision unseen.
 */
export function withDefaultsWritten(rows: readonly ImportCompanyRow[], draft: ImportDraft): ImportDraft {
  const companies = { ...draft.companies };
  for (const row of rows) {
    if (!draft.selected[row.psaCompanyId] || companies[row.psaCompanyId]) continue;
    const choice = defaultChoice(row);
    if (choice) companies[row.psaCompanyId] = choice;
  }
  return { ...draft, companies };
}

/** Whether two drafts hold the same decisions (whatever order their entries were made in). */
export function sameDraft(a: ImportDraft, b: ImportDraft): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

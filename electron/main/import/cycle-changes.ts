/**
 * Every change an import cycle makes, with what was there before: recorded by
 * the apply (CycleRecorder, written in each batch's own transaction) and read
 * back to list, export and undo the cycle. Compact tuples, not objects: a big
 * import makes one per company and user, and `bench:apply` watches the cost.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EMPTY_CYCLE_COUNTS, type ChangeCounts, type CycleCounts, type CycleError } from '../../../shared/import/history';
import { OutcomeErrorSchema } from '../../../shared/import/outcome-errors';
import type { ImportResults } from '../../../shared/import/plan';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import * as history from '../db/repositories/import-history';
import type { SqlWriter } from '../db/workspace';

const S = z.string();
const N = z.string().nullable();

/** [kind, …]: see each kind's fields in CHANGE_TUPLES. `at`: the time the import wrote on the row. */
export const ChangeSchema = z.union([
  /** A managed company created, with its mapping to the PSA company. */
  z.tuple([z.literal('cc'), S, S, S]), // companyId, psaCompanyId, name
  /** A PSA company mapped to an existing managed company. */
  z.tuple([z.literal('cm'), S, S, S]), // companyId, psaCompanyId, psaName
  /** "Unmap": a company mapping removed (the whole row before). */
  z.tuple([z.literal('cu'), S, S, S, N, S, S]), // companyId, psaCompanyId, psaNameAtMapping, mappedBy, mappedAt, lastImportedAt
  /** An existing company mapping imported again (its last_imported_at before, and the one written). */
  z.tuple([z.literal('ct'), S, S, S, S]), // psaCompanyId, before, at, psaNameBefore (an import records the PSA's current name)
  /** A managed company renamed to the PSA's name. */
  z.tuple([z.literal('cr'), S, S, S]), // companyId, from, to
  /** A user created (with a seat), with its contact mapping. */
  z.tuple([z.literal('uc'), S, S, S, S, S, S]), // userId, companyId, psaContactId, email, name, at
  /**
   * The same, for a new company's users (the apply's fast path, a big import's bulk): only the contact, so the
   * record stays small. The user is the contact's mapping; its company the last 'cc' before it. An undo turns
   * each into a full 'uc' before it removes the user, so an undone cycle still exports who it had created.
   */
  z.tuple([z.literal('un'), S]), // psaContactId
  /** A PSA contact mapped to an existing user. */
  z.tuple([z.literal('um'), S, S, N]), // userId, psaContactId, email
  /** "Unmap": a contact mapping removed (the whole row before). */
  z.tuple([z.literal('uu'), S, S, N, N, S, S]), // userId, psaContactId, psaEmailAtMapping, mappedBy, mappedAt, lastImportedAt
  /** An existing contact mapping imported again. */
  z.tuple([z.literal('ut'), S, S, S]), // psaContactId, before, at
  /** A seat granted to an existing user. */
  z.tuple([z.literal('sg'), S, S, S]), // userId, updatedAtBefore, at
  /** A user's email changed to the PSA's. */
  z.tuple([z.literal('ec'), S, S, S, S, S]), // userId, from, to, updatedAtBefore, at
]);
export type Change = z.infer<typeof ChangeSchema>;

/** [type, psaId, name, email, error, detail]. */
export const ErrorTupleSchema = z.tuple([z.enum(['company', 'user']), S, S, N, OutcomeErrorSchema, N]);
type ErrorTuple = z.infer<typeof ErrorTupleSchema>;

const COUNTED: Partial<Record<Change[0], keyof ChangeCounts>> = {
  cc: 'companiesCreated',
  cm: 'companiesMapped',
  cu: 'companiesUnmapped',
  cr: 'companiesRenamed',
  uc: 'usersCreated',
  un: 'usersCreated',
  um: 'usersMapped',
  uu: 'usersUnmapped',
  sg: 'seatsGranted',
  ec: 'emailsChanged',
};

/** The changes of one batch, in the order they were made (an undo reverses them in the opposite order). */
export class BatchChanges {
  readonly list: Change[] = [];

  add(change: Change): void {
    this.list.push(change);
  }
}

export interface CycleInfo {
  readonly psa: PsaKind;
  readonly actorId: string;
  readonly actorName: string;
  readonly filter: PsaFilter | null;
}

/** One import cycle being applied: its row is written with the first batch, its changes with each. */
export class CycleRecorder {
  readonly id = randomUUID();
  private batch = 0;
  private readonly counts: { outcomes: CycleCounts['outcomes']; changes: Record<keyof ChangeCounts, number> } = structuredClone(EMPTY_CYCLE_COUNTS);

  constructor(private readonly info: CycleInfo) {}

  /** In the batch's transaction, after its writes: the batch's changes and errors, and the cycle's counts so far. */
  async recordBatch(tx: SqlWriter, changes: BatchChanges, results: ImportResults, companyName: (psaCompanyId: string) => string, at: string, last: boolean): Promise<void> {
    if (this.batch === 0) {
      await history.insertCycle(tx, {
        id: this.id,
        psa: this.info.psa,
        actorId: this.info.actorId,
        actorName: this.info.actorName,
        filter: this.info.filter ? JSON.stringify(this.info.filter) : null,
        startedAt: at,
        counts: JSON.stringify(this.counts),
      });
    }
    for (const change of changes.list) {
      const counted = COUNTED[change[0]];
      if (counted) this.counts.changes[counted]++;
    }
    const errors: ErrorTuple[] = [];
    const { companies, users } = this.counts.outcomes;
    for (const company of results.companies) {
      companies[company.outcome]++;
      if (company.error) errors.push(['company', company.psaCompanyId, company.name || companyName(company.psaCompanyId), null, company.error, company.detail]);
    }
    for (const user of results.users) {
      users[user.outcome]++;
      if (user.error) errors.push(['user', user.psaContactId, companyName(user.psaCompanyId), user.email, user.error, user.detail]);
    }
    await history.recordBatch(tx, this.id, this.batch, JSON.stringify(changes.list), JSON.stringify(errors), JSON.stringify(this.counts), last ? at : null);
    this.batch++;
  }
}

export function parseErrors(json: string): CycleError[] {
  return z
    .array(ErrorTupleSchema)
    .parse(JSON.parse(json))
    .map(([type, psaId, name, email, error, detail]) => ({ type, psaId, name, email, error, detail }));
}

export function parseChanges(json: string): Change[] {
  return z.array(ChangeSchema).parse(JSON.parse(json));
}

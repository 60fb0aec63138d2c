/** Queries on the import history (import_cycles, import_cycle_batches) and the statements an undo runs on the directory. */
import type { PsaKind } from '../../../../shared/psa/kinds';
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';
import { emailKey } from './directory';

export interface CycleRow {
  readonly seq: number;
  readonly id: string;
  readonly psa: string;
  readonly actorName: string;
  readonly filter: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: string;
  readonly counts: string;
  readonly undoneAt: string | null;
  readonly undoneBy: string | null;
}

const cycles = (db: SqlReader) =>
  db.q
    .selectFrom('import_cycles')
    .select(['seq', 'id', 'psa', 'actor_name as actorName', 'filter', 'started_at as startedAt', 'finished_at as finishedAt', 'status', 'counts', 'undone_at as undoneAt', 'undone_by as undoneBy']);

export async function insertCycle(
  db: SqlWriter,
  cycle: { id: string; psa: PsaKind; actorId: string; actorName: string; filter: string | null; startedAt: string; counts: string },
): Promise<void> {
  await db.execute(
    db.q.insertInto('import_cycles').values({
      id: cycle.id,
      psa: cycle.psa,
      actor_id: cycle.actorId,
      actor_name: cycle.actorName,
      filter: cycle.filter,
      started_at: cycle.startedAt,
      status: 'applying',
      counts: cycle.counts,
    }),
  );
}

/** One batch of the apply: its changes and errors (JSON), and the cycle's counts so far; `finishedAt` on the last. */
export async function recordBatch(db: SqlWriter, cycleId: string, batch: number, changes: string, errors: string, counts: string, finishedAt: string | null): Promise<void> {
  await db.execute(db.q.insertInto('import_cycle_batches').values({ cycle_id: cycleId, batch, changes, errors }));
  const update = db.q.updateTable('import_cycles').where('id', '=', cycleId);
  await db.execute(finishedAt === null ? update.set({ counts }) : update.set({ counts, status: 'completed', finished_at: finishedAt }));
}

export async function listCycles(db: SqlReader): Promise<CycleRow[]> {
  return db.rows(cycles(db).orderBy('seq', 'desc'));
}

export async function findCycle(db: SqlReader, id: string): Promise<CycleRow | undefined> {
  return db.row(cycles(db).where('id', '=', id));
}

/** The workspace's last cycle that is not undone: the only one that can be undone. */
export async function lastLiveCycleId(db: SqlReader): Promise<string | undefined> {
  return (await db.row(db.q.selectFrom('import_cycles').select('id').where('status', '<>', 'undone').orderBy('seq', 'desc').limit(1)))?.id;
}

export async function cycleBatches(db: SqlReader, cycleId: string): Promise<Array<{ batch: number; changes: string; errors: string }>> {
  return db.rows(db.q.selectFrom('import_cycle_batches').select(['batch', 'changes', 'errors']).where('cycle_id', '=', cycleId).orderBy('batch'));
}

/** An undone cycle's changes, rewritten with what the undo read (see the 'un' change). */
export async function rewriteBatchChanges(db: SqlWriter, cycleId: string, batch: number, changes: string): Promise<void> {
  await db.execute(db.q.updateTable('import_cycle_batches').set({ changes }).where('cycle_id', '=', cycleId).where('batch', '=', batch));
}

/** The users that PSA contacts are mapped to (one query per 500), psaContactId → user. */
export async function usersOfContacts(db: SqlReader, psa: PsaKind, psaContactIds: readonly string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
  const users = new Map<string, { id: string; name: string; email: string }>();
  for (let start = 0; start < psaContactIds.length; start += 500) {
    const chunk = psaContactIds.slice(start, start + 500);
    const rows = await db.rows(
      db.q
        .selectFrom('contact_mappings as cm')
        .innerJoin('managed_users as u', 'u.id', 'cm.user_id')
        .select(['cm.psa_contact_id as psaContactId', 'u.id', 'u.name', 'u.email'])
        .where('cm.psa', '=', psa)
        .where('cm.psa_contact_id', 'in', chunk),
    );
    for (const { psaContactId, ...user } of rows) users.set(psaContactId, user);
  }
  return users;
}

export async function markUndone(db: SqlWriter, cycleId: string, at: string, by: string): Promise<void> {
  await db.execute(db.q.updateTable('import_cycles').set({ status: 'undone', undone_at: at, undone_by: by }).where('id', '=', cycleId));
}

/*
 * What an undo reads and writes in the directory. Each reversal first reads the row as it is now, so a
 * manual change since the import is found (and the undo refused) before anything is written back.
 */

export interface CompanyNow {
  readonly name: string;
}

export async function companyNow(db: SqlReader, id: string): Promise<CompanyNow | undefined> {
  return db.row(db.q.selectFrom('managed_companies').select('name').where('id', '=', id));
}

const companyMapping = (db: SqlReader, psa: PsaKind, psaCompanyId: string) =>
  db.q.selectFrom('company_mappings').where('psa', '=', psa).where('psa_company_id', '=', psaCompanyId);

export async function companyMappingNow(db: SqlReader, psa: PsaKind, psaCompanyId: string): Promise<{ managedCompanyId: string; lastImportedAt: string } | undefined> {
  return db.row(companyMapping(db, psa, psaCompanyId).select(['managed_company_id as managedCompanyId', 'last_imported_at as lastImportedAt']));
}

export interface CompanyMappingBefore {
  readonly managedCompanyId: string;
  readonly psaNameAtMapping: string;
  readonly mappedBy: string | null;
  readonly mappedAt: string;
  readonly lastImportedAt: string;
}

/** The whole mapping row, read before the import removes it ("Unmap"), to put it back on undo. */
export async function companyMappingRow(db: SqlReader, psa: PsaKind, psaCompanyId: string): Promise<CompanyMappingBefore | undefined> {
  return db.row(
    companyMapping(db, psa, psaCompanyId).select([
      'managed_company_id as managedCompanyId',
      'psa_name_at_mapping as psaNameAtMapping',
      'mapped_by as mappedBy',
      'mapped_at as mappedAt',
      'last_imported_at as lastImportedAt',
    ]),
  );
}

export async function restoreCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, row: CompanyMappingBefore): Promise<void> {
  await db.execute(
    db.q.insertInto('company_mappings').values({
      psa,
      psa_company_id: psaCompanyId,
      managed_company_id: row.managedCompanyId,
      psa_name_at_mapping: row.psaNameAtMapping,
      mapped_by: row.mappedBy,
      mapped_at: row.mappedAt,
      last_imported_at: row.lastImportedAt,
    }),
  );
}

export async function setCompanyMappingImportedAt(db: SqlWriter, psa: PsaKind, psaCompanyId: string, at: string, psaName: string): Promise<void> {
  await db.execute(db.q.updateTable('company_mappings').set({ last_imported_at: at, psa_name_at_mapping: psaName }).where('psa', '=', psa).where('psa_company_id', '=', psaCompanyId));
}

/** Users and PSA mappings a company has now (an undo removes only a company left with none). */
export async function companyDependents(db: SqlReader, id: string): Promise<{ users: number; mappings: number }> {
  const users = await db.row(db.q.selectFrom('managed_users').select((eb) => eb.fn.countAll().as('n')).where('managed_company_id', '=', id));
  const mappings = await db.row(db.q.selectFrom('company_mappings').select((eb) => eb.fn.countAll().as('n')).where('managed_company_id', '=', id));
  return { users: toCount(users?.n), mappings: toCount(mappings?.n) };
}

export async function deleteCompany(db: SqlWriter, id: string): Promise<void> {
  await db.execute(db.q.deleteFrom('managed_companies').where('id', '=', id));
}

export async function renameCompany(db: SqlWriter, id: string, name: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_companies').set({ name }).where('id', '=', id));
}

export interface UserNow {
  readonly createdAt: string;
  readonly managedCompanyId: string;
  readonly name: string;
  readonly email: string;
  readonly hasLicense: number;
  readonly updatedAt: string;
}

export async function userNow(db: SqlReader, id: string): Promise<UserNow | undefined> {
  return db.row(
    db.q
      .selectFrom('managed_users')
      .select(['created_at as createdAt', 'managed_company_id as managedCompanyId', 'name', 'email', 'has_license as hasLicense', 'updated_at as updatedAt'])
      .where('id', '=', id),
  );
}

export async function userMappingCount(db: SqlReader, userId: string): Promise<number> {
  return toCount((await db.row(db.q.selectFrom('contact_mappings').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId)))?.n);
}

export async function deleteUser(db: SqlWriter, id: string): Promise<void> {
  await db.execute(db.q.deleteFrom('managed_users').where('id', '=', id));
}

export async function setUserLicense(db: SqlWriter, id: string, hasLicense: boolean, updatedAt: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_users').set({ has_license: hasLicense ? 1 : 0, updated_at: updatedAt }).where('id', '=', id));
}

export async function setUserEmail(db: SqlWriter, id: string, email: string, updatedAt: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_users').set({ email, email_key: emailKey(email), updated_at: updatedAt }).where('id', '=', id));
}

const contactMapping = (db: SqlReader, psa: PsaKind, psaContactId: string) =>
  db.q.selectFrom('contact_mappings').where('psa', '=', psa).where('psa_contact_id', '=', psaContactId);

export async function contactMappingNow(db: SqlReader, psa: PsaKind, psaContactId: string): Promise<{ userId: string; lastImportedAt: string } | undefined> {
  return db.row(contactMapping(db, psa, psaContactId).select(['user_id as userId', 'last_imported_at as lastImportedAt']));
}

export interface ContactMappingBefore {
  readonly userId: string;
  readonly psaEmailAtMapping: string | null;
  readonly mappedBy: string | null;
  readonly mappedAt: string;
  readonly lastImportedAt: string;
}

export async function contactMappingRow(db: SqlReader, psa: PsaKind, psaContactId: string): Promise<ContactMappingBefore | undefined> {
  return db.row(
    contactMapping(db, psa, psaContactId).select(['user_id as userId', 'psa_email_at_mapping as psaEmailAtMapping', 'mapped_by as mappedBy', 'mapped_at as mappedAt', 'last_imported_at as lastImportedAt']),
  );
}

export async function restoreContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, row: ContactMappingBefore): Promise<void> {
  await db.execute(
    db.q.insertInto('contact_mappings').values({
      psa,
      psa_contact_id: psaContactId,
      user_id: row.userId,
      psa_email_at_mapping: row.psaEmailAtMapping,
      mapped_by: row.mappedBy,
      mapped_at: row.mappedAt,
      last_imported_at: row.lastImportedAt,
    }),
  );
}

export async function setContactMappingImportedAt(db: SqlWriter, psa: PsaKind, psaContactId: string, at: string): Promise<void> {
  await db.execute(db.q.updateTable('contact_mappings').set({ last_imported_at: at }).where('psa', '=', psa).where('psa_contact_id', '=', psaContactId));
}

export async function deleteCompanyMappingOf(db: SqlWriter, psa: PsaKind, psaCompanyId: string): Promise<void> {
  await db.execute(db.q.deleteFrom('company_mappings').where('psa', '=', psa).where('psa_company_id', '=', psaCompanyId));
}

export async function deleteContactMappingOf(db: SqlWriter, psa: PsaKind, psaContactId: string): Promise<void> {
  await db.execute(db.q.deleteFrom('contact_mappings').where('psa', '=', psa).where('psa_contact_id', '=', psaContactId));
}

/** SQL for the import history (import_cycles, import_cycle_batches) and the statements an undo runs on the directory. */
import type { PsaKind } from '../../../../shared/psa/kinds';
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

const CYCLE_COLUMNS = `seq, id, psa, actor_name AS actorName, filter, started_at AS startedAt, finished_at AS finishedAt, status, counts,
  undone_at AS undoneAt, undone_by AS undoneBy`;

export async function insertCycle(
  db: SqlWriter,
  cycle: { id: string; psa: PsaKind; actorId: string; actorName: string; filter: string | null; startedAt: string; counts: string },
): Promise<void> {
  await db.run("INSERT INTO import_cycles (id, psa, actor_id, actor_name, filter, started_at, status, counts) VALUES (?, ?, ?, ?, ?, ?, 'applying', ?)", [
    cycle.id,
    cycle.psa,
    cycle.actorId,
    cycle.actorName,
    cycle.filter,
    cycle.startedAt,
    cycle.counts,
  ]);
}

/** One batch of the apply: its changes and errors (JSON), and the cycle's counts so far; `finishedAt` on the last. */
export async function recordBatch(db: SqlWriter, cycleId: string, batch: number, changes: string, errors: string, counts: string, finishedAt: string | null): Promise<void> {
  await db.run('INSERT INTO import_cycle_batches (cycle_id, batch, changes, errors) VALUES (?, ?, ?, ?)', [cycleId, batch, changes, errors]);
  if (finishedAt === null) await db.run('UPDATE import_cycles SET counts = ? WHERE id = ?', [counts, cycleId]);
  else await db.run("UPDATE import_cycles SET counts = ?, status = 'completed', finished_at = ? WHERE id = ?", [counts, finishedAt, cycleId]);
}

export async function listCycles(db: SqlReader): Promise<CycleRow[]> {
  return db.all<CycleRow>(`SELECT ${CYCLE_COLUMNS} FROM import_cycles ORDER BY seq DESC`);
}

export async function findCycle(db: SqlReader, id: string): Promise<CycleRow | undefined> {
  return db.get<CycleRow>(`SELECT ${CYCLE_COLUMNS} FROM import_cycles WHERE id = ?`, [id]);
}

/** The workspace's last cycle that is not undone: the only one that can be undone. */
export async function lastLiveCycleId(db: SqlReader): Promise<string | undefined> {
  return (await db.get<{ id: string }>("SELECT id FROM import_cycles WHERE status <> 'undone' ORDER BY seq DESC LIMIT 1"))?.id;
}

export async function cycleBatches(db: SqlReader, cycleId: string): Promise<Array<{ batch: number; changes: string; errors: string }>> {
  return db.all('SELECT batch, changes, errors FROM import_cycle_batches WHERE cycle_id = ? ORDER BY batch', [cycleId]);
}

/** An undone cycle's changes, rewritten with what the undo read (see the 'un' change). */
export async function rewriteBatchChanges(db: SqlWriter, cycleId: string, batch: number, changes: string): Promise<void> {
  await db.run('UPDATE import_cycle_batches SET changes = ? WHERE cycle_id = ? AND batch = ?', [changes, cycleId, batch]);
}

/** The users that PSA contacts are mapped to (one query per 500), psaContactId → user. */
export async function usersOfContacts(db: SqlReader, psa: PsaKind, psaContactIds: readonly string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
  const users = new Map<string, { id: string; name: string; email: string }>();
  for (let start = 0; start < psaContactIds.length; start += 500) {
    const chunk = psaContactIds.slice(start, start + 500);
    const rows = await db.all<{ psaContactId: string; id: string; name: string; email: string }>(
      `SELECT cm.psa_contact_id AS psaContactId, u.id, u.name, u.email FROM contact_mappings cm JOIN managed_users u ON u.id = cm.user_id
        WHERE cm.psa = ? AND cm.psa_contact_id IN (${chunk.map(() => '?').join(',')})`,
      [psa, ...chunk],
    );
    for (const { psaContactId, ...user } of rows) users.set(psaContactId, user);
  }
  return users;
}

export async function markUndone(db: SqlWriter, cycleId: string, at: string, by: string): Promise<void> {
  await db.run("UPDATE import_cycles SET status = 'undone', undone_at = ?, undone_by = ? WHERE id = ?", [at, by, cycleId]);
}

/*
 * What an undo reads and writes in the directory. Each reversal first reads the row as it is now, so a
 * manual change since the import is found (and the undo refused) before anything is written back.
 */

export interface CompanyNow {
  readonly name: string;
}

export async function companyNow(db: SqlReader, id: string): Promise<CompanyNow | undefined> {
  return db.get<CompanyNow>('SELECT name FROM managed_companies WHERE id = ?', [id]);
}

export async function companyMappingNow(db: SqlReader, psa: PsaKind, psaCompanyId: string): Promise<{ managedCompanyId: string; lastImportedAt: string } | undefined> {
  return db.get('SELECT managed_company_id AS managedCompanyId, last_imported_at AS lastImportedAt FROM company_mappings WHERE psa = ? AND psa_company_id = ?', [psa, psaCompanyId]);
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
  return db.get(
    `SELECT managed_company_id AS managedCompanyId, psa_name_at_mapping AS psaNameAtMapping, mapped_by AS mappedBy, mapped_at AS mappedAt, last_imported_at AS lastImportedAt
       FROM company_mappings WHERE psa = ? AND psa_company_id = ?`,
    [psa, psaCompanyId],
  );
}

export async function restoreCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, row: CompanyMappingBefore): Promise<void> {
  await db.run(
    'INSERT INTO company_mappings (psa, psa_company_id, managed_company_id, psa_name_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [psa, psaCompanyId, row.managedCompanyId, row.psaNameAtMapping, row.mappedBy, row.mappedAt, row.lastImportedAt],
  );
}

export async function setCompanyMappingImportedAt(db: SqlWriter, psa: PsaKind, psaCompanyId: string, at: string, psaName: string): Promise<void> {
  await db.run('UPDATE company_mappings SET last_imported_at = ?, psa_name_at_mapping = ? WHERE psa = ? AND psa_company_id = ?', [at, psaName, psa, psaCompanyId]);
}

/** Users and PSA mappings a company has now (an undo removes only a company left with none). */
export async function companyDependents(db: SqlReader, id: string): Promise<{ users: number; mappings: number }> {
  const users = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM managed_users WHERE managed_company_id = ?', [id]))?.n ?? 0;
  const mappings = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM company_mappings WHERE managed_company_id = ?', [id]))?.n ?? 0;
  return { users, mappings };
}

export async function deleteCompany(db: SqlWriter, id: string): Promise<void> {
  await db.run('DELETE FROM managed_companies WHERE id = ?', [id]);
}

export async function renameCompany(db: SqlWriter, id: string, name: string): Promise<void> {
  await db.run('UPDATE managed_companies SET name = ? WHERE id = ?', [name, id]);
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
  return db.get<UserNow>('SELECT created_at AS createdAt, managed_company_id AS managedCompanyId, name, email, has_license AS hasLicense, updated_at AS updatedAt FROM managed_users WHERE id = ?', [id]);
}

export async function userMappingCount(db: SqlReader, userId: string): Promise<number> {
  return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM contact_mappings WHERE user_id = ?', [userId]))?.n ?? 0;
}

export async function deleteUser(db: SqlWriter, id: string): Promise<void> {
  await db.run('DELETE FROM managed_users WHERE id = ?', [id]);
}

export async function setUserLicense(db: SqlWriter, id: string, hasLicense: boolean, updatedAt: string): Promise<void> {
  await db.run('UPDATE managed_users SET has_license = ?, updated_at = ? WHERE id = ?', [hasLicense ? 1 : 0, updatedAt, id]);
}

export async function setUserEmail(db: SqlWriter, id: string, email: string, updatedAt: string): Promise<void> {
  await db.run('UPDATE managed_users SET email = ?, email_key = ?, updated_at = ? WHERE id = ?', [email, emailKey(email), updatedAt, id]);
}

export async function contactMappingNow(db: SqlReader, psa: PsaKind, psaContactId: string): Promise<{ userId: string; lastImportedAt: string } | undefined> {
  return db.get('SELECT user_id AS userId, last_imported_at AS lastImportedAt FROM contact_mappings WHERE psa = ? AND psa_contact_id = ?', [psa, psaContactId]);
}

export interface ContactMappingBefore {
  readonly userId: string;
  readonly psaEmailAtMapping: string | null;
  readonly mappedBy: string | null;
  readonly mappedAt: string;
  readonly lastImportedAt: string;
}

export async function contactMappingRow(db: SqlReader, psa: PsaKind, psaContactId: string): Promise<ContactMappingBefore | undefined> {
  return db.get(
    `SELECT user_id AS userId, psa_email_at_mapping AS psaEmailAtMapping, mapped_by AS mappedBy, mapped_at AS mappedAt, last_imported_at AS lastImportedAt
       FROM contact_mappings WHERE psa = ? AND psa_contact_id = ?`,
    [psa, psaContactId],
  );
}

export async function restoreContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, row: ContactMappingBefore): Promise<void> {
  await db.run(
    'INSERT INTO contact_mappings (psa, psa_contact_id, user_id, psa_email_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [psa, psaContactId, row.userId, row.psaEmailAtMapping, row.mappedBy, row.mappedAt, row.lastImportedAt],
  );
}

export async function setContactMappingImportedAt(db: SqlWriter, psa: PsaKind, psaContactId: string, at: string): Promise<void> {
  await db.run('UPDATE contact_mappings SET last_imported_at = ? WHERE psa = ? AND psa_contact_id = ?', [at, psa, psaContactId]);
}

export async function deleteCompanyMappingOf(db: SqlWriter, psa: PsaKind, psaCompanyId: string): Promise<void> {
  await db.run('DELETE FROM company_mappings WHERE psa = ? AND psa_company_id = ?', [psa, psaCompanyId]);
}

export async function deleteContactMappingOf(db: SqlWriter, psa: PsaKind, psaContactId: string): Promise<void> {
  await db.run('DELETE FROM contact_mappings WHERE psa = ? AND psa_contact_id = ?', [psa, psaContactId]);
}

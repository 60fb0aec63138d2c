/** SQL for the managed-companies directory and its PSA mappings; the only module that knows those columns. */
import type { PsaKind } from '../../../../shared/psa/kinds';
import type { SqlReader, SqlStatement, SqlWriter } from '../workspace';

export interface CompanyMappingRow {
  readonly managedCompanyId: string;
  /** The PSA's name for the company at its last import (an import records it; renames are told against it). */
  readonly psaNameAtMapping: string;
  readonly lastImportedAt: string;
}

export interface UserRow {
  readonly id: string;
  readonly managedCompanyId: string;
  readonly email: string;
  readonly hasLicense: boolean;
  readonly updatedAt: string;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function mappedPsaCompanyOf(db: SqlReader, psa: PsaKind, managedCompanyId: string): Promise<string | undefined> {
  const row = await db.get<{ id: string }>('SELECT psa_company_id AS id FROM company_mappings WHERE psa = ? AND managed_company_id = ?', [psa, managedCompanyId]);
  return row?.id;
}

export async function managedCompanyExists(db: SqlReader, id: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM managed_companies WHERE id = ?', [id])) !== undefined;
}

/*
 * The inserts, as statement and parameters: run one at a time below, or
 * gathered by a WriteBuffer and written in bulk (a big import's new rows).
 */

export function managedCompanyInsert(company: { id: string; name: string; origin: 'manual' | 'psa-import'; createdBy: string | null }, now: string): SqlStatement {
  return { sql: 'INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES (?, ?, ?, ?, ?)', params: [company.id, company.name, now, company.createdBy, company.origin] };
}

export function companyMappingInsert(psa: PsaKind, psaCompanyId: string, managedCompanyId: string, psaName: string, actorId: string, now: string): SqlStatement {
  return {
    sql: 'INSERT INTO company_mappings (psa, psa_company_id, managed_company_id, psa_name_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    params: [psa, psaCompanyId, managedCompanyId, psaName, actorId, now, now],
  };
}

export function userInsert(user: { id: string; managedCompanyId: string; name: string; email: string }, now: string): SqlStatement {
  return {
    sql: "INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', 1, ?, ?)",
    params: [user.id, user.managedCompanyId, user.name, user.email, emailKey(user.email), now, now],
  };
}

export function contactMappingInsert(psa: PsaKind, psaContactId: string, userId: string, email: string | null, actorId: string, now: string): SqlStatement {
  return {
    sql: 'INSERT INTO contact_mappings (psa, psa_contact_id, user_id, psa_email_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    params: [psa, psaContactId, userId, email, actorId, now, now],
  };
}

export function historyInsert(entity: 'company' | 'user', entityId: string, event: string, actorId: string, now: string, detail?: Record<string, string>): SqlStatement {
  return {
    sql: 'INSERT INTO record_history (entity, entity_id, at, actor_id, event, detail) VALUES (?, ?, ?, ?, ?, ?)',
    params: [entity, entityId, now, actorId, event, detail ? JSON.stringify(detail) : null],
  };
}

async function insert(db: SqlWriter, row: SqlStatement): Promise<void> {
  await db.run(row.sql, row.params);
}

export async function insertManagedCompany(db: SqlWriter, company: { id: string; name: string; origin: 'manual' | 'psa-import'; createdBy: string | null }, now: string): Promise<void> {
  await insert(db, managedCompanyInsert(company, now));
}

export async function insertCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, managedCompanyId: string, psaName: string, actorId: string, now: string): Promise<void> {
  await insert(db, companyMappingInsert(psa, psaCompanyId, managedCompanyId, psaName, actorId, now));
}

/** An import met the PSA company again: its name as the PSA has it now (a later rename is told from it), and not gone. */
export async function touchCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, psaName: string, now: string): Promise<void> {
  await db.run('UPDATE company_mappings SET last_imported_at = ?, psa_name_at_mapping = ?, psa_gone_at = NULL WHERE psa = ? AND psa_company_id = ?', [now, psaName, psa, psaCompanyId]);
}

export async function renameManagedCompany(db: SqlWriter, id: string, name: string): Promise<void> {
  await db.run('UPDATE managed_companies SET name = ? WHERE id = ?', [name, id]);
}

/**
 * What a download learned about mapped PSA companies: `gone` no longer exist in the PSA (flagged from `now`
 * unless flagged already), `present` do (flag cleared). In slices of 500 ids.
 */
export async function markPsaCompaniesGone(db: SqlWriter, psa: PsaKind, gone: readonly string[], present: readonly string[], now: string): Promise<void> {
  for (let start = 0; start < gone.length; start += 500) {
    const chunk = gone.slice(start, start + 500);
    await db.run(`UPDATE company_mappings SET psa_gone_at = coalesce(psa_gone_at, ?) WHERE psa = ? AND psa_company_id IN (${chunk.map(() => '?').join(',')})`, [now, psa, ...chunk]);
  }
  for (let start = 0; start < present.length; start += 500) {
    const chunk = present.slice(start, start + 500);
    await db.run(`UPDATE company_mappings SET psa_gone_at = NULL WHERE psa = ? AND psa_gone_at IS NOT NULL AND psa_company_id IN (${chunk.map(() => '?').join(',')})`, [psa, ...chunk]);
  }
}

const USER_COLUMNS = 'id, managed_company_id AS managedCompanyId, email, has_license AS hasLicense, updated_at AS updatedAt';
// Built once: statements are cached by their text, and a fresh string per call would have to be hashed each time.
const USER_BY_ID = `SELECT ${USER_COLUMNS} FROM managed_users WHERE id = ?`;
const USER_BY_EMAIL = `SELECT ${USER_COLUMNS} FROM managed_users WHERE managed_company_id = ? AND email_key = ?`;
type RawUser = Omit<UserRow, 'hasLicense'> & { hasLicense: number };
const toUser = (row: RawUser | undefined): UserRow | undefined => row && { ...row, hasLicense: row.hasLicense === 1 };

export async function findUser(db: SqlReader, id: string): Promise<UserRow | undefined> {
  return toUser(await db.get<RawUser>(USER_BY_ID, [id]));
}

export async function findUserByEmail(db: SqlReader, managedCompanyId: string, email: string): Promise<UserRow | undefined> {
  return toUser(await db.get<RawUser>(USER_BY_EMAIL, [managedCompanyId, emailKey(email)]));
}

export async function insertUser(db: SqlWriter, user: { id: string; managedCompanyId: string; name: string; email: string }, now: string): Promise<void> {
  await insert(db, userInsert(user, now));
}

export async function grantLicense(db: SqlWriter, userId: string, now: string): Promise<void> {
  await db.run('UPDATE managed_users SET has_license = 1, updated_at = ? WHERE id = ?', [now, userId]);
}

export async function updateUserEmail(db: SqlWriter, userId: string, email: string, now: string): Promise<void> {
  await db.run('UPDATE managed_users SET email = ?, email_key = ?, updated_at = ? WHERE id = ?', [email, emailKey(email), now, userId]);
}

export async function insertContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, userId: string, email: string | null, actorId: string, now: string): Promise<void> {
  await insert(db, contactMappingInsert(psa, psaContactId, userId, email, actorId, now));
}

export async function touchContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, now: string): Promise<void> {
  await db.run('UPDATE contact_mappings SET last_imported_at = ? WHERE psa = ? AND psa_contact_id = ?', [now, psa, psaContactId]);
}

export async function licensesInUse(db: SqlReader): Promise<number> {
  return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM managed_users WHERE has_license = 1'))?.n ?? 0;
}

export async function recordHistory(db: SqlWriter, entity: 'company' | 'user', entityId: string, event: string, actorId: string, now: string, detail?: Record<string, string>): Promise<void> {
  await insert(db, historyInsert(entity, entityId, event, actorId, now, detail));
}

export interface ManagedCompanyListRow {
  readonly id: string;
  readonly name: string;
  readonly origin: 'manual' | 'psa-import';
  readonly createdAt: string;
  readonly users: number;
  readonly licensedUsers: number;
  /** `psa:psaCompanyId` pairs, comma-separated (SQLite's group_concat). */
  readonly mappings: string | null;
  /** The same pairs for the mappings whose PSA company is gone from the PSA. */
  readonly goneMappings: string | null;
  /** When an import last met one of its PSA companies; null if none ever did. */
  readonly lastImportedAt: string | null;
}

/** NOCASE folds ASCII only ("Çelik" after "Z"): the renderer puts the list in the language's order (shared/i18n/collate.ts). */
export async function listManagedCompanies(db: SqlReader): Promise<ManagedCompanyListRow[]> {
  return db.all<ManagedCompanyListRow>(
    `SELECT c.id, c.name, c.origin, c.created_at AS createdAt,
            (SELECT COUNT(*) FROM managed_users u WHERE u.managed_company_id = c.id) AS users,
            (SELECT COUNT(*) FROM managed_users u WHERE u.managed_company_id = c.id AND u.has_license = 1) AS licensedUsers,
            (SELECT group_concat(m.psa || ':' || m.psa_company_id) FROM company_mappings m WHERE m.managed_company_id = c.id) AS mappings,
            (SELECT group_concat(m.psa || ':' || m.psa_company_id) FROM company_mappings m WHERE m.managed_company_id = c.id AND m.psa_gone_at IS NOT NULL) AS goneMappings,
            (SELECT max(m.last_imported_at) FROM company_mappings m WHERE m.managed_company_id = c.id) AS lastImportedAt
       FROM managed_companies c
      ORDER BY c.name COLLATE NOCASE, c.id`,
  );
}

export async function findManagedCompanyName(db: SqlReader, id: string): Promise<string | undefined> {
  return (await db.get<{ name: string }>('SELECT name FROM managed_companies WHERE id = ?', [id]))?.name;
}

/** Removes the company with its users and mappings (ON DELETE CASCADE). */
export async function deleteManagedCompany(db: SqlWriter, id: string): Promise<void> {
  await db.run('DELETE FROM managed_companies WHERE id = ?', [id]);
}

export interface CompanyMappingListRow {
  readonly psaCompanyId: string;
  readonly managedCompanyId: string;
  readonly psaNameAtMapping: string;
  readonly lastImportedAt: string;
}

/** Without the managed company's name: joining it here costs more than looking it up in memory (bench:reconcile). */
export async function listCompanyMappings(db: SqlReader, psa: PsaKind): Promise<CompanyMappingListRow[]> {
  return db.all<CompanyMappingListRow>(
    `SELECT psa_company_id AS psaCompanyId, managed_company_id AS managedCompanyId, psa_name_at_mapping AS psaNameAtMapping, last_imported_at AS lastImportedAt
       FROM company_mappings WHERE psa = ?`,
    [psa],
  );
}

export async function listCompanyRefs(db: SqlReader): Promise<Array<{ id: string; name: string }>> {
  return db.all<{ id: string; name: string }>('SELECT id, name FROM managed_companies');
}

/**
 * The same two reads in slices of `limit` rows (keyset on rowid), for reading in the background without
 * holding the main process for the whole table at once. Not one snapshot: the caller checks for commits.
 */
export async function listCompanyMappingsSlice(db: SqlReader, psa: PsaKind, afterRowid: number, limit: number): Promise<Array<CompanyMappingListRow & { rowid: number }>> {
  return db.all(
    `SELECT rowid AS rowid, psa_company_id AS psaCompanyId, managed_company_id AS managedCompanyId, psa_name_at_mapping AS psaNameAtMapping, last_imported_at AS lastImportedAt
       FROM company_mappings WHERE psa = ? AND rowid > ? ORDER BY rowid LIMIT ?`,
    [psa, afterRowid, limit],
  );
}

export async function listCompanyRefsSlice(db: SqlReader, afterRowid: number, limit: number): Promise<Array<{ rowid: number; id: string; name: string }>> {
  return db.all('SELECT rowid AS rowid, id, name FROM managed_companies WHERE rowid > ? ORDER BY rowid LIMIT ?', [afterRowid, limit]);
}

export async function listUsersOfCompany(db: SqlReader, managedCompanyId: string): Promise<Array<{ id: string; managedCompanyId: string; email: string; name: string }>> {
  return db.all('SELECT id, managed_company_id AS managedCompanyId, email, name FROM managed_users WHERE managed_company_id = ? ORDER BY name', [managedCompanyId]);
}

export async function listContactMappingsOfCompany(db: SqlReader, psa: PsaKind, managedCompanyId: string): Promise<Array<{ psaContactId: string; userId: string }>> {
  // CROSS JOIN keeps this order: the company's few users, then their mappings by index. Left to itself SQLite
  // walks every mapping of the PSA (`psa = ?` is the key's prefix): 160 ms per "Manage users" at 100,000 mappings.
  return db.all(
    `SELECT cm.psa_contact_id AS psaContactId, cm.user_id AS userId
       FROM managed_users u CROSS JOIN contact_mappings cm ON cm.user_id = u.id
      WHERE u.managed_company_id = ? AND cm.psa = ?`,
    [managedCompanyId, psa],
  );
}

/** The company's users imported from a PSA — any PSA: those with at least one contact mapping. */
export async function importedUsersOfCompany(db: SqlReader, managedCompanyId: string): Promise<Array<{ id: string; email: string }>> {
  return db.all(
    `SELECT u.id, u.email FROM managed_users u
      WHERE u.managed_company_id = ? AND EXISTS (SELECT 1 FROM contact_mappings cm WHERE cm.user_id = u.id)`,
    [managedCompanyId],
  );
}

export async function deleteCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string): Promise<void> {
  await db.run('DELETE FROM company_mappings WHERE psa = ? AND psa_company_id = ?', [psa, psaCompanyId]);
}

/** Contact mappings of many PSA contacts at once (one query per 500), psaContactId → userId. */
export async function contactMappingsOf(db: SqlReader, psa: PsaKind, psaContactIds: readonly string[]): Promise<Map<string, string>> {
  const mapped = new Map<string, string>();
  for (let start = 0; start < psaContactIds.length; start += 500) {
    const chunk = psaContactIds.slice(start, start + 500);
    const rows = await db.all<{ psaContactId: string; userId: string }>(
      `SELECT psa_contact_id AS psaContactId, user_id AS userId FROM contact_mappings WHERE psa = ? AND psa_contact_id IN (${chunk.map(() => '?').join(',')})`,
      [psa, ...chunk],
    );
    for (const row of rows) mapped.set(row.psaContactId, row.userId);
  }
  return mapped;
}

/** Company mappings of many PSA companies at once (one query per 500), psaCompanyId → mapping. */
export async function companyMappingsOf(db: SqlReader, psa: PsaKind, psaCompanyIds: readonly string[]): Promise<Map<string, CompanyMappingRow>> {
  const mapped = new Map<string, CompanyMappingRow>();
  for (let start = 0; start < psaCompanyIds.length; start += 500) {
    const chunk = psaCompanyIds.slice(start, start + 500);
    const rows = await db.all<CompanyMappingRow & { psaCompanyId: string }>(
      `SELECT psa_company_id AS psaCompanyId, managed_company_id AS managedCompanyId, psa_name_at_mapping AS psaNameAtMapping, last_imported_at AS lastImportedAt FROM company_mappings WHERE psa = ? AND psa_company_id IN (${chunk.map(() => '?').join(',')})`,
      [psa, ...chunk],
    );
    for (const { psaCompanyId, ...row } of rows) mapped.set(psaCompanyId, row);
  }
  return mapped;
}

export async function deleteContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string): Promise<void> {
  await db.run('DELETE FROM contact_mappings WHERE psa = ? AND psa_contact_id = ?', [psa, psaContactId]);
}

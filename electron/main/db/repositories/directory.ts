/** Queries on the managed-companies directory and its PSA mappings; the only module that knows those columns. */
import type { PsaKind } from '../../../../shared/psa/kinds';
import { sql, type RawBuilder } from 'kysely';
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';
import { insertSql, rowInsert, type RowInsert } from '../write-buffer';

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
  const row = await db.row(db.q.selectFrom('company_mappings').select('psa_company_id as id').where('psa', '=', psa).where('managed_company_id', '=', managedCompanyId));
  return row?.id;
}

export async function managedCompanyExists(db: SqlReader, id: string): Promise<boolean> {
  return (await db.row(db.q.selectFrom('managed_companies').select('id').where('id', '=', id))) !== undefined;
}

/*
 * The inserts, as typed rows: run one at a time below, or gathered by a
 * WriteBuffer and written in bulk (a big import's new rows).
 */

export function managedCompanyInsert(company: { id: string; name: string; origin: 'manual' | 'psa-import'; createdBy: string | null }, now: string): RowInsert<'managed_companies'> {
  return rowInsert('managed_companies', { id: company.id, name: company.name, created_at: now, created_by: company.createdBy, origin: company.origin });
}

export function companyMappingInsert(psa: PsaKind, psaCompanyId: string, managedCompanyId: string, psaName: string, actorId: string, now: string): RowInsert<'company_mappings'> {
  return rowInsert('company_mappings', {
    psa,
    psa_company_id: psaCompanyId,
    managed_company_id: managedCompanyId,
    psa_name_at_mapping: psaName,
    mapped_by: actorId,
    mapped_at: now,
    last_imported_at: now,
  });
}

export function userInsert(user: { id: string; managedCompanyId: string; name: string; email: string }, now: string): RowInsert<'managed_users'> {
  return rowInsert('managed_users', {
    id: user.id,
    managed_company_id: user.managedCompanyId,
    name: user.name,
    email: user.email,
    email_key: emailKey(user.email),
    status: 'active',
    has_license: 1,
    created_at: now,
    updated_at: now,
  });
}

export function contactMappingInsert(psa: PsaKind, psaContactId: string, userId: string, email: string | null, actorId: string, now: string): RowInsert<'contact_mappings'> {
  return rowInsert('contact_mappings', {
    psa,
    psa_contact_id: psaContactId,
    user_id: userId,
    psa_email_at_mapping: email,
    mapped_by: actorId,
    mapped_at: now,
    last_imported_at: now,
  });
}

export function historyInsert(entity: 'company' | 'user', entityId: string, event: string, actorId: string, now: string, detail?: Record<string, string>): RowInsert<'record_history'> {
  return rowInsert('record_history', { entity, entity_id: entityId, at: now, actor_id: actorId, event, detail: detail ? JSON.stringify(detail) : null });
}

async function insert(db: SqlWriter, row: RowInsert): Promise<void> {
  const { sql, params } = insertSql(db.dialect, row);
  await db.run(sql, params);
}

export async function insertManagedCompany(db: SqlWriter, company: { id: string; name: string; origin: 'manual' | 'psa-import'; createdBy: string | null }, now: string): Promise<void> {
  await insert(db, managedCompanyInsert(company, now));
}

export async function insertCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, managedCompanyId: string, psaName: string, actorId: string, now: string): Promise<void> {
  await insert(db, companyMappingInsert(psa, psaCompanyId, managedCompanyId, psaName, actorId, now));
}

/** An import met the PSA company again: its name as the PSA has it now (a later rename is told from it), and not gone. */
export async function touchCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string, psaName: string, now: string): Promise<void> {
  await db.execute(
    db.q
      .updateTable('company_mappings')
      .set({ last_imported_at: now, psa_name_at_mapping: psaName, psa_gone_at: null })
      .where('psa', '=', psa)
      .where('psa_company_id', '=', psaCompanyId),
  );
}

export async function renameManagedCompany(db: SqlWriter, id: string, name: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_companies').set({ name }).where('id', '=', id));
}

/**
 * What a download learned about mapped PSA companies: `gone` no longer exist in the PSA (flagged from `now`
 * unless flagged already), `present` do (flag cleared). In slices of 500 ids. Returns how many mappings changed.
 */
export async function markPsaCompaniesGone(db: SqlWriter, psa: PsaKind, gone: readonly string[], present: readonly string[], now: string): Promise<number> {
  let changed = 0;
  for (const chunk of slices(gone)) {
    // Only rows not flagged yet: an earlier flag keeps its time, and is no change.
    const flag = db.q.updateTable('company_mappings').set({ psa_gone_at: now }).where('psa', '=', psa).where('psa_gone_at', 'is', null).where('psa_company_id', 'in', chunk);
    changed += (await db.execute(flag)).changes;
  }
  for (const chunk of slices(present)) {
    changed += (await db.execute(db.q.updateTable('company_mappings').set({ psa_gone_at: null }).where('psa', '=', psa).where('psa_gone_at', 'is not', null).where('psa_company_id', 'in', chunk))).changes;
  }
  return changed;
}

/**
 * Lookups of many keys: PostgreSQL takes them all as one array parameter (`= any($1)`: one parse, one plan,
 * whatever the count), SQLite in IN lists of 500 (its parameter limit).
 */
function lookupSlices(db: SqlReader, ids: readonly string[]): ReadonlyArray<readonly string[]> {
  return db.dialect === 'postgres' ? (ids.length > 0 ? [ids] : []) : slices(ids);
}

/** PostgreSQL's `column = any($1)`, the ids as one text array. */
function anyOf(column: 'psa_contact_id' | 'psa_company_id' | 'id', ids: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;
}

/** Ids in slices of 500: one statement per slice keeps every IN list well inside both databases' limits. */
function slices(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < ids.length; start += 500) out.push(ids.slice(start, start + 500));
  return out;
}

const userColumns = (db: SqlReader) =>
  db.q.selectFrom('managed_users').select(['id', 'managed_company_id as managedCompanyId', 'email', 'has_license as hasLicense', 'updated_at as updatedAt']);
type RawUser = Omit<UserRow, 'hasLicense'> & { hasLicense: number };
const toUser = (row: RawUser | undefined): UserRow | undefined => row && { ...row, hasLicense: row.hasLicense === 1 };

export async function findUser(db: SqlReader, id: string): Promise<UserRow | undefined> {
  return toUser(await db.row(userColumns(db).where('id', '=', id)));
}

export async function findUserByEmail(db: SqlReader, managedCompanyId: string, email: string): Promise<UserRow | undefined> {
  return toUser(await db.row(userColumns(db).where('managed_company_id', '=', managedCompanyId).where('email_key', '=', emailKey(email))));
}

export async function insertUser(db: SqlWriter, user: { id: string; managedCompanyId: string; name: string; email: string }, now: string): Promise<void> {
  await insert(db, userInsert(user, now));
}

export async function grantLicense(db: SqlWriter, userId: string, now: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_users').set({ has_license: 1, updated_at: now }).where('id', '=', userId));
}

export async function updateUserEmail(db: SqlWriter, userId: string, email: string, now: string): Promise<void> {
  await db.execute(db.q.updateTable('managed_users').set({ email, email_key: emailKey(email), updated_at: now }).where('id', '=', userId));
}

export async function insertContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, userId: string, email: string | null, actorId: string, now: string): Promise<void> {
  await insert(db, contactMappingInsert(psa, psaContactId, userId, email, actorId, now));
}

export async function touchContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string, now: string): Promise<void> {
  await db.execute(db.q.updateTable('contact_mappings').set({ last_imported_at: now }).where('psa', '=', psa).where('psa_contact_id', '=', psaContactId));
}

export async function licensesInUse(db: SqlReader): Promise<number> {
  return toCount((await db.row(db.q.selectFrom('managed_users').select((eb) => eb.fn.countAll().as('n')).where('has_license', '=', 1)))?.n);
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
  /** `psa:psaCompanyId` pairs, comma-separated. */
  readonly mappings: string | null;
  /** The same pairs for the mappings whose PSA company is gone from the PSA. */
  readonly goneMappings: string | null;
  /** When an import last met one of its PSA companies; null if none ever did. */
  readonly lastImportedAt: string | null;
}

/** `psa:psaCompanyId` pairs of the mappings in `m`, comma-separated, in the workspace's dialect. */
function mappingPairs(db: SqlReader): RawBuilder<string | null> {
  return db.dialect === 'sqlite' ? sql<string | null>`group_concat(m.psa || ':' || m.psa_company_id)` : sql<string | null>`string_agg(m.psa || ':' || m.psa_company_id, ',')`;
}

/** lower() folds case in both dialects, ASCII only in SQLite ("Çelik" after "Z"): the renderer puts the list in the language's order (shared/i18n/collate.ts). */
export async function listManagedCompanies(db: SqlReader): Promise<ManagedCompanyListRow[]> {
  const rows = await db.rows(
    db.q
      .selectFrom('managed_companies as c')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.origin',
        'c.created_at as createdAt',
        eb.selectFrom('managed_users as u').select((sub) => sub.fn.countAll().as('n')).whereRef('u.managed_company_id', '=', 'c.id').as('users'),
        eb.selectFrom('managed_users as u').select((sub) => sub.fn.countAll().as('n')).whereRef('u.managed_company_id', '=', 'c.id').where('u.has_license', '=', 1).as('licensedUsers'),
        eb.selectFrom('company_mappings as m').select(mappingPairs(db).as('pairs')).whereRef('m.managed_company_id', '=', 'c.id').as('mappings'),
        eb.selectFrom('company_mappings as m').select(mappingPairs(db).as('pairs')).whereRef('m.managed_company_id', '=', 'c.id').where('m.psa_gone_at', 'is not', null).as('goneMappings'),
        eb.selectFrom('company_mappings as m').select((sub) => sub.fn.max('m.last_imported_at').as('at')).whereRef('m.managed_company_id', '=', 'c.id').as('lastImportedAt'),
      ])
      .orderBy(sql`lower(c.name)`)
      .orderBy('c.id'),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    origin: row.origin,
    createdAt: row.createdAt,
    users: toCount(row.users ?? 0),
    licensedUsers: toCount(row.licensedUsers ?? 0),
    mappings: row.mappings ?? null,
    goneMappings: row.goneMappings ?? null,
    lastImportedAt: row.lastImportedAt ?? null,
  }));
}

export async function findManagedCompanyName(db: SqlReader, id: string): Promise<string | undefined> {
  return (await db.row(db.q.selectFrom('managed_companies').select('name').where('id', '=', id)))?.name;
}

/** Removes the company with its users and mappings (ON DELETE CASCADE). */
export async function deleteManagedCompany(db: SqlWriter, id: string): Promise<void> {
  await db.execute(db.q.deleteFrom('managed_companies').where('id', '=', id));
}

export interface CompanyMappingListRow {
  readonly psaCompanyId: string;
  readonly managedCompanyId: string;
  readonly psaNameAtMapping: string;
  readonly lastImportedAt: string;
}

const mappingColumns = (db: SqlReader) =>
  db.q
    .selectFrom('company_mappings')
    .select(['psa_company_id as psaCompanyId', 'managed_company_id as managedCompanyId', 'psa_name_at_mapping as psaNameAtMapping', 'last_imported_at as lastImportedAt']);

/**
 * Without the managed company's name: joining it here costs more than looking it up in memory (bench:reconcile).
 * In key order, as the slices below: without ORDER BY, PostgreSQL returns rows in the order they sit in the
 * table, which an update changes (SQLite happened to walk the key), so "not in <PSA>" came out shuffled.
 */
export async function listCompanyMappings(db: SqlReader, psa: PsaKind): Promise<CompanyMappingListRow[]> {
  return db.rows(mappingColumns(db).where('psa', '=', psa).orderBy('psa_company_id'));
}

export async function listCompanyRefs(db: SqlReader): Promise<Array<{ id: string; name: string }>> {
  return db.rows(db.q.selectFrom('managed_companies').select(['id', 'name']).orderBy('id'));
}

/**
 * The same two reads in slices of `limit` rows (keyset on the key, in both dialects), for reading in the
 * background without holding the main process for the whole table at once. Not one snapshot: the caller
 * checks for commits. `sliceKey` is where the next slice starts after.
 */
export async function listCompanyMappingsSlice(db: SqlReader, psa: PsaKind, afterKey: string | null, limit: number): Promise<Array<CompanyMappingListRow & { sliceKey: string }>> {
  let query = mappingColumns(db).select('psa_company_id as sliceKey').where('psa', '=', psa);
  if (afterKey !== null) query = query.where('psa_company_id', '>', afterKey);
  return db.rows(query.orderBy('psa_company_id').limit(limit));
}

export async function listCompanyRefsSlice(db: SqlReader, afterKey: string | null, limit: number): Promise<Array<{ sliceKey: string; id: string; name: string }>> {
  let query = db.q.selectFrom('managed_companies').select(['id as sliceKey', 'id', 'name']);
  if (afterKey !== null) query = query.where('id', '>', afterKey);
  return db.rows(query.orderBy('id').limit(limit));
}

export async function listUsersOfCompany(db: SqlReader, managedCompanyId: string): Promise<Array<{ id: string; managedCompanyId: string; email: string; name: string }>> {
  return db.rows(db.q.selectFrom('managed_users').select(['id', 'managed_company_id as managedCompanyId', 'email', 'name']).where('managed_company_id', '=', managedCompanyId).orderBy('name'));
}

export async function listContactMappingsOfCompany(db: SqlReader, psa: PsaKind, managedCompanyId: string): Promise<Array<{ psaContactId: string; userId: string }>> {
  // CROSS JOIN keeps this order in SQLite: the company's few users, then their mappings by index. Left to itself
  // SQLite walks every mapping of the PSA (`psa = ?` is the key's prefix): 160 ms per "Manage users" at 100,000
  // mappings. PostgreSQL plans a cross join with a join condition in WHERE as any inner join.
  return db.rows(
    db.q
      .selectFrom('managed_users as u')
      .crossJoin('contact_mappings as cm')
      .select(['cm.psa_contact_id as psaContactId', 'cm.user_id as userId'])
      .whereRef('cm.user_id', '=', 'u.id')
      .where('u.managed_company_id', '=', managedCompanyId)
      .where('cm.psa', '=', psa),
  );
}

/** The company's users imported from a PSA — any PSA: those with at least one contact mapping. */
export async function importedUsersOfCompany(db: SqlReader, managedCompanyId: string): Promise<Array<{ id: string; email: string }>> {
  return db.rows(
    db.q
      .selectFrom('managed_users as u')
      .select(['u.id', 'u.email'])
      .where('u.managed_company_id', '=', managedCompanyId)
      .where((eb) => eb.exists(eb.selectFrom('contact_mappings as cm').select('cm.user_id').whereRef('cm.user_id', '=', 'u.id'))),
  );
}

export async function deleteCompanyMapping(db: SqlWriter, psa: PsaKind, psaCompanyId: string): Promise<void> {
  await db.execute(db.q.deleteFrom('company_mappings').where('psa', '=', psa).where('psa_company_id', '=', psaCompanyId));
}

/** Contact mappings of many PSA contacts at once (one query per 500), psaContactId → userId. */
export async function contactMappingsOf(db: SqlReader, psa: PsaKind, psaContactIds: readonly string[]): Promise<Map<string, string>> {
  const mapped = new Map<string, string>();
  for (const chunk of lookupSlices(db, psaContactIds)) {
    const query = db.q.selectFrom('contact_mappings').select(['psa_contact_id as psaContactId', 'user_id as userId']).where('psa', '=', psa);
    const rows = await db.rows(db.dialect === 'postgres' ? query.where(anyOf('psa_contact_id', chunk)) : query.where('psa_contact_id', 'in', chunk));
    for (const row of rows) mapped.set(row.psaContactId, row.userId);
  }
  return mapped;
}

/** Many users' email addresses at once (one query per 500), user id → email; a user not there is absent. */
export async function userEmailsOf(db: SqlReader, userIds: readonly string[]): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  for (const chunk of lookupSlices(db, userIds)) {
    const query = db.q.selectFrom('managed_users').select(['id', 'email']);
    const rows = await db.rows(db.dialect === 'postgres' ? query.where(anyOf('id', chunk)) : query.where('id', 'in', chunk));
    for (const row of rows) emails.set(row.id, row.email);
  }
  return emails;
}

/** Company mappings of many PSA companies at once (one query per 500), psaCompanyId → mapping. */
export async function companyMappingsOf(db: SqlReader, psa: PsaKind, psaCompanyIds: readonly string[]): Promise<Map<string, CompanyMappingRow>> {
  const mapped = new Map<string, CompanyMappingRow>();
  for (const chunk of lookupSlices(db, psaCompanyIds)) {
    const query = mappingColumns(db).where('psa', '=', psa);
    const rows = await db.rows(db.dialect === 'postgres' ? query.where(anyOf('psa_company_id', chunk)) : query.where('psa_company_id', 'in', chunk));
    for (const { psaCompanyId, ...row } of rows) mapped.set(psaCompanyId, row);
  }
  return mapped;
}

export async function deleteContactMapping(db: SqlWriter, psa: PsaKind, psaContactId: string): Promise<void> {
  await db.execute(db.q.deleteFrom('contact_mappings').where('psa', '=', psa).where('psa_contact_id', '=', psaContactId));
}

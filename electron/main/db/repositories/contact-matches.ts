/**
 * The reads "Manage users" makes for one company (directory.listUsersOfCompany, listContactMappingsOfCompany,
 * importedUsersOfCompany), for many managed companies at once: one statement each, whatever the number of companies
 * (the ids travel as one parameter: PostgreSQL's text array, SQLite's JSON array read by json_each).
 */
import { sql, type RawBuilder } from 'kysely';
import type { PsaKind } from '../../../../shared/psa/kinds';
import type { SqlReader } from '../workspace';

/** `column` is one of `ids`, as one parameter in either dialect. */
function oneOf(db: SqlReader, column: string, ids: readonly string[]): RawBuilder<boolean> {
  return db.dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])` : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The users of these managed companies. Unordered: a company's users have distinct emails (its unique email key),
 * so matching by email does not depend on their order.
 */
export async function listUsersOfCompanies(db: SqlReader, managedCompanyIds: readonly string[]): Promise<Array<{ id: string; managedCompanyId: string; email: string; name: string }>> {
  if (managedCompanyIds.length === 0) return [];
  return db.rows(db.q.selectFrom('managed_users').select(['id', 'managed_company_id as managedCompanyId', 'email', 'name']).where(oneOf(db, 'managed_company_id', managedCompanyIds)));
}

/** This PSA's contact mappings to users of these managed companies. */
export async function listContactMappingsOfCompanies(db: SqlReader, psa: PsaKind, managedCompanyIds: readonly string[]): Promise<Array<{ psaContactId: string; userId: string }>> {
  if (managedCompanyIds.length === 0) return [];
  // The companies' users first, then their mappings by index (see listContactMappingsOfCompany).
  return db.rows(
    db.q
      .selectFrom('managed_users as u')
      .crossJoin('contact_mappings as cm')
      .select(['cm.psa_contact_id as psaContactId', 'cm.user_id as userId'])
      .whereRef('cm.user_id', '=', 'u.id')
      .where(oneOf(db, 'u.managed_company_id', managedCompanyIds))
      .where('cm.psa', '=', psa),
  );
}

/** The users of these managed companies imported from a PSA — any PSA: those with at least one contact mapping. */
export async function importedUsersOfCompanies(db: SqlReader, managedCompanyIds: readonly string[]): Promise<Array<{ id: string }>> {
  if (managedCompanyIds.length === 0) return [];
  return db.rows(
    db.q
      .selectFrom('managed_users as u')
      .select(['u.id'])
      .where(oneOf(db, 'u.managed_company_id', managedCompanyIds))
      .where((eb) => eb.exists(eb.selectFrom('contact_mappings as cm').select('cm.user_id').whereRef('cm.user_id', '=', 'u.id'))),
  );
}

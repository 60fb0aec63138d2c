/** Typed set-up and look-ups for the domain tests, on either backend (no dialect's raw SQL in a test). */
import type { Database } from '../../electron/main/db/schema';
import { toCount } from '../../electron/main/db/sql-builder';
import type { SqlReader, SqlWriter } from '../../electron/main/db/workspace';

/** A company made by hand (origin manual), as the directory screen would create it. */
export function addManagedCompany(tx: SqlWriter, id: string, name: string, createdAt = '2026-01-01', origin: 'manual' | 'psa-import' = 'manual') {
  return tx.execute(tx.q.insertInto('managed_companies').values({ id, name, created_at: createdAt, created_by: null, origin }));
}

/** A user made by hand in company `companyId`. */
export function addManagedUser(tx: SqlWriter, user: { id: string; companyId: string; name?: string; email: string; hasLicense?: 0 | 1; at?: string }) {
  const at = user.at ?? '2026-01-01';
  return tx.execute(
    tx.q.insertInto('managed_users').values({
      id: user.id,
      managed_company_id: user.companyId,
      name: user.name ?? user.id,
      email: user.email,
      email_key: user.email.toLowerCase(),
      status: 'active',
      has_license: user.hasLicense ?? 0,
      created_at: at,
      updated_at: at,
    }),
  );
}

/** How many rows `table` holds. */
export async function countRows(db: SqlReader, table: keyof Database): Promise<number> {
  return toCount((await db.row(db.q.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))))?.n);
}

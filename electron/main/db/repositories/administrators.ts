/** Queries on the `administrators` table; the only module that knows its columns. */
/** The roles an administrators row holds (technicians live in their own table). */
export type AdminRole = 'master_admin' | 'admin';
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';

export interface Administrator {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: AdminRole;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly enabled: boolean;
}

export interface AdministratorListing extends Administrator {
  readonly lastSignInAt: string | null;
}

const COLUMNS = ['id', 'name', 'email', 'role', 'password_hash', 'must_change_password', 'enabled'] as const;

interface Row {
  id: string;
  name: string;
  email: string;
  role: AdminRole;
  password_hash: string;
  must_change_password: 0 | 1;
  enabled: 0 | 1;
}

function fromRow(row: Row): Administrator {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    enabled: row.enabled === 1,
  };
}

/** Emails compare case-insensitively; the key is what the unique index holds. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Which of `emails` (as email keys) an administrator signs in with: an import's check in one query per 500. */
export async function administratorEmailKeys(db: SqlReader, emails: readonly string[]): Promise<Set<string>> {
  const keys = [...new Set(emails.map(emailKey))];
  const taken = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    const rows = await db.rows(db.q.selectFrom('administrators').select('email_key').where('email_key', 'in', keys.slice(start, start + 500)));
    for (const row of rows) taken.add(row.email_key);
  }
  return taken;
}

export async function countAdministrators(db: SqlReader): Promise<number> {
  const row = await db.row(db.q.selectFrom('administrators').select((eb) => eb.fn.countAll().as('n')));
  return toCount(row?.n);
}

export async function findAdministratorByEmail(db: SqlReader, email: string): Promise<Administrator | undefined> {
  const row: Row | undefined = await db.row(db.q.selectFrom('administrators').select(COLUMNS).where('email_key', '=', emailKey(email)));
  return row && fromRow(row);
}

export async function findAdministratorById(db: SqlReader, id: string): Promise<Administrator | undefined> {
  const row: Row | undefined = await db.row(db.q.selectFrom('administrators').select(COLUMNS).where('id', '=', id));
  return row && fromRow(row);
}

export async function insertAdministrator(db: SqlWriter, admin: Administrator, now: string): Promise<void> {
  await db.execute(
    db.q.insertInto('administrators').values({
      id: admin.id,
      name: admin.name,
      email: admin.email,
      email_key: emailKey(admin.email),
      role: admin.role,
      password_hash: admin.passwordHash,
      must_change_password: admin.mustChangePassword ? 1 : 0,
      enabled: admin.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    }),
  );
}

export async function updatePassword(db: SqlWriter, id: string, passwordHash: string, mustChangePassword: boolean, now: string): Promise<void> {
  await db.execute(
    db.q.updateTable('administrators').set({ password_hash: passwordHash, must_change_password: mustChangePassword ? 1 : 0, updated_at: now }).where('id', '=', id),
  );
}

export async function recordSignIn(db: SqlWriter, id: string, now: string): Promise<void> {
  await db.execute(db.q.updateTable('administrators').set({ last_sign_in_at: now }).where('id', '=', id));
}

export async function listAdministrators(db: SqlReader): Promise<AdministratorListing[]> {
  const rows = await db.rows(db.q.selectFrom('administrators').select([...COLUMNS, 'last_sign_in_at']).orderBy('name').orderBy('id'));
  return rows.map((row) => ({ ...fromRow(row), lastSignInAt: row.last_sign_in_at }));
}

/** Enabled Master Administrators: the workspace never loses its last one. */
export async function countEnabledMasters(db: SqlReader): Promise<number> {
  const row = await db.row(db.q.selectFrom('administrators').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'master_admin').where('enabled', '=', 1));
  return toCount(row?.n);
}

export async function updateRoleAndStatus(db: SqlWriter, id: string, role: AdminRole, enabled: boolean, now: string): Promise<void> {
  await db.execute(db.q.updateTable('administrators').set({ role, enabled: enabled ? 1 : 0, updated_at: now }).where('id', '=', id));
}

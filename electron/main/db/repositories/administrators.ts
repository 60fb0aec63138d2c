/** Queries on the `administrators` table; the only module that knows its columns. */
import type { Role } from '../../../../shared/ipc/schemas';
import { toCount } from '../sql-builder';
import type { SqlReader, SqlWriter } from '../workspace';

export interface Administrator {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

const COLUMNS = ['id', 'name', 'email', 'role', 'password_hash', 'must_change_password'] as const;

interface Row {
  id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
  must_change_password: 0 | 1;
}

function fromRow(row: Row): Administrator {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Emails compare case-insensitively; the key is what the unique index holds. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
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
